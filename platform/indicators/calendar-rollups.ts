/**
 * Calendar rollups: how many distinct keys (buyers, say) a "distinct days" rollup (day-rollups.ts) holds in each whole
 * calendar month, quarter and year, and how many had their first day on each day. A national report counting
 * distinct keys over a year would otherwise group every key-day pair of the country (1.4M at 5M households); with
 * these it reads one count for the period and sums first days for the cumulative, whatever the number of keys.
 *
 * Two tables: `<table>` holds one row per key and calendar period it was present in (grain M, Q, Y) and one per key
 * on its first day (grain F); `<table>_count` the number of such rows per grain and period start. A statement-level
 * trigger on the day rollup recomputes the calendar rows of the keys each write touched from the day rollup itself,
 * and adds the difference to the counts, in the writer's transaction. Writers touching the same keys wait for each
 * other on advisory locks (256 buckets per table); counts are updated in period order, so two writers never
 * deadlock on them.
 */

import { statementTriggersDown, statementTriggersUp } from './rollups';

export interface CalendarRollup {
  /** The calendar table, e.g. "input_buyer_calendar"; counts in `<table>_count`, rebuild by `rebuild_<table>()`. */
  table: string;
  /** The day rollup it follows, with a `day` column. */
  source: string;
  /** The key column of `source` whose distinct values are counted, and its SQL type. */
  key: string;
  keyType: string;
}

/** Grains: F = the key's first day, M = calendar month, Q = quarter, Y = year; `period_start` is their first day. */
const GRAINS = { M: { unit: 'month', length: '1 month' }, Q: { unit: 'quarter', length: '3 months' }, Y: { unit: 'year', length: '1 year' } } as const;

function parts(schema: string, spec: CalendarRollup) {
  const t = `"${schema}"."${spec.table}"`;
  const counts = `"${schema}"."${spec.table}_count"`;
  const source = `"${schema}"."${spec.source}"`;
  // The calendar rows of the keys `keys` selects (all of them when null), from the day rollup as it is now.
  const calendarRows = (keys: string | null) => {
    const where = keys ? `where d."${spec.key}" in (${keys})` : '';
    return [
      `select d."${spec.key}" as key, 'F'::char(1) as grain, min(d.day) as period_start from ${source} d ${where} group by 1`,
      ...Object.entries(GRAINS).map(([grain, { unit }]) =>
        `select d."${spec.key}", '${grain}'::char(1), date_trunc('${unit}', d.day)::date from ${source} d ${where} group by 1, 3`),
    ].join('\n    union all ');
  };
  return { t, counts, calendarRows };
}

/** The migration statements: both tables, the trigger on the day rollup, the rebuild function and the first fill. */
export function calendarRollupUp(schema: string, spec: CalendarRollup): string[] {
  const { t, counts, calendarRows } = parts(schema, spec);
  // Keys whose (key, day) pairs a statement added or removed; updates of a pair's row count change nothing here.
  const touched = {
    INSERT: `select "${spec.key}" from new_rows`,
    DELETE: `select "${spec.key}" from old_rows`,
    UPDATE: `select "${spec.key}" from ((select "${spec.key}", day from new_rows except select "${spec.key}", day from old_rows)
      union all (select "${spec.key}", day from old_rows except select "${spec.key}", day from new_rows)) changed`,
  };
  const refresh = (op: keyof typeof touched) => `
    select array(select distinct k from (${touched[op]}) as changed(k)) into keys;
    if cardinality(keys) = 0 then return null; end if;
    perform pg_advisory_xact_lock(hashtext('${spec.table}'), bucket)
      from (select distinct abs(hashtext(k::text)) % 256 as bucket from unnest(keys) k order by 1) buckets;
    with fresh as (${calendarRows('select unnest(keys)')}),
    stale as (select key, grain, period_start from ${t} where key = any(keys)),
    gone as (delete from ${t} c using (select * from stale except select * from fresh) x
      where c.key = x.key and c.grain = x.grain and c.period_start = x.period_start returning c.grain, c.period_start),
    added as (insert into ${t} (key, grain, period_start) select * from (select * from fresh except select * from stale) y
      returning grain, period_start)
    insert into ${counts} (grain, period_start, keys)
    select grain, period_start, sum(n) from (select grain, period_start, -1 as n from gone union all select grain, period_start, 1 from added) d
    group by 1, 2 having sum(n) <> 0 order by 1, 2
    on conflict (grain, period_start) do update set keys = ${counts}.keys + excluded.keys;`;
  return [
    `create table ${t} ("key" ${spec.keyType} not null, "grain" char(1) not null, "period_start" date not null,
  constraint "${spec.table}_pkey" primary key ("key", "grain", "period_start"));`,
    `create table ${counts} ("grain" char(1) not null, "period_start" date not null, "keys" bigint not null,
  constraint "${spec.table}_count_pkey" primary key ("grain", "period_start"));`,
    ...statementTriggersUp(schema, spec.source, spec.table, `${spec.table}_apply`, `if tg_op = 'INSERT' then ${refresh('INSERT')}
  elsif tg_op = 'UPDATE' then ${refresh('UPDATE')}
  else ${refresh('DELETE')}
  end if;`, `keys ${spec.keyType}[];`),
    `create function "${schema}"."rebuild_${spec.table}"() returns bigint language sql as $$
  delete from ${t};
  delete from ${counts};
  insert into ${t} (key, grain, period_start) ${calendarRows(null)};
  insert into ${counts} (grain, period_start, keys) select grain, period_start, count(*) from ${t} group by 1, 2;
  select count(*) from ${t};
$$;`,
    `select "${schema}"."rebuild_${spec.table}"();`,
  ];
}

export function calendarRollupDown(schema: string, spec: CalendarRollup): string[] {
  return [
    ...statementTriggersDown(schema, spec.source, spec.table, `${spec.table}_apply`),
    `drop function "${schema}"."rebuild_${spec.table}"();`,
    `drop table "${schema}"."${spec.table}_count";`,
    `drop table "${schema}"."${spec.table}";`,
  ];
}

/**
 * The distinct keys of the period [from, to) from the counts when it is one whole calendar month, quarter or year,
 * else from the day rollup (`fallback`, a scalar subquery: weeks and day ranges, short enough to count directly).
 */
export function calendarCount(schema: string, spec: CalendarRollup, from: string, to: string, fallback: string): string {
  const counts = `"${schema}"."${spec.table}_count"`;
  const grain = `case ${Object.entries(GRAINS).map(([grain, { unit, length }]) =>
    `when ${from} = date_trunc('${unit}', ${from})::date and ${to} = (${from} + interval '${length}')::date then '${grain}'`).join(' ')} end`;
  return `(case when ${grain} is null then ${fallback}
    else coalesce((select c.keys from ${counts} c where c.grain = ${grain} and c.period_start = ${from}), 0) end)`;
}

/** Distinct keys whose first day is before `to`: the cumulative, summed from the first-day counts. */
export function calendarCumulative(schema: string, spec: CalendarRollup, to: string): string {
  return `(select coalesce(sum(c.keys), 0) from "${schema}"."${spec.table}_count" c where c.grain = 'F' and c.period_start < ${to})`;
}
