import type { Knex } from 'knex';
import { Arg, Args, Ctx, Field, FieldResolver, Float, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { GraphQLError } from 'graphql';
import { parseReportPeriod } from '../../../platform/indicators/period';
import { checkPageSize, ConnectionType, decodeCursor, PageArgs, toPage, type Page } from '../../../platform/graphql/pagination';
import { currentCommunes } from '../../../platform/places';
import type { SubgraphContext } from '../../../platform/subgraph';
import { HarvestEvidence, Lot } from '../entities/lot';
import type { TraceabilityLoaders } from '../loaders';
import { communesOfProvinceArgument } from '../../../platform/graphql/place-arguments';

type Context = SubgraphContext<TraceabilityLoaders>;

/** The custard-apple lesson: Lạng Sơn's custard apples spoiled after 48 h when delivery broke down. */
export const DEFAULT_THRESHOLD_HOURS = 48;

@ObjectType({ description: 'Harvest-to-door hours of a group of delivered lots.' })
export class HarvestToDoorFigures {
  @Field(() => String, { nullable: true, description: 'Catalogue key of the product (e.g. "lychee"); null in a group of all products.' })
  product!: string | null;

  @Field(() => String, { nullable: true, description: 'Province of the lots\' growing area; null in a group of all provinces (lots without a growing area count only there).' })
  provinceCode!: string | null;

  @Field(() => Int, { description: 'Delivered lots whose harvest time is known.' })
  lotCount!: number;

  @Field(() => Float, { nullable: true, description: 'Median hours from harvest to the last receiving event.' })
  medianHours!: number | null;

  @Field(() => Float, { nullable: true, description: '90th percentile of those hours (continuous).' })
  p90Hours!: number | null;

  @Field(() => Int, { description: 'Lots that took longer than the threshold.' })
  overThresholdCount!: number;
}

@ObjectType({ description: 'A delivered lot and its harvest-to-door hours.' })
export class LotHours {
  @Field(() => Float)
  hours!: number;

  @Field(() => String, { nullable: true })
  product!: string | null;

  @Field(() => String, { nullable: true, description: 'Province of its growing area, if it has one.' })
  provinceCode!: string | null;

  lotId!: string;
}

const LotHoursConnection = ConnectionType(LotHours, 'LotHours');

@ObjectType({
  description:
    'Hours from harvest to door of delivered lots (harvest: the commissioning event, else the declared harvest date; door: the ' +
    'last receiving event; events declared erroneous left out), the same measure as `Lot.harvestToDeliveryHours`.',
})
export class HarvestToDoorReport {
  @Field(() => Float)
  thresholdHours!: number;

  @Field(() => HarvestToDoorFigures, { description: 'All lots asked for.' })
  overall!: HarvestToDoorFigures;

  @Field(() => [HarvestToDoorFigures], { description: 'Per product, all provinces.' })
  byProduct!: HarvestToDoorFigures[];

  @Field(() => [HarvestToDoorFigures], { description: 'Per province of the growing area, all products.' })
  byProvince!: HarvestToDoorFigures[];

  @Field(() => [HarvestToDoorFigures], { description: 'Per product and province.' })
  byProductAndProvince!: HarvestToDoorFigures[];

  /** Builds the lots' hours, filtered as asked; the list field pages over it. */
  lots!: (knex: Knex) => Knex.QueryBuilder;
}

interface FiguresRow {
  product_key: string | null;
  province: string | null;
  by_product: number;
  by_province: number;
  lots: string;
  median: number | null;
  p90: number | null;
  over: string;
}

const figures = (row: FiguresRow): HarvestToDoorFigures => ({
  product: row.by_product ? row.product_key : null,
  provinceCode: row.by_province ? row.province : null,
  lotCount: Number(row.lots),
  medianHours: row.median == null ? null : Math.round(row.median * 100) / 100,
  p90Hours: row.p90 == null ? null : Math.round(row.p90 * 100) / 100,
  overThresholdCount: Number(row.over),
});

@Resolver(() => HarvestToDoorReport)
export class HarvestToDoorResolver {
  @Query(() => HarvestToDoorReport, {
    description:
      'Harvest-to-door hours of delivered lots, median and 90th percentile, per product and province of the growing area, with the ' +
      'lots over a threshold (default 48 h) listed. Filter by province, product and the period the lots were delivered in.',
  })
  async harvestToDoor(
    @Arg('provinceCode', () => String, { nullable: true }) provinceCode: string | null | undefined,
    @Arg('product', () => String, { nullable: true, description: 'Catalogue key of the product, e.g. "lychee".' }) product: string | null | undefined,
    @Arg('period', () => String, { nullable: true, description: 'Delivered in this period (2026-06, 2026-W23, 2026-Q2, 2026, or days); default all.' })
    period: string | null | undefined,
    @Arg('thresholdHours', () => Float, { defaultValue: DEFAULT_THRESHOLD_HOURS }) thresholdHours: number,
    @Ctx() { em }: Context,
  ): Promise<HarvestToDoorReport> {
    if (!(thresholdHours > 0)) {
      throw new GraphQLError(`"thresholdHours" must be a positive number of hours, got ${thresholdHours}.`, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'thresholdHours' } });
    }
    communesOfProvinceArgument(provinceCode);
    const days = period ? parseReportPeriod(period) : undefined;
    const schema = em.config.get('schema')!;
    const communes = currentCommunes();
    const [communeCodes, provinceCodes] = [communes.map((commune) => commune.code), communes.map((commune) => commune.provinceCode)];
    const lots = (knex: Knex) => {
      const query = knex
        .withSchema(schema)
        .from('lot as l')
        .leftJoin('growing_area as g', 'g.id', 'l.growing_area_id')
        .joinRaw('left join unnest(?::text[], ?::text[]) as cp(commune, province) on cp.commune = g.commune_code', [communeCodes, provinceCodes])
        .joinRaw(`cross join lateral (select max(e.event_time) as t from "${schema}".trace_event e where e.lot_id = l.id and e.biz_step = 'receiving' and e.error_declared_at is null) d`)
        .joinRaw(`left join lateral (select min(e.event_time) as t from "${schema}".trace_event e where e.lot_id = l.id and e.biz_step = 'commissioning' and e.error_declared_at is null) h on true`)
        .whereNotNull('d.t')
        .select('l.id', 'l.product_key', 'cp.province', knex.raw(
          `round((extract(epoch from d.t - coalesce(h.t, case when l.harvest_evidence <> ? then l.harvested_at end)) / 3600)::numeric, 2)::float8 as hours`,
          [HarvestEvidence.FIRST_EVENT],
        ));
      if (provinceCode) query.where('cp.province', provinceCode);
      if (product) query.where('l.product_key', product);
      if (days) query.whereRaw(`(d.t at time zone 'Asia/Ho_Chi_Minh')::date >= ?::date and (d.t at time zone 'Asia/Ho_Chi_Minh')::date < ?::date`, [days.from, days.to]);
      return query;
    };
    const knex = em.getKnex();
    // One statement for every group: grouping sets over the lots' hours.
    const rows = (await knex
      .with('lot_hours', lots(knex))
      .from('lot_hours')
      .whereNotNull('hours')
      .select('product_key', 'province', knex.raw(`1 - grouping(product_key) as by_product, 1 - grouping(province) as by_province, count(*) as lots,
        percentile_cont(0.5) within group (order by hours) as median, percentile_cont(0.9) within group (order by hours) as p90,
        count(*) filter (where hours > ?) as over`, [thresholdHours]))
      .groupByRaw('grouping sets ((product_key, province), (product_key), (province), ())')
      .orderByRaw('product_key nulls first, province nulls first')) as FiguresRow[];
    const groups = rows.map((row) => ({ row, figures: figures(row) }));
    const empty: HarvestToDoorFigures = { product: null, provinceCode: null, lotCount: 0, medianHours: null, p90Hours: null, overThresholdCount: 0 };
    return {
      thresholdHours,
      overall: groups.find(({ row }) => !row.by_product && !row.by_province)?.figures ?? empty,
      byProduct: groups.filter(({ row }) => row.by_product && !row.by_province).map((group) => group.figures),
      // Lots without a growing area have no province: they count in the overall and per-product figures only.
      byProvince: groups.filter(({ row }) => !row.by_product && row.by_province && row.province).map((group) => group.figures),
      byProductAndProvince: groups.filter(({ row }) => row.by_product && row.by_province && row.province).map((group) => group.figures),
      lots: (builder) => builder.with('lot_hours', lots(builder)).from('lot_hours').where('hours', '>', thresholdHours),
    };
  }

  @FieldResolver(() => LotHoursConnection, { description: 'Lots over the threshold, slowest first.' })
  async lotsOverThreshold(@Root() report: HarvestToDoorReport, @Args() { first, after }: PageArgs, @Ctx() { em }: Context): Promise<Page<LotHours>> {
    checkPageSize(first);
    const cursor = decodeCursor(after)?.split('|');
    const query = report.lots(em.getKnex()).select('id', 'product_key', 'province', 'hours').orderBy([{ column: 'hours', order: 'desc' }, { column: 'id' }]).limit(first + 1);
    if (cursor) query.whereRaw('(hours < ?::float8 or (hours = ?::float8 and id > ?))', [cursor[0], cursor[0], cursor[1]]);
    const rows = (await query) as { id: string; product_key: string | null; province: string | null; hours: number }[];
    const nodes = rows.map((row) => Object.assign(new LotHours(), { lotId: row.id, hours: row.hours, product: row.product_key, provinceCode: row.province }));
    return toPage(nodes, first, (node) => `${node.hours}|${node.lotId}`);
  }
}

@Resolver(() => LotHours)
export class LotHoursResolver {
  @FieldResolver(() => Lot, { description: 'The lot, with its number, listing and events.' })
  async lot(@Root() row: LotHours, @Ctx() { loaders }: Context): Promise<Lot> {
    return (await loaders.lot.load(row.lotId))!;
  }
}
