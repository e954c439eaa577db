import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { figuresOf, reportQuestion } from '../../../platform/indicators/batch';
import { indicatorsOf } from '../../../platform/indicators/definitions';
import { qualifiedItemFigures } from '../../../platform/indicators/rollups';
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
 * The marketplace's indicators for a batch of reports `q`, in one statement. Sales come from the rollups (kept by
 * triggers at ingest; `sales_province_rollup` for the nation and provinces, `sales_rollup` for communes), never
 * orders, except III.4 which counts distinct buyers and so reads farm-input orders through their destination index.
 * Shops' households and listings count on the day they first qualified, from the item rollups (migration
 * Migration20261205140000_indicator_item_rollups).
 */
export const marketplaceIndicatorStatement = (schema: string) => ({ sql }: { sql: string }): string => {
  const t = (table: string) => `"${schema}"."${table}"`;
  const inScope = (province: string, commune: string) => `(q.province is null or ${province} = q.province) and (q.commune is null or ${commune} = q.commune)`;
  // `aggregate` is `count(*)` or `sum(x)`, and `wrap` what is done to its result (tonnes from kg).
  const counted = (aggregate: string, day: string, wrap = (sql: string) => sql) => `
    ${wrap(`${aggregate} filter (where ${day} >= q.p_from and ${day} < q.p_to)`)} as achieved,
    ${wrap(`${aggregate} filter (where ${day} >= q.q_from and ${day} < q.q_to)`)} as previous,
    ${wrap(`${aggregate} filter (where ${day} < q.p_to)`)} as cumulative`;
  const localDay = (column: string) => `(${column} at time zone 'Asia/Ho_Chi_Minh')::date`;
  // Nation and province reports read the province-grain rollups (II.2 the one without destinations), commune reports
  // the commune-grain one: either way a few rows per day rather than one per order.
  const sales = `(select q.key, r.day, r.destination_country, r.destination_province_code, r.order_count, r.quantity_kg
    from q join ${t('sales_province_rollup')} r on q.commune is null and (q.province is null or r.seller_province_code = q.province)
      and not r.is_farm_input and r.day < q.p_to
    union all
    select q.key, r.day, r.destination_country, r.destination_province_code, r.order_count, r.quantity_kg
    from q join ${t('sales_rollup')} r on q.commune is not null and ${inScope('r.seller_province_code', 'r.seller_commune_code')}
      and not r.is_farm_input and r.day < q.p_to)`;
  return `with q as (select * from ${sql}), sales as ${sales}
select q.key, 'II.2' as code, ${counted('sum(r.quantity_kg)', 'r.day', (sum) => `round(${sum} / 1000, 3)`)}
from q join (
  select q.key, r.day, r.quantity_kg from q join ${t('sales_province_day_rollup')} r on q.commune is null
    and (q.province is null or r.seller_province_code = q.province) and not r.is_farm_input and r.day < q.p_to
  union all
  select key, day, quantity_kg from sales where key in (select key from q where commune is not null)
) r on r.key = q.key
group by q.key
union all
select q.key, 'II.6', ${counted('count(distinct r.destination_province_code)', 'r.day')}
from q join sales r on r.key = q.key and r.destination_country = 'VN' and r.destination_province_code <> '' and r.order_count > 0
group by q.key
union all
select q.key, 'II.7', ${counted('count(distinct r.destination_country)', 'r.day')}
from q join sales r on r.key = q.key and r.destination_country <> 'VN' and r.order_count > 0
group by q.key
union all
${qualifiedItemFigures(schema, ['I.3', 'II.1', 'II.3', 'II.4', 'III.3', 'III.5'])}
union all
select q.key, 'III.4', ${counted('count(distinct o.buyer_household_id)', localDay('o.ordered_at'))}
from q join ${t('order')} o on ${inScope('o.destination_province_code', 'o.destination_commune_code')}
  and o.buyer_household_id is not null and o.status <> 'CANCELLED' and o.ordered_at < (q.p_to::timestamp at time zone 'Asia/Ho_Chi_Minh')
join ${t('listing')} l on l.id = o.listing_id and l.is_farm_input
group by q.key`;
};
