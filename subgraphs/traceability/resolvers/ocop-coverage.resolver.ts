import { GraphQLError } from 'graphql';
import { Arg, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { calendarDateArgument, todayInVietnam } from '../../../platform/graphql/dates';
import { communesOfProvince, currentProvince } from '../../../platform/places';
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

@ObjectType({ description: 'OCOP coverage online, nationwide or in a province: in total and per star rating.' })
export class OcopCoverageReport {
  @Field(() => String, { description: '"VN", or the province code asked for.' })
  scope!: string;

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
      'an OCOP certificate valid on `validOn` (default today) counts as listed when it covers a marketplace listing. ' +
      'With `province`, the certificates whose holder lives in that province (the commune the registry gave when the certificate was recorded).',
  })
  async ocopCoverage(
    @Arg('minStars', () => Int, { defaultValue: 3 }) minStars: number,
    @Arg('validOn', () => String, { nullable: true }) validOn: string | null | undefined,
    @Arg('province', () => String, { nullable: true, description: 'A province code ("40", Nghệ An); the nation when absent.' }) province: string | null | undefined,
    @Ctx() { em }: Context,
  ): Promise<OcopCoverageReport> {
    if (!Number.isInteger(minStars) || minStars < 3 || minStars > 5) {
      throw new GraphQLError(`"minStars" must be 3, 4 or 5 (OCOP ratings), got ${minStars}.`, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'minStars' } });
    }
    if (province != null && !currentProvince(province)) {
      throw new GraphQLError(`No province with code "${province}" (codes are today's two digits, since 1 July 2025).`, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'province' } });
    }
    const day = validOn ? calendarDateArgument(validOn, 'validOn') : todayInVietnam();
    const schema = em.config.get('schema')!;
    const communes = province != null ? communesOfProvince(province).map((commune) => commune.code).join(',') : null;
    const rows = (await em.getConnection().execute(
      `select c.stars, grouping(c.stars) as all_stars, count(*) as products,
         count(*) filter (where exists (select 1 from "${schema}".certification_listing cl where cl.certification_id = c.id)) as listed
       from "${schema}".certification c
       where c.scheme = ? and c.stars >= ? and c.valid_from <= ? and c.valid_until >= ?
         and (?::text is null or c.holder_commune_code = any(string_to_array(?::text, ',')))
       group by grouping sets ((c.stars), ()) order by c.stars nulls first`,
      [CertificationScheme.OCOP, minStars, day, day, communes, communes],
    )) as { stars: number | null; all_stars: number; products: string; listed: string }[];
    const coverage = (row?: (typeof rows)[number]): OcopCoverage => {
      const [products, listed] = [Number(row?.products ?? 0), Number(row?.listed ?? 0)];
      return { stars: row && !row.all_stars ? row.stars : null, products, listedOnline: listed, coveragePct: products ? Math.round((listed / products) * 1000) / 10 : null };
    };
    return { scope: province ?? 'VN', validOn: day, total: coverage(rows.find((row) => row.all_stars)), byStars: rows.filter((row) => !row.all_stars).map(coverage) };
  }
}

/**
 * A.1 for a batch of reports `q` (platform/indicators/batch.ts): OCOP 3+ certificates valid on the last day of the
 * period (and of the previous one) covering a listing, as a % of all of them, placed by the holder's commune. A level,
 * not a sum: `cumulative` is the period's own. OCOP certificates are few (a small table, no scan of lots or orders).
 */
export const ocopIndicatorStatement = (schema: string) => ({ sql }: { sql: string }): string => `
with c as (
    select c.holder_commune_code, c.valid_from, c.valid_until,
      exists (select 1 from "${schema}".certification_listing cl where cl.certification_id = c.id) as listed
    from "${schema}".certification c
    where c.scheme = '${CertificationScheme.OCOP}' and c.stars >= 3 and c.valid_from is not null and c.valid_until is not null
  ),
  levels as (
    select q.key,
      count(*) filter (where c.valid_from < q.p_to and c.valid_until >= q.p_to - 1) as products,
      count(*) filter (where c.valid_from < q.p_to and c.valid_until >= q.p_to - 1 and c.listed) as listed,
      count(*) filter (where c.valid_from < q.q_to and c.valid_until >= q.q_to - 1) as previous_products,
      count(*) filter (where c.valid_from < q.q_to and c.valid_until >= q.q_to - 1 and c.listed) as previous_listed
    from ${sql} join c on q.communes is null or c.holder_commune_code = any(q.communes)
    group by q.key
  )
select key, 'A.1' as code,
  round(100.0 * listed / nullif(products, 0), 1) as achieved,
  round(100.0 * previous_listed / nullif(previous_products, 0), 1) as previous,
  round(100.0 * listed / nullif(products, 0), 1) as cumulative
from levels`;
