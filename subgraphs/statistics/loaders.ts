import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { entitiesWithKeys, LoaderFamily, rowByKey, rowsByKey } from '../../platform/loaders';
import { CensusRecord } from './entities/census-record';
import { IndicatorObservation } from './entities/indicator-observation';
import { HouseholdLinkStatus } from '../../platform/linking/stored-link';
import { ALL_CROPS, compareCrops } from './vocabulary';
import { indicatorDenominatorsLoader, indicatorTargetsLoader } from './indicator-targets';

/** Which observations of a series to return; every condition given must hold, years are inclusive. */
export interface IndicatorFilter {
  crop?: string;
  provinceCode?: string;
  year?: number;
  fromYear?: number;
  toYear?: number;
}

export function indicatorWhere({ crop, provinceCode, year, fromYear, toYear }: IndicatorFilter): FilterQuery<IndicatorObservation> {
  const where: Record<string, unknown> = {};
  if (crop !== undefined) where.crop = crop;
  if (provinceCode !== undefined) where.provinceCode = provinceCode;
  const years: Record<string, number> = {};
  if (year !== undefined) years.$eq = year;
  if (fromYear !== undefined) years.$gte = fromYear;
  if (toYear !== undefined) years.$lte = toYear;
  if (Object.keys(years).length) where.year = years;
  return where as FilterQuery<IndicatorObservation>;
}

/** Farming households of a province in one year: the denominator of the programme indicators. */
export interface ProvinceFarmingHouseholds {
  provinceCode: string;
  year: number;
  farmingHouseholds: number;
}

export function createStatisticsLoaders(em: EntityManager) {
  return {
    /** Targets officials set, per scope and year (indicator reports). */
    indicatorTargets: indicatorTargetsLoader(em),
    /** Denominators of percentage targets, per scope and year. */
    indicatorDenominators: indicatorDenominatorsLoader(em),
    /**
     * The latest linked census record of each household (ordered oldest first, so the latest one wins the key).
     * Records in review or unlinked belong to no household yet.
     */
    censusOfHousehold: rowByKey(
      (ids: readonly string[]) =>
        entitiesWithKeys(em, CensusRecord, 'householdId', ids, { where: { linkStatus: HouseholdLinkStatus.LINKED }, orderBy: { censusYear: 'asc' } }),
      (record) => record.householdId!,
    ),
    /** Every census round's linked record of each household, oldest first. */
    censusRoundsOfHousehold: rowsByKey(
      (ids: readonly string[]) =>
        entitiesWithKeys(em, CensusRecord, 'householdId', ids, { where: { linkStatus: HouseholdLinkStatus.LINKED }, orderBy: { censusYear: 'asc', id: 'asc' } }),
      (record) => record.householdId!,
    ),
    indicatorsOfProvince: new LoaderFamily((filter: Omit<IndicatorFilter, 'provinceCode'>) =>
      rowsByKey(
        async (codes: readonly string[]) => {
          const observations = await em.find(IndicatorObservation, { $and: [{ provinceCode: { $in: [...codes] } }, indicatorWhere(filter)] });
          return observations.sort((a, b) => compareCrops(a.crop, b.crop) || a.year - b.year);
        },
        (observation) => observation.provinceCode,
      ),
    ),
    /**
     * Farming households per province in one GROUP BY for all provinces asked for. A household growing two
     * crops appears in both crops' counts, so they are not added up: the all-crops series ("_T") is used when
     * it was published, otherwise the largest per-crop count is the best lower bound. Without a year, each
     * province's latest year with a count.
     */
    farmingHouseholdsOfProvince: new LoaderFamily(({ year }: { year?: number }) =>
      rowByKey(
        async (codes: readonly string[]): Promise<ProvinceFarmingHouseholds[]> => {
          const knex = em.getKnex();
          const rows: { province_code: string; year: number; farming_households: number }[] = await knex('indicator_observation')
            .withSchema(em.config.get('schema')!)
            .select(
              'province_code',
              'year',
              knex.raw('coalesce(max(farming_households) filter (where crop = ?), max(farming_households)) as farming_households', [ALL_CROPS]),
            )
            .whereIn('province_code', [...codes])
            .whereNotNull('farming_households')
            .groupBy('province_code', 'year')
            .modify((query) => {
              if (year !== undefined) query.where('year', year);
              else query.distinctOn('province_code').orderBy([{ column: 'province_code' }, { column: 'year', order: 'desc' }]);
            });
          return rows.map((row) => ({ provinceCode: row.province_code, year: row.year, farmingHouseholds: Number(row.farming_households) }));
        },
        (row) => row.provinceCode,
      ),
    ),
  };
}

export type StatisticsLoaders = ReturnType<typeof createStatisticsLoaders>;
