import type { EntityManager } from '@mikro-orm/postgresql';
import { demoDataset } from '../../../demo/dataset';
import { insertInBatches } from '../../../platform/database/bulk-insert';
import { CensusRecord } from '../entities/census-record';
import { IndicatorObservation } from '../entities/indicator-observation';
import { CensusLinkMethod } from '../vocabulary';

/** Writes the statistics slice of the demo data set: census records and indicator series. */
export async function loadStatisticsDemo(em: EntityManager): Promise<{ loaded: boolean; rows: number }> {
  if ((await em.count(CensusRecord)) > 0) return { loaded: false, rows: 0 };
  const { censusRecords, indicators } = demoDataset();
  const importedAt = new Date();
  await em.transactional(async (tx) => {
    await insertInBatches(
      tx,
      CensusRecord,
      censusRecords.map((record) => ({ ...record, linkMethod: CensusLinkMethod[record.linkMethod], source: 'demo', importedAt })),
    );
    await insertInBatches(
      tx,
      IndicatorObservation,
      indicators.map((observation) => ({ ...observation, source: 'demo', importedAt })),
    );
  });
  return { loaded: true, rows: censusRecords.length + indicators.length };
}
