/**
 * Rollups of "things counted on the day they first qualified" (listings, households with a shop, trained households...),
 * shared by the subgraphs that own such indicator rows. Each subgraph describes its items; this module writes the
 * migration SQL:
 * - `indicator_item`: one row per counted item and indicator (key, code, place, day): the bookkeeping that lets a
 *   trigger take an item's old contribution out without recomputing the previous state of the source tables;
 * - `indicator_commune_rollup` / `indicator_province_rollup`: items per code x commune (province) x Vietnam day, what
 *   the reports read; their size is bounded by places x days x codes, not by the number of items;
 * - `refresh_indicator_items_<kind>(keys)`: recomputes the items of the given keys from the source tables and moves
 *   the differences into both rollups (called by statement-level triggers, in the writer's transaction);
 * - `rebuild_indicator_rollups()`: everything recomputed (`npx nongsan rollups rebuild`, the generator).
 */

import type { EntityManager } from '@mikro-orm/postgresql';

/** The session setting that makes rollup triggers step aside for bulk loads that rebuild once at the end. */
export const DEFER_ROLLUPS_SETTING = 'nongsan.defer_rollups';

export interface QualifiedItemKind {
  /** Names the refresh function, e.g. "listing" -> refresh_indicator_items_listing(text[]). */
  kind: string;
  /** The indicator codes this kind produces (its rows in indicator_item). */
  codes: string[];
  /**
   * A select of `(key, code, province_code, commune_code, day)`, one row per counted item, for the keys that
   * `keyIn(column)` accepts (a predicate on the key column; true when rebuilding everything).
   */
  items: (keyIn: (column: string) => string) => string;
}

const LOCK_BUCKETS = 256;

const ROLLUPS = [
  { table: 'indicator_commune_rollup', columns: ['code', 'province_code', 'commune_code', 'day'] },
  { table: 'indicator_province_rollup', columns: ['code', 'province_code', 'day'] },
];

/** Adds `rows` (with columns code, province_code, commune_code, day) times `sign` into both rollups, as CTE parts. */
function intoRollups(schema: string, rows: string, sign: '' | '-'): string {
  const parts = ROLLUPS.map(({ table, columns }) => `insert into "${schema}"."${table}" as r (${columns.join(', ')}, item_count)
    select ${columns.join(', ')}, ${sign}count(*) from ${rows} group by ${columns.join(', ')}
    on conflict (${columns.join(', ')}) do update set item_count = r.item_count + excluded.item_count`);
  return `, first_rollup as (${parts[0]}) ${parts[1]}`;
}

/** The migration statements creating the tables, functions and filling them from the data already stored. */
export function qualifiedItemRollupsUp(schema: string, kinds: QualifiedItemKind[]): string[] {
  const t = (table: string) => `"${schema}"."${table}"`;
  const statements = [
    `create table ${t('indicator_item')} ("key" varchar(64) not null, "code" varchar(8) not null, "province_code" varchar(2) not null, "commune_code" varchar(5) not null, "day" date not null,
  constraint "indicator_item_pkey" primary key ("key", "code"));`,
    `create table ${t('indicator_commune_rollup')} ("code" varchar(8) not null, "province_code" varchar(2) not null, "commune_code" varchar(5) not null, "day" date not null, "item_count" integer not null,
  constraint "indicator_commune_rollup_pkey" primary key ("commune_code", "code", "day", "province_code"));`,
    `create table ${t('indicator_province_rollup')} ("code" varchar(8) not null, "province_code" varchar(2) not null, "day" date not null, "item_count" integer not null,
  constraint "indicator_province_rollup_pkey" primary key ("province_code", "code", "day"));`,
  ];
  for (const { kind, codes, items } of kinds) {
    const codeList = codes.map((code) => `'${code}'`).join(', ');
    statements.push(`create function ${t(`refresh_indicator_items_${kind}`)}(keys text[]) returns void language plpgsql as $$
begin
  if coalesce(current_setting('${DEFER_ROLLUPS_SETTING}', true), '') = 'on' or coalesce(array_length(keys, 1), 0) = 0 then return; end if;
  -- Two writers refreshing the same key would both take out the old items and both put in new ones: the second waits
  -- here until the first commits. Keys share ${LOCK_BUCKETS} locks per kind, so a bulk write takes a bounded number.
  perform pg_advisory_xact_lock(hashtext('${schema}.${kind}'), b) from (select distinct abs(hashtext(k) % ${LOCK_BUCKETS}) as b from unnest(keys) k order by 1) buckets;
  with gone as (delete from ${t('indicator_item')} where "key" = any(keys) and code in (${codeList}) returning code, province_code, commune_code, day)
  ${intoRollups(schema, 'gone', '-')};
  with came as (insert into ${t('indicator_item')} ("key", code, province_code, commune_code, day)
    select * from (${items((column) => `${column} = any(keys)`)}) as i("key", code, province_code, commune_code, day) where i.day is not null
    returning code, province_code, commune_code, day)
  ${intoRollups(schema, 'came', '')};
end $$;`);
  }
  statements.push(`create function ${t('rebuild_indicator_rollups')}() returns bigint language plpgsql as $$
begin
  delete from ${t('indicator_item')};
  delete from ${t('indicator_commune_rollup')};
  delete from ${t('indicator_province_rollup')};
  ${kinds.map(({ items }) => `insert into ${t('indicator_item')} ("key", code, province_code, commune_code, day) select * from (${items(() => 'true')}) as i("key", code, province_code, commune_code, day) where i.day is not null;`).join('\n  ')}
  ${ROLLUPS.map(({ table, columns }) => `insert into ${t(table)} (${columns.join(', ')}, item_count) select ${columns.join(', ')}, count(*) from ${t('indicator_item')} group by ${columns.join(', ')};`).join('\n  ')}
  return (select count(*) from ${t('indicator_commune_rollup')}) + (select count(*) from ${t('indicator_province_rollup')});
end $$;`);
  statements.push(`select ${t('rebuild_indicator_rollups')}();`);
  return statements;
}

