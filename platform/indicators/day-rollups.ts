/**
 * "Distinct days" rollups: which keys (a buyer, a destination...) had qualifying source rows on which Vietnam day,
 * with how many rows stand behind each (key × day) pair, so that a cancel, delete or update takes a pair out again
 * when its last row goes. Distinct counts over a period (buyers, markets reached) are not additive, so they cannot
 * be summed from per-day counts; they can be counted over these pairs, whose number is bounded by keys × active days
 * instead of by source rows. Kept by statement-level triggers in the writer's transaction (`summingTriggersUp`),
 * recomputed by `rebuild_<table>()` (`npx nongsan rollups rebuild`, the generator).
 */

import { summingTriggersDown, summingTriggersUp } from './rollups';

export interface DayRollup {
  /** The rollup table, e.g. "input_buyer_day"; its rebuild function is `rebuild_<table>()`. */
  table: string;
  /** The source table whose rows are counted, read as `o`. */
  source: string;
  /** Key columns (besides `day`): name, SQL type, and the value taken from `o` (and `join`). Never null. */
  columns: { name: string; type: string; value: string }[];
  /** The Vietnam day of a source row. */
  day: string;
  /** Joins the values and `where` need, e.g. the listing of an order. */
  join?: string;
  /** Which source rows count. */
  where: string;
  /** The primary key, in the order readers look rows up (names among `columns` and `day`). */
  primaryKey: string[];
  /** Further indexes, each a list of column names. */
  indexes?: string[][];
}

const quoted = (names: string[]) => names.map((name) => `"${name}"`).join(', ');

function parts(schema: string, spec: DayRollup) {
  const t = `"${schema}"."${spec.table}"`;
  const keys = [...spec.columns.map(({ name }) => name), 'day'];
  const grouped = (rows: string, sign: '' | '-') => `select ${spec.columns.map(({ value }) => value).join(', ')}, ${spec.day}, ${sign}count(*)
  from ${rows} o ${spec.join ?? ''}
  where ${spec.where}
  group by ${keys.map((_, n) => n + 1).join(', ')}`;
  const keysOf = (rows: string) => `select ${spec.columns.map(({ value }) => value).join(', ')}, ${spec.day} from ${rows} o ${spec.join ?? ''} where ${spec.where}`;
  const insert = (alias = '') => `insert into ${t}${alias} (${quoted(keys)}, "row_count")`;
  return { t, keys, grouped, keysOf, insert };
}

/** The migration statements: the table, its triggers on the source, its rebuild function, and the fill from existing rows. */
export function dayRollupUp(schema: string, spec: DayRollup): string[] {
  const { t, keys, grouped, keysOf, insert } = parts(schema, spec);
  const upsert = (rows: 'old_rows' | 'new_rows', sign: '' | '-') => {
    const added = `${insert(' as r')} ${grouped(rows, sign)}
  on conflict (${quoted(keys)}) do update set "row_count" = r."row_count" + excluded."row_count"`;
    // A pair whose last row went is removed, so readers count the table's rows as they are.
    return sign === '' ? added : `${added};
    delete from ${t} r where r."row_count" = 0 and (${keys.map((key) => `r."${key}"`).join(', ')}) in (${keysOf(rows)})`;
  };
  return [
    `create table ${t} (${[...spec.columns, { name: 'day', type: 'date' }].map(({ name, type }) => `"${name}" ${type} not null`).join(', ')}, "row_count" integer not null,
  constraint "${spec.table}_pkey" primary key (${quoted(spec.primaryKey)}));`,
    ...(spec.indexes ?? []).map((columns) => `create index "${spec.table}_${columns.join('_')}_index" on ${t} (${quoted(columns)});`),
    ...summingTriggersUp(schema, spec.source, spec.table, upsert),
    `create function "${schema}"."rebuild_${spec.table}"() returns bigint language sql as $$
  delete from ${t};
  ${insert()} ${grouped(`"${schema}"."${spec.source}"`, '')};
  select count(*) from ${t};
$$;`,
    `select "${schema}"."rebuild_${spec.table}"();`,
  ];
}

export function dayRollupDown(schema: string, spec: DayRollup): string[] {
  return [
    ...summingTriggersDown(schema, spec.source, spec.table),
    `drop function "${schema}"."rebuild_${spec.table}"();`,
    `drop table "${schema}"."${spec.table}";`,
  ];
}
