import { GraphQLError } from 'graphql';
import { Arg, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { calendarDateArgument, todayInVietnam } from '../../../platform/graphql/dates';
import type { SubgraphContext } from '../../../platform/subgraph';
import type { TraceabilityLoaders } from '../loaders';
import { CertificationScheme } from '../vocabulary';

type Context = SubgraphContext<TraceabilityLoaders>;

@ObjectType({ description: 'OCOP products rated at least some stars and how many of them are listed on a marketplace.' })
export class OcopCoverage {
  @Field(() => Int, { nullable: true, description: 'The rating counted; null in the total of all ratings asked for.' })
  stars!: number | null;

  @Field(() => Int, { description: 'OCOP certificates valid on the day (one per rated product).' })
  products!: number;

  @Field(() => Int, { description: 'Of those, products covering at least one marketplace listing.' })
  listedOnline!: number;

  @Field(() => Float, { nullable: true, description: 'listedOnline / products × 100, one decimal; null with no products. The target is 100% (Nghệ An).' })
  coveragePct!: number | null;
}

@ObjectType({ description: 'OCOP coverage online, nationwide: in total and per star rating.' })
export class OcopCoverageReport {
  @Field(() => String, { description: 'The day certificates were valid on (YYYY-MM-DD).' })
  validOn!: string;

  @Field(() => OcopCoverage)
  total!: OcopCoverage;

  @Field(() => [OcopCoverage], { description: 'Per rating, fewest stars first.' })
  byStars!: OcopCoverage[];
}

@Resolver(() => OcopCoverageReport)
export class OcopCoverageResolver {
  @Query(() => OcopCoverageReport, {
    description:
      'OCOP products of `minStars` stars or more (default 3) listed online vs all of them (Nghệ An\'s addition to the indicators): ' +
      'an OCOP certificate valid on `validOn` (default today) counts as listed when it covers a marketplace listing. Nationwide only.',
  })
  async ocopCoverage(
    @Arg('minStars', () => Int, { defaultValue: 3 }) minStars: number,
    @Arg('validOn', () => String, { nullable: true }) validOn: string | null | undefined,
    @Ctx() { em }: Context,
  ): Promise<OcopCoverageReport> {
    if (!Number.isInteger(minStars) || minStars < 3 || minStars > 5) {
      throw new GraphQLError(`"minStars" must be 3, 4 or 5 (OCOP ratings), got ${minStars}.`, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'minStars' } });
    }
    const day = validOn ? calendarDateArgument(validOn, 'validOn') : todayInVietnam();
    const schema = em.config.get('schema')!;
    const rows = (await em.getConnection().execute(
      `select c.stars, grouping(c.stars) as all_stars, count(*) as products,
         count(*) filter (where exists (select 1 from "${schema}".certification_listing cl where cl.certification_id = c.id)) as listed
       from "${schema}".certification c
       where c.scheme = ? and c.stars >= ? and c.valid_from <= ? and c.valid_until >= ?
       group by grouping sets ((c.stars), ()) order by c.stars nulls first`,
      [CertificationScheme.OCOP, minStars, day, day],
    )) as { stars: number | null; all_stars: number; products: string; listed: string }[];
    const coverage = (row?: (typeof rows)[number]): OcopCoverage => {
      const [products, listed] = [Number(row?.products ?? 0), Number(row?.listed ?? 0)];
      return { stars: row && !row.all_stars ? row.stars : null, products, listedOnline: listed, coveragePct: products ? Math.round((listed / products) * 1000) / 10 : null };
    };
    return { validOn: day, total: coverage(rows.find((row) => row.all_stars)), byStars: rows.filter((row) => !row.all_stars).map(coverage) };
  }
}
