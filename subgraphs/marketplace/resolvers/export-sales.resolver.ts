import type { Knex } from 'knex';
import { Arg, Args, Ctx, Field, FieldResolver, Float, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { parseReportPeriod } from '../../../platform/indicators/period';
import { checkPageSize, decodeCursor, PageArgs, toPage, type Page } from '../../../platform/graphql/pagination';
import { communesOfProvinceArgument } from '../../../platform/graphql/place-arguments';
import type { SubgraphContext } from '../../../platform/subgraph';
import { Order } from '../entities/order';
import type { MarketplaceLoaders } from '../loaders';
import { COUNTRY_NAMES, OrderStatus } from '../vocabulary';
import { OrderConnection } from './listing.resolver';

type Context = SubgraphContext<MarketplaceLoaders>;

@ObjectType({ description: 'Delivered produce sold abroad in one month (Vietnam time), to one country, of one product category.' })
export class ExportMonth {
  @Field(() => String, { description: 'YYYY-MM, by delivery day.' })
  month!: string;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2 code of the destination country.' })
  country!: string;

  @Field(() => String, { description: 'Its name, e.g. "Trung Quốc".' })
  countryName!: string;

  @Field(() => String, { description: 'Product category (ngành hàng) of the listings, as the platforms name it.' })
  category!: string;

  @Field(() => Int)
  orderCount!: number;

  @Field(() => Float, { description: 'Tonnes delivered.' })
  tonnes!: number;

  @Field(() => Float, { description: 'Value in VND.' })
  valueVnd!: number;
}

@ObjectType({
  description:
    'Cross-border sales of a province\'s sellers (or the nation\'s): delivered produce orders to other countries, never farm inputs, ' +
    'never cancelled or undelivered orders (the same orders as indicator II.7).',
})
export class ExportSales {
  @Field(() => [ExportMonth], { description: 'Per month, country and product category, oldest month first.' })
  byMonth!: ExportMonth[];

  /** The orders asked for; the list field pages over them. */
  orders!: (knex: Knex) => Knex.QueryBuilder;
}

@Resolver(() => ExportSales)
export class ExportSalesResolver {
  @Query(() => ExportSales, { description: 'Countries reached over time (Sở Công Thương): cross-border sales by month, country and product category.' })
  async exportSales(
    @Arg('provinceCode', () => String, { nullable: true, description: 'The sellers\' province; the nation when omitted.' }) provinceCode: string | null | undefined,
    @Arg('country', () => String, { nullable: true, description: 'Only this destination country (ISO alpha-2).' }) country: string | null | undefined,
    @Arg('period', () => String, { nullable: true, description: 'Delivered in this period (2026-06, 2026-Q2, 2026, or days); default all.' })
    period: string | null | undefined,
    @Ctx() { em }: Context,
  ): Promise<ExportSales> {
    communesOfProvinceArgument(provinceCode);
    const days = period ? parseReportPeriod(period) : undefined;
    const schema = em.config.get('schema')!;
    const orders = (knex: Knex) => {
      const query = knex
        .withSchema(schema)
        .from('order as o')
        .join('listing as l', 'l.id', 'o.listing_id')
        .where('o.status', OrderStatus.DELIVERED)
        .where('l.is_farm_input', false)
        .whereNot('o.destination_country', 'VN');
      if (provinceCode) query.where('o.seller_province_code', provinceCode);
      if (country) query.where('o.destination_country', country.trim().toUpperCase());
      if (days) query.whereRaw(`(o.delivered_at at time zone 'Asia/Ho_Chi_Minh')::date >= ?::date and (o.delivered_at at time zone 'Asia/Ho_Chi_Minh')::date < ?::date`, [days.from, days.to]);
      return query;
    };
    const rows = (await orders(em.getKnex())
      .select(em.getKnex().raw(`to_char(o.delivered_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM') as month, o.destination_country as country, l.category,
        count(*) as order_count, sum(o.quantity_kg)::float8 / 1000 as tonnes, sum(o.value_vnd)::float8 as value_vnd`))
      .groupByRaw('1, 2, 3')
      .orderByRaw('1, 2, 3')) as { month: string; country: string; category: string; order_count: string; tonnes: number; value_vnd: number }[];
    return Object.assign(new ExportSales(), {
      byMonth: rows.map((row) => ({
        month: row.month, country: row.country, countryName: COUNTRY_NAMES[row.country] ?? row.country, category: row.category,
        orderCount: Number(row.order_count), tonnes: Math.round(row.tonnes * 1000) / 1000, valueVnd: row.value_vnd,
      })),
      orders,
    });
  }

  @FieldResolver(() => OrderConnection, { description: 'The cross-border orders, by ID.' })
  async crossBorderOrders(@Root() sales: ExportSales, @Args() { first, after }: PageArgs, @Ctx() { em }: Context): Promise<Page<Order>> {
    checkPageSize(first);
    const afterId = decodeCursor(after);
    const query = sales.orders(em.getKnex()).select('o.*').orderBy('o.id').limit(first + 1);
    if (afterId) query.where('o.id', '>', afterId);
    const rows = (await query) as Record<string, unknown>[];
    return toPage(rows.map((row) => em.map(Order, row)), first, (order) => order.id);
  }
}