export function qualifiedItemRollupsDown(schema: string, kinds: QualifiedItemKind[]): string[] {
  return [
    `drop function "${schema}"."rebuild_indicator_rollups"();`,
    ...kinds.map(({ kind }) => `drop function "${schema}"."refresh_indicator_items_${kind}"(text[]);`),
    ...['indicator_province_rollup', 'indicator_commune_rollup', 'indicator_item'].map((table) => `drop table "${schema}"."${table}";`),
  ];
}

/**
 * Which keys a write on a table touches, per kind: selects of one key column from `new_rows` (insert, update) and/or
 * `old_rows` (update, delete), the statement's transition tables.
 */
export interface RefreshOn {
  kind: string;
  insert?: string;
  update?: string;
  delete?: string;
}

const TRANSITION_TABLES = {
  insert: 'referencing new table as new_rows',
  update: 'referencing old table as old_rows new table as new_rows',
  delete: 'referencing old table as old_rows',
} as const;

/**
 * A plpgsql function `fn` that runs `body` once per statement (transition tables `old_rows`, `new_rows`) unless the
 * writer set rollups aside, and its insert, update and delete triggers on `table`, named `<table>_<name>_<op>`.
 * Every rollup's triggers are made (and dropped, `statementTriggersDown`) here.
 */
export function statementTriggersUp(schema: string, table: string, name: string, fn: string, body: string, declare = ''): string[] {
  return [
    `create function "${schema}"."${fn}"() returns trigger language plpgsql as $$
${declare ? `declare ${declare}\n` : ''}begin
  if coalesce(current_setting('${DEFER_ROLLUPS_SETTING}', true), '') = 'on' then return null; end if;
  ${body}
  return null;
end $$;`,
    ...(['insert', 'update', 'delete'] as const).map((op) => `create trigger "${table}_${name}_${op}" after ${op} on "${schema}"."${table}" ${TRANSITION_TABLES[op]} for each statement execute function "${schema}"."${fn}"();`),
  ];
}

export function statementTriggersDown(schema: string, table: string, name: string, fn: string): string[] {
  return [
    ...['insert', 'update', 'delete'].map((op) => `drop trigger "${table}_${name}_${op}" on "${schema}"."${table}";`),
    `drop function "${schema}"."${fn}"();`,
  ];
}

/**
 * Statement-level triggers on `table` that keep summing rollups: `upsert(rows, sign)` adds the transition table's rows
 * (sign '-' takes them away), so an update moves a row's sums from its old keys to its new ones in the same statement.
 */
export function summingTriggersUp(schema: string, table: string, name: string, upsert: (rows: 'old_rows' | 'new_rows', sign: '-' | '') => string): string[] {
  return statementTriggersUp(schema, table, name, `${name}_apply`, `if tg_op in ('UPDATE', 'DELETE') then
    ${upsert('old_rows', '-')};
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    ${upsert('new_rows', '')};
  end if;`);
}

