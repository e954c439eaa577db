import { GraphQLError } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph';
import { IndicatorObservation } from '../entities/indicator-observation';
import { Province } from '../entities/references';
import { type IndicatorFilter, indicatorWhere, type StatisticsLoaders } from '../loaders';
import { ALL_CROPS, compareCrops } from '../vocabulary';

type Context = SubgraphContext<StatisticsLoaders>;

// Arguments as classes, so that the schema lists them in this order (parameter decorators list them reversed).
@ArgsType()
class IndicatorSeriesArgs {
  @Field(() => String, { description: 'Crop name as `crops` lists it.' })
  crop!: string;

  @Field(() => String, { nullable: true, description: 'Two-digit province code; all provinces when omitted.' })
  provinceCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'First year, inclusive.' })
  fromYear?: number | null;

  @Field(() => Int, { nullable: true, description: 'Last year, inclusive.' })
  toYear?: number | null;
}

@ArgsType()
class ProvinceIndicatorArgs {
  @Field(() => String, { nullable: true, description: 'Only this crop.' })
  crop?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only this year.' })
  year?: number | null;

  @Field(() => Int, { nullable: true, description: 'First year, inclusive.' })
  fromYear?: number | null;

  @Field(() => Int, { nullable: true, description: 'Last year, inclusive.' })
  toYear?: number | null;
}

@Resolver(() => IndicatorObservation)
export class IndicatorObservationResolver {
  @Query(() => [IndicatorObservation], { description: 'The series of one crop, by province then year; years are inclusive.' })
  indicatorSeries(@Args(() => IndicatorSeriesArgs) args: IndicatorSeriesArgs, @Ctx() { em }: Context): Promise<IndicatorObservation[]> {
    return em.find(IndicatorObservation, indicatorWhere(toFilter(args)), { orderBy: { provinceCode: 'asc', year: 'asc' } });
  }

  @Query(() => [String], { description: 'Crops that have an indicator series, in Vietnamese alphabetical order (the all-crops series "_T" excluded).' })
  async crops(@Ctx() { em }: Context): Promise<string[]> {
    const rows: { crop: string }[] = await em
      .getKnex()('indicator_observation')
      .withSchema(em.config.get('schema')!)
      .distinct('crop')
      .whereNot('crop', ALL_CROPS);
    return rows.map((row) => row.crop).sort(compareCrops);
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Yield (năng suất) in tonnes per hectare: production divided by area; null without both.' })
  yieldTonnesPerHa(@Root() observation: IndicatorObservation): number | null {
    const { productionTonnes, areaHa } = observation;
    if (productionTonnes == null || !areaHa) return null;
    return productionTonnes / areaHa;
  }

  @FieldResolver(() => Province, { nullable: true })
  province(@Root() observation: IndicatorObservation): Province {
    return { code: observation.provinceCode };
  }
}

@Resolver(() => Province)
export class ProvinceStatisticsResolver {
  @FieldResolver(() => [IndicatorObservation], { nullable: true, description: 'Indicator series of the province, by crop (Vietnamese alphabetical order) then year; years are inclusive.' })
  indicators(
    @Root() province: Province,
    @Args(() => ProvinceIndicatorArgs) args: ProvinceIndicatorArgs,
    @Ctx() { loaders }: Context,
  ): Promise<IndicatorObservation[]> {
    return loaders.indicatorsOfProvince.with(toFilter(args)).load(province.code);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'Number of farming households (hộ sản xuất nông nghiệp) in the province: the denominator of the programme ' +
      'indicators (share trained, with a shop, with an e-payment account...). Taken from the all-crops series, or ' +
      'else the largest per-crop count (per-crop counts overlap, so they are never added up). Without `year`, the ' +
      'latest year with a count.',
  })
  async farmingHouseholds(
    @Root() province: Province,
    @Arg('year', () => Int, { nullable: true }) year: number | null | undefined,
    @Ctx() { loaders }: Context,
  ): Promise<number | null> {
    const row = await loaders.farmingHouseholdsOfProvince.with({ year: year ?? undefined }).load(province.code);
    return row?.farmingHouseholds ?? null;
  }
}

/** The arguments as a loader filter: null means not given, so that equal questions share one loader. */
function toFilter(args: { [Name in keyof IndicatorFilter]?: IndicatorFilter[Name] | null }): IndicatorFilter {
  const { crop, provinceCode, year, fromYear, toYear } = args;
  if (fromYear != null && toYear != null && fromYear > toYear) {
    throw new GraphQLError(`"fromYear" (${fromYear}) is after "toYear" (${toYear}).`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'fromYear' },
    });
  }
  return {
    crop: crop ?? undefined,
    provinceCode: provinceCode ?? undefined,
    year: year ?? undefined,
    fromYear: fromYear ?? undefined,
    toYear: toYear ?? undefined,
  };
}
