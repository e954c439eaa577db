import type { EntityManager } from '@mikro-orm/postgresql';
import { demoDataset } from '../dataset';
import { insertInBatches } from '../../platform/database/bulk-insert';
import { Certification, CertificationListing } from '../../subgraphs/traceability/entities/certification';
import { GrowingArea } from '../../subgraphs/traceability/entities/growing-area';
import { Lot, TraceEvent } from '../../subgraphs/traceability/entities/lot';
import { TraceCode } from '../../subgraphs/traceability/entities/trace-code';
import { EpcisAction, HouseholdLink } from '../../subgraphs/traceability/vocabulary';

/** Writes the traceability slice of the demo data set: growing areas, certificates, lots, their events and QR codes. */
export async function loadTraceabilityDemo(em: EntityManager): Promise<{ loaded: boolean; rows: number }> {
  if ((await em.count(Lot)) > 0) return { loaded: false, rows: 0 };
  const { households, growingAreas, certifications, lots, events, traceCodes } = demoDataset();
  // The demo knows its households' communes; imports ask the registry (ingest/holders.ts).
  const communeOf = new Map(households.map((household) => [household.id, household.communeCode]));
  const coverage = certifications.flatMap((certification) =>
    certification.listingIds.map((listingId) => ({ certificationId: certification.id, listingId })),
  );
  const provenance = { source: 'demo', sourceRef: 'demo/dataset.ts', importedAt: new Date() };
  await em.transactional(async (tx) => {
    await insertInBatches(tx, GrowingArea, growingAreas.map((area) => ({ ...area, ...provenance })));
    await insertInBatches(tx, Certification, certifications.map(({ listingIds: _listingIds, ...certification }) => ({ ...certification, holderCommuneCode: communeOf.get(certification.householdId) ?? null, ...provenance })));
    await insertInBatches(tx, CertificationListing, coverage.map((row) => ({ ...row, ...provenance })));
    await insertInBatches(
      tx,
      Lot,
      lots.map((lot) => ({ ...lot, harvestedAt: new Date(lot.harvestedAt), householdLink: HouseholdLink.SOURCE, ...provenance })),
    );
    await insertInBatches(
      tx,
      TraceEvent,
      events.map((event) => ({ ...event, action: EpcisAction[event.action], eventTime: new Date(event.eventTime), ...provenance })),
    );
    await insertInBatches(tx, TraceCode, traceCodes.map((code) => ({ ...code, ...provenance })));
  });
  const rows = growingAreas.length + certifications.length + coverage.length + lots.length + events.length + traceCodes.length;
  return { loaded: true, rows };
}
