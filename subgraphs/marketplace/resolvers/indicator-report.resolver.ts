import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { figuresOf, reportQuestion } from '../../../platform/indicators/batch';
import { indicatorsOf } from '../../../platform/indicators/definitions';
import { calendarCount, calendarCumulative } from '../../../platform/indicators/calendar-rollups';
import { qualifiedItemFigures } from '../../../platform/indicators/rollups';
import { INPUT_BUYER_CALENDAR } from '../migrations/Migration20261206130000_buyer_calendar';
import { IndicatorRow, indicatorRow } from '../../../platform/indicators/graphql';
import type { SubgraphContext } from '../../../platform/subgraph';
import { IndicatorReport } from '../entities/references';
import type { MarketplaceLoaders } from '../loaders';

type Context = SubgraphContext<MarketplaceLoaders>;

@Resolver(() => IndicatorReport)
export class IndicatorReportResolver {
  @FieldResolver(() => [IndicatorRow], {
    nullable: true,
    description: 'Rows the marketplace owns: I.3 (households with a shop), II.1-II.4, II.6, II.7 (sales, brand marks, markets reached), III.3-III.5 (farm inputs).',
  })
  async salesRows(@Root() report: IndicatorReport, @Ctx() { loaders, viewer }: Context): Promise<IndicatorRow[]> {
    const figures = await loaders.indicatorFigures.load(reportQuestion(report));
    return indicatorsOf('marketplace').map(({ code }) => indicatorRow(code, figuresOf(figures, code), viewer));
  }
}

/**
 * The marketplace's indicators for a batch of reports `q`, in one statement, never from orders: sales from the rollups
 * kept by triggers at ingest (`sales_province_day_rollup` and `sales_province_rollup` for the nation and provinces,
 * `sales_rollup` for communes); markets reached (II.6, II.7) and farm-input buyers (III.4) from the "distinct days"
 * rollups (migration Migration20261206010000_day_rollups), each distinct thing grouped once per report before it is
 * counted for the period, the previous one and all time. Shops' households and listings count on the day they first
 * qualified, from the item rollups (migration Migration20261205140000_indicator_item_rollups).
 */
export const marketplaceIndicatorStatement = (schema: string) => ({ sql }: { sql: string }): string => {
  const t = (table: string) => `"${schema}"."${table}"`;
  // `aggregate` is `count(*)` or `sum(x)`, and `wrap` what is done to its result (tonnes from kg).
  const counted = (aggregate: string, day: string, wrap = (sql: string) => sql) => `
    ${wrap(`${aggregate} filter (where ${day} >= q.p_from and ${day} < q.p_to)`)} as achieved,
    ${wrap(`${aggregate} filter (where ${day} >= q.q_from and ${day} < q.q_to)`)} as previous,
    ${wrap(`${aggregate} filter (where ${day} < q.p_to)`)} as cumulative`;
  // Rows of `rows` (with key and day) grouped per report and `columns`: was there one in the period, the previous one.
  const presence = (rows: string, columns: string[]) => `select q.key, ${columns.map((column) => `r.${column}`).join(', ')},
    bool_or(r.day >= q.p_from and r.day < q.p_to) as in_period, bool_or(r.day >= q.q_from and r.day < q.q_to) as in_previous
  from q join (${rows}) r on r.key = q.key
  group by q.key, ${columns.map((column) => `r.${column}`).join(', ')}`;
  const distinctCounted = (what: string) => `count(${what}) filter (where in_period) as achieved,
    count(${what}) filter (where in_previous) as previous, count(${what}) as cumulative`;
  // Each scope on its own branch, so the nation scans its table by day and the others use their place's index.
  const nation = 'q.province is null and q.commune is null';
  const province = 'q.province is not null and q.commune is null';
  // Provinces read the province-grain rollup (II.2 the one without destinations), communes the commune-grain one.
  const sales = `(select q.key, r.day, r.destination_country, r.destination_province_code, r.order_count, r.quantity_kg
    from q join ${t('sales_province_rollup')} r on ${province} and r.seller_province_code = q.province
      and not r.is_farm_input and r.day < q.p_to
    union all
    select q.key, r.day, r.destination_country, r.destination_province_code, r.order_count, r.quantity_kg
    from q join ${t('sales_rollup')} r on q.commune is not null and (q.province is null or r.seller_province_code = q.province)
      and r.seller_commune_code = q.commune and not r.is_farm_input and r.day < q.p_to)`;
  const reached = presence(`select q.key, r.day, r.destination_country, r.destination_province_code
    from q join ${t('sales_destination_day')} r on ${nation} and r.day < q.p_to
    union all
    select key, day, destination_country, destination_province_code from sales where order_count > 0`, ['destination_country', 'destination_province_code']);
  // III.4 per report and scope branch (a lateral subquery, so the nation's buyers stream out of the (buyer, day)
  // index in order and are grouped without a sort): was each buyer there in the period, the previous one, ever.
  const buyers = (where: string, on: string) => `select q.key, 'III.4', b.achieved, b.previous, b.cumulative from q cross join lateral (
    select ${distinctCounted('*')} from (
      select bool_or(r.day >= q.p_from and r.day < q.p_to) as in_period, bool_or(r.day >= q.q_from and r.day < q.q_to) as in_previous
      from ${t('input_buyer_day')} r where ${on} and r.day < q.p_to group by r.buyer_household_id) per_buyer) b
  where ${where}`;
  // The nation's III.4 from the calendar rollup: a count per whole month, quarter or year and first days for the
  // cumulative; weeks and day ranges count their buyer-days directly (a lateral subquery per report).
  const directly = (from: string, to: string) => `(select count(distinct r.buyer_household_id) from ${t('input_buyer_day')} r where r.day >= ${from} and r.day < ${to})`;
  const nationBuyers = `select q.key, 'III.4',
    ${calendarCount(schema, INPUT_BUYER_CALENDAR, 'q.p_from', 'q.p_to', directly('q.p_from', 'q.p_to'))},
    ${calendarCount(schema, INPUT_BUYER_CALENDAR, 'q.q_from', 'q.q_to', directly('q.q_from', 'q.q_to'))},
    ${calendarCumulative(schema, INPUT_BUYER_CALENDAR, 'q.p_to')}
  from q where ${nation}`;
  return `with q as (select * from ${sql}), sales as ${sales}, reached as (${reached})
select q.key, 'II.2' as code, ${counted('sum(r.quantity_kg)', 'r.day', (sum) => `round(${sum} / 1000, 3)`)}
from q join (
  select q.key, r.day, r.quantity_kg from q join ${t('sales_province_day_rollup')} r on q.commune is null
    and (q.province is null or r.seller_province_code = q.province) and not r.is_farm_input and r.day < q.p_to
  union all
  select key, day, quantity_kg from sales where key in (select key from q where commune is not null)
) r on r.key = q.key
group by q.key
union all
select key, 'II.6', ${distinctCounted('*')}
from reached where destination_country = 'VN' and destination_province_code <> ''
group by key
union all
select key, 'II.7', ${distinctCounted('distinct destination_country')}
from reached where destination_country <> 'VN'
group by key
union all
${qualifiedItemFigures(schema, ['I.3', 'II.1', 'II.3', 'II.4', 'III.3', 'III.5'])}
union all
${nationBuyers}
union all
${buyers(province, 'r.destination_province_code = q.province')}
union all
${buyers('q.commune is not null', '(q.province is null or r.destination_province_code = q.province) and r.destination_commune_code = q.commune')}`;
};
