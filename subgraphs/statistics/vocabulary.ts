import { registerEnumType } from 'type-graphql';

/** How the statistics office matched a census record to a registry household, from strongest to weakest. */
export enum CensusLinkMethod {
  NATIONAL_ID = 'NATIONAL_ID',
  PHONE = 'PHONE',
  NAME_AND_COMMUNE = 'NAME_AND_COMMUNE',
}

/** The census round of the demo data: the 2025 rural and agricultural census (Tổng điều tra nông thôn, nông nghiệp). */
export const DEMO_CENSUS_YEAR = 2025;

/**
 * The measures of an indicator observation, as an SDMX `MEASURE` dimension would code them, with the column
 * each one fills and the unit it is stored in. An SDMX importer scales `OBS_VALUE` by `10^UNIT_MULT` into
 * this unit and writes one observation row per (area, crop, year), filling the column of its measure.
 */
export const INDICATOR_MEASURES = {
  PRODUCTION: { column: 'productionTonnes', unit: 'TONNES' },
  AREA: { column: 'areaHa', unit: 'HECTARES' },
  FARMING_HOUSEHOLDS: { column: 'farmingHouseholds', unit: 'HOUSEHOLDS' },
} as const;

export type IndicatorMeasure = keyof typeof INDICATOR_MEASURES;

/**
 * The crop code of a series over all crops (SDMX's code for "total"). Farming households counted once per
 * province belong in such a series: adding up the per-crop counts counts a household growing two crops twice.
 */
export const ALL_CROPS = '_T';

/** Orders crop names as Vietnamese readers expect (Đ after D, tones after base letters), which byte order does not. */
export const compareCrops: (a: string, b: string) => number = new Intl.Collator('vi').compare;

registerEnumType(CensusLinkMethod, {
  name: 'CensusLinkMethod',
  description: 'How a census record was linked to the registry household: by national ID number, phone number, or name within the commune.',
});
