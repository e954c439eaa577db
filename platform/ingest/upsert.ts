import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { MAX_BIND_PARAMETERS } from '../database/bulk-insert';

export interface WriteCounts {
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
 * Set-based INSERT ... ON CONFLICT DO UPDATE for imported records, a few thousand rows per statement. A row is
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
  const schema = meta.schema ?? em.config.get('schema');
  const knex = (em.getTransactionContext<Knex.Transaction>() ?? em.getKnex()) as Knex;
  const rowsPerStatement = Math.max(1, Math.min(2000, Math.floor(MAX_BIND_PARAMETERS / Math.max(props.length, 1))));

  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const batch = rows.slice(start, start + rowsPerStatement).map((row) => {
      const record: Record<string, unknown> = {};
      for (const prop of props) record[column(prop)] = (row as Record<string, unknown>)[prop] ?? null;
      return record;
    });
    const conflict = knex.withSchema(schema!).table(table).insert(batch).onConflict(keyColumns);
    const statement =
      updateColumns.length === 0
        ? conflict.ignore()
        : conflict.merge(updateColumns).where(function changed(this: Knex.QueryBuilder) {
            this.whereRaw('??.content_hash is distinct from excluded.content_hash', [table]);
            // A stored row without a source time (demo data, older imports) yields to any timed state.
            if (options.newerBy) this.andWhereRaw(`(??.?? is null or ??.?? <= excluded.??)`, [table, column(options.newerBy), table, column(options.newerBy), column(options.newerBy)]);
          });
    const written: { inserted: boolean }[] = await statement.returning(knex.raw('(xmax = 0) as inserted'));
    const inserted = written.filter((row) => row.inserted).length;
    counts.inserted += inserted;
    counts.updated += written.length - inserted;
    counts.unchanged += batch.length - written.length;
  }
  return counts;
}

function assertUniqueKeys<T>(entityName: string, rows: Partial<T>[], key: string[]): void {
  const seen = new Set<string>();
  for (const row of rows) {
    const value = JSON.stringify(key.map((prop) => (row as Record<string, unknown>)[prop]));
    if (seen.has(value)) throw new Error(`upsertByKey(${entityName}): two rows share the key ${key.join(', ')} = ${value}; report duplicates as input problems first`);
    seen.add(value);
  }
}
