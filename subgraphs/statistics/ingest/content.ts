import { contentHash } from '../../../platform/ingest/provenance';
import type { CensusRecord } from '../entities/census-record';
import type { IndicatorObservation } from '../entities/indicator-observation';

/*
 * The business fields of each record, fingerprinted the same way by the demo loader and the importers, so that
 * importing what is already stored is recognised as unchanged whoever wrote it first.
 */

export type CensusContent = Pick<
  CensusRecord,
  | 'recordKey' | 'censusYear' | 'landAreaHa' | 'mainCrops' | 'livestockHeads' | 'poultryHeads' | 'labourers'
  | 'respondentName' | 'respondentBirthYear' | 'phone' | 'nationalIdHash' | 'communeCode'
  | 'householdId' | 'linkStatus' | 'linkMethod' | 'linkConfidence' | 'linkCandidates'
>;

export function censusContentHash(record: CensusContent): string {
  return contentHash({
    recordKey: record.recordKey,
    censusYear: record.censusYear,
    landAreaHa: record.landAreaHa,
    mainCrops: record.mainCrops,
    livestockHeads: record.livestockHeads,
    poultryHeads: record.poultryHeads,
    labourers: record.labourers,
    respondentName: record.respondentName ?? null,
    phone: record.phone ?? null,
    nationalIdHash: record.nationalIdHash ?? null,
    communeCode: record.communeCode ?? null,
    householdId: record.householdId ?? null,
    linkStatus: record.linkStatus,
    linkMethod: record.linkMethod ?? null,
    linkConfidence: record.linkConfidence,
    linkCandidates: record.linkCandidates ?? null,
    // Only when given, so that records stored before the column keep their fingerprint.
    ...(record.respondentBirthYear != null ? { respondentBirthYear: record.respondentBirthYear } : {}),
  });
}

export type IndicatorContent = Pick<IndicatorObservation, 'provinceCode' | 'crop' | 'year' | 'productionTonnes' | 'areaHa' | 'farmingHouseholds'>;

export function indicatorContentHash(row: IndicatorContent): string {
  return contentHash({
    provinceCode: row.provinceCode,
    crop: row.crop,
    year: row.year,
    productionTonnes: row.productionTonnes ?? null,
    areaHa: row.areaHa ?? null,
    farmingHouseholds: row.farmingHouseholds ?? null,
  });
}