export const summingTriggersDown = (schema: string, table: string, name: string): string[] => statementTriggersDown(schema, table, name, `${name}_apply`);

/**
 * For an update trigger: the `key` of the old and the new version of each row (matched by id) whose `columns` changed,
 * so that writes rewriting other columns (household lists, captures) refresh nothing.
 */
export function keysOfChangedRows(key: string, columns: string[]): string {
  const tuple = (rows: string) => `(${columns.map((column) => `${rows}.${column}`).join(', ')})`;
  return `select v.k from old_rows o full join new_rows n on n.id = o.id cross join lateral (values (o.${key}), (n.${key})) v(k)
      where o.id is distinct from n.id or ${tuple('o')} is distinct from ${tuple('n')}`;
}

/** Statement-level triggers on `table` that refresh the items of the keys each write touched. */
export function refreshTriggersUp(schema: string, table: string, refreshes: RefreshOn[]): string[] {
  const perform = (op: 'insert' | 'update' | 'delete') => refreshes.filter((refresh) => refresh[op])
    .map(({ kind, [op]: keys }) => `perform "${schema}"."refresh_indicator_items_${kind}"(array(select distinct k::text from (${keys}) as touched(k) where k is not null));`)
    .join('\n    ') || 'null;';
  return statementTriggersUp(schema, table, 'indicator_items', `${table}_indicator_items`, `if tg_op = 'INSERT' then
    ${perform('insert')}
  elsif tg_op = 'UPDATE' then
    ${perform('update')}
  else
    ${perform('delete')}
  end if;`);
}

export const refreshTriggersDown = (schema: string, table: string): string[] => statementTriggersDown(schema, table, 'indicator_items', `${table}_indicator_items`);

/**
 * The indicator rows read from the rollups for a batch of reports `q` (platform/indicators/batch.ts): the nation (and
 * provinces, when items know their province) from the province rollup, communes from the commune one. Owners whose
 * items know only a commune (`placedBy: 'commune'`, province_code '') answer a province from its communes.
 */
export function qualifiedItemFigures(schema: string, codes: string[], placedBy: 'province' | 'commune' = 'province'): string {
  const codeList = codes.map((code) => `'${code}'`).join(', ');
  const figures = (table: string, on: string) => `select q.key, r.code,
  sum(r.item_count) filter (where r.day >= q.p_from and r.day < q.p_to) as achieved,
  sum(r.item_count) filter (where r.day >= q.q_from and r.day < q.q_to) as previous,
  sum(r.item_count) as cumulative
from q join "${schema}"."${table}" r on ${on} and r.code in (${codeList}) and r.day < q.p_to
group by q.key, r.code`;
  // The nation on a branch of its own, so that a province's report reads its rows through the primary key.
  const nation = figures('indicator_province_rollup', 'q.province is null and q.commune is null');
  const [byProvince, byCommune] = placedBy === 'province'
    ? ['q.province is not null and q.commune is null and r.province_code = q.province', 'q.commune is not null and r.commune_code = q.commune']
    : [null, '(q.province is not null or q.commune is not null) and r.commune_code = any(q.communes)'];
  return [nation, ...(byProvince ? [figures('indicator_province_rollup', byProvince)] : []), figures('indicator_commune_rollup', byCommune)].join('\nunion all\n');
}

/** `rebuild_indicator_rollups()` of the subgraph's schema, in one transaction (`rollups rebuild`, the generator). */
export async function rebuildIndicatorItemRollups(em: EntityManager): Promise<{ table: string; rows: number }[]> {
  const schema = em.config.get('schema')!;
  const rows = await em.transactional((tx) => tx.getConnection().execute<{ rows: string }[]>(`select "${schema}"."rebuild_indicator_rollups"() as rows`));
  return [{ table: `${schema}.indicator_commune_rollup + indicator_province_rollup`, rows: Number(rows[0].rows) }];
}

/**
 * For a later migration that adds codes to a subgraph's kinds: the refresh and rebuild functions of
 * `qualifiedItemRollupsUp`, replaced in place (tables, rollups and triggers stay). Follow with a rebuild.
 */
export function qualifiedItemFunctionsReplaced(schema: string, kinds: QualifiedItemKind[]): string[] {
  return qualifiedItemRollupsUp(schema, kinds)
    .filter((sql) => sql.startsWith('create function'))
    .map((sql) => sql.replace(/^create function/, 'create or replace function'));
}
