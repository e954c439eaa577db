import type { LinkingCounts } from '../linking/summary';
import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';

export interface WriteCounts {
  /** For records linked to registry households: how the linking went. */
  linking?: LinkingCounts;
  /** New records. */
  inserted: number;
  /** Records whose content changed. */
  updated: number;
  /** Records already stored with the same content (a re-import), or older than what is stored. */
  unchanged: number;
}

export interface UpsertOptions<T> {
  /** Properties of the unique key a record is recognised by (a unique index must exist on them). */
  key: (keyof T & string)[];
  /** Properties written on insert but never changed afterwards (a creation date, a settled link...). */
  insertOnly?: (keyof T & string)[];
  /**
   * A timestamp property of the source's own clock: a row is only overwritten by one at least as recent, so that
   * events arriving out of order never put an older state back.
   */
  newerBy?: keyof T & string;
}

/**
 * Set-based INSERT ... ON CONFLICT DO UPDATE for imported records, five thousand rows per statement. A row is
 * rewritten only when its `contentHash` differs (see Provenance), so a re-import touches nothing and the counts
 * say so. Rows must be unique by key within one call: importers report duplicates as problems of the input.
 */
export async function upsertByKey<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  rows: Partial<T>[],
  options: UpsertOptions<T>,
): Promise<WriteCounts> {
  const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0 };
  if (rows.length === 0) return counts;
  const meta = em.getMetadata(entity);
  const column = (prop: string): string => {
    const field = meta.properties[prop as keyof typeof meta.properties]?.fieldNames?.[0];
    if (!field) throw new Error(`${meta.className} has no column for property "${prop}"`);
    return field;
  };
  assertUniqueKeys(meta.className, rows, options.key);

  const props = [...new Set(rows.flatMap((row) => Object.keys(row).filter((prop) => (row as Record<string, unknown>)[prop] !== undefined)))];
  const keyColumns = options.key.map(column);
  const frozen = new Set<string>([...options.key, ...(options.insertOnly ?? [])]);
  const updateColumns = props.filter((prop) => !frozen.has(prop)).map(column);
  const table = meta.tableName;
  const schema = meta.schema ?? em.config.get('schema')!;
  const knex = (em.getTransactionContext<Knex.Transaction>() ?? em.getKnex()) as Knex;
  const target = `${quote(schema)}.${quote(table)}`;
  const columns = props.map(column);
  const columnList = columns.map(quote).join(', ');
  // The rows travel as one JSON document that PostgreSQL turns into rows of the table's own type (enums, arrays,
  // dates included): about half again as fast as a VALUES list of tens of thousands of bind parameters, which
  // PostgreSQL must parse and plan each time.
  const sql =
    `insert into ${target} as target (${columnList}) select ${columnList} from jsonb_populate_recordset(null::${target}, ?::jsonb) ` +
    `on conflict (${keyColumns.map(quote).join(', ')}) ` +
    (updateColumns.length === 0
      ? 'do nothing '
      : `do update set ${updateColumns.map((name) => `${quote(name)} = excluded.${quote(name)}`).join(', ')} ` +
        'where target.content_hash is distinct from excluded.content_hash' +
        // A stored row without a source time (demo data, older imports) yields to any timed state.
        (options.newerBy
          ? ` and (target.${quote(column(options.newerBy))} is null or target.${quote(column(options.newerBy))} <= excluded.${quote(column(options.newerBy))}) `
          : ' ')) +
    'returning (xmax = 0) as inserted';

  // A string given for a JSON column is JSON text, as the pg driver sends it: parsed here, or it would be stored
  // as a JSON string.
  const jsonProps = new Set(props.filter((prop) => isJsonProperty(meta.properties[prop as keyof typeof meta.properties])));
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const batch = rows.slice(start, start + ROWS_PER_STATEMENT).map((row) => {
      const record: Record<string, unknown> = {};
      props.forEach((prop, index) => {
        const value = (row as Record<string, unknown>)[prop] ?? null;
        record[columns[index]] = jsonProps.has(prop) && typeof value === 'string' ? JSON.parse(value) : value;
      });
      return record;
    });
    const written: { inserted: boolean }[] = (await knex.raw(sql, [JSON.stringify(batch, jsonValue)])).rows;
    const inserted = written.filter((row) => row.inserted).length;
    counts.inserted += inserted;
    counts.updated += written.length - inserted;
    counts.unchanged += batch.length - written.length;
  }
  return counts;
}

function isJsonProperty(property: { type?: unknown; columnTypes?: string[] } | undefined): boolean {
  const type = String(property?.columnTypes?.[0] ?? property?.type ?? '').toLowerCase();
  return type === 'json' || type === 'jsonb' || type === 'jsontype';
}

/** Rows per statement: one JSON parameter, so no bind-parameter limit; a few MB at most. */
const ROWS_PER_STATEMENT = 5000;

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/**
 * What JSON cannot carry as PostgreSQL reads it: big integers as text, binary as bytea hex, and dates as the pg
 * driver sends them (local time with its offset), so that a Date stored in a date column keeps its local day.
 */
function jsonValue(this: unknown, key: string, value: unknown): unknown {
  const original = (this as Record<string, unknown>)[key];
  if (original instanceof Date) return localTimestamp(original);
  if (typeof value === 'bigint') return value.toString();
  if (value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer' && Array.isArray((value as { data?: unknown }).data)) {
    return `\\x${Buffer.from((value as { data: number[] }).data).toString('hex')}`;
  }
  return value;
}

function assertUniqueKeys<T>(entityName: string, rows: Partial<T>[], key: string[]): void {
  const seen = new Set<string>();
  for (const row of rows) {
    const value = JSON.stringify(key.map((prop) => (row as Record<string, unknown>)[prop]));
    if (seen.has(value)) throw new Error(`upsertByKey(${entityName}): two rows share the key ${key.join(', ')} = ${value}; report duplicates as input problems first`);
    seen.add(value);
  }
}

function localTimestamp(date: Date): string {
  const pad = (value: number, width = 2) => String(Math.abs(value)).padStart(width, '0');
  const offset = -date.getTimezoneOffset();
  return (
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}` +
    `${offset >= 0 ? '+' : '-'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
  );
}
