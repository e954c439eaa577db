import type { EntityManager } from '@mikro-orm/postgresql';
import { demoDataset } from '../../../demo/dataset';
import { insertInBatches } from '../../../platform/database/bulk-insert';
import { Certification, CertificationListing } from '../entities/certification';
import { GrowingArea } from '../entities/growing-area';
import { Lot, TraceEvent } from '../entities/lot';
import { TraceCode } from '../entities/trace-code';
import { EpcisAction } from '../vocabulary';

/** Writes the traceability slice of the demo data set: growing areas, certificates, lots, their events and QR codes. */
export async function loadTraceabilityDemo(em: EntityManager): Promise<{ loaded: boolean; rows: number }> {
  if ((await em.count(Lot)) > 0) return { loaded: false, rows: 0 };
  const { growingAreas, certifications, lots, events, traceCodes } = demoDataset();
  const coverage = certifications.flatMap((certification) =>
    certification.listingIds.map((listingId) => ({ certificationId: certification.id, listingId })),
  );
  await em.transactional(async (tx) => {
    await insertInBatches(tx, GrowingArea, growingAreas);
    await insertInBatches(tx, Certification, certifications.map(({ listingIds: _listingIds, ...certification }) => certification));
    await insertInBatches(tx, CertificationListing, coverage);
    await insertInBatches(tx, Lot, lots.map((lot) => ({ ...lot, harvestedAt: new Date(lot.harvestedAt) })));
    await insertInBatches(
      tx,
      TraceEvent,
      events.map((event) => ({ ...event, action: EpcisAction[event.action], eventTime: new Date(event.eventTime) })),
    );
    await insertInBatches(tx, TraceCode, traceCodes);
  });
  const rows = growingAreas.length + certifications.length + coverage.length + lots.length + events.length + traceCodes.length;
  return { loaded: true, rows };
}
