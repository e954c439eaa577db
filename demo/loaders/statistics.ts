import type { EntityManager } from '@mikro-orm/postgresql';
import { demoDataset } from '../dataset';
import { insertInBatches } from '../../platform/database/bulk-insert';
import { nationalIdHash } from '../../platform/identity/normalise';
import { CensusRecord } from '../../subgraphs/statistics/entities/census-record';
import { IndicatorObservation } from '../../subgraphs/statistics/entities/indicator-observation';
import { HouseholdLinkMethod, HouseholdLinkStatus } from '../../platform/linking/stored-link';
import { censusContentHash, indicatorContentHash } from '../../subgraphs/statistics/ingest/content';

/** The census key the demo gives a household's record (real censuses number households their own way). */
export function demoCensusRecordKey(householdId: string): string {
  return `DEMO-${householdId}`;
}

/** Writes the statistics slice of the demo data set: census records and indicator series. */
export async function loadStatisticsDemo(em: EntityManager): Promise<{ loaded: boolean; rows: number }> {
  if ((await em.count(CensusRecord)) > 0) return { loaded: false, rows: 0 };
  const { households, censusRecords, indicators } = demoDataset();
  const householdById = new Map(households.map((household) => [household.id, household]));
  const importedAt = new Date();
  await em.transactional(async (tx) => {
    await insertInBatches(
      tx,
      CensusRecord,
      censusRecords.map((record) => {
        const household = householdById.get(record.householdId)!;
        const content = {
          ...record,
          recordKey: demoCensusRecordKey(record.householdId),
          respondentName: household.head.fullName,
          phone: household.head.phone,
          nationalIdHash: nationalIdHash(household.head.nationalId),
          communeCode: household.communeCode,
          linkStatus: HouseholdLinkStatus.LINKED,
          linkMethod: HouseholdLinkMethod[record.linkMethod],
          linkCandidates: null,
        };
        return { ...content, linkSettledAt: null, source: 'demo', sourceRef: null, importedAt, contentHash: censusContentHash(content) };
      }),
    );
    await insertInBatches(
      tx,
      IndicatorObservation,
      indicators.map((observation) => ({
        ...observation,
        measureSources: null,
        source: 'demo',
        sourceRef: null,
        importedAt,
        contentHash: indicatorContentHash(observation),
      })),
    );
  });
  return { loaded: true, rows: censusRecords.length + indicators.length };
}
