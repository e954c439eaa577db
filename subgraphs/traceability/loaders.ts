import { indicatorFiguresLoader } from '../../platform/indicators/batch';
import { traceabilityIndicatorStatement } from './resolvers/indicator-report.resolver';
import { ocopIndicatorStatement } from './resolvers/ocop-coverage.resolver';
import type { EntityManager } from '@mikro-orm/postgresql';
import { entitiesByKey, entityByKey, entityByKeyWithParent, LoaderFamily, rowByKey, rowsByKey } from '../../platform/loaders';
import { Certification } from './entities/certification';
import { GrowingArea } from './entities/growing-area';
import { Lot, TraceEvent } from './entities/lot';
import { TraceCode } from './entities/trace-code';

/** A certificate with the listing it was fetched for: one certificate may cover several listings. */
export interface ListingCertification {
  listingId: string;
  certification: Certification;
}

export function createTraceabilityLoaders(em: EntityManager) {
  const knex = em.getKnex();
  const schema = em.config.get('schema')!;
  const lot = entityByKey(em, Lot, 'id');
  return {
    /** II.5 and A.1 (OCOP 3+ coverage online) for the reports of a tick, in one statement. */
    indicatorFigures: indicatorFiguresLoader(em, traceabilityIndicatorStatement(schema), ocopIndicatorStatement(schema)),
    lot,
    /** Lot numbers are unique per GTIN only: all lots with each number. */
    lotsByNumber: entitiesByKey(em, Lot, 'lotNumber', { orderBy: { lotNumber: 'asc', gtin: 'asc' } }),
    /** Newest harvest first. */
    lotsOfListing: entitiesByKey(em, Lot, 'listingId', { orderBy: { listingId: 'asc', harvestedAt: 'desc', id: 'asc' } }),
    /** In the order they happened. */
    eventsOfLot: entitiesByKey(em, TraceEvent, 'lotId', { orderBy: { lotId: 'asc', eventTime: 'asc', id: 'asc' } }),
    /** A scanned code with its lot, which every trace page shows: one statement for both. */
    traceCode: entityByKeyWithParent(em, TraceCode, 'code', { parent: Lot, foreignKey: 'lotId', parentKey: 'id', into: lot }),
    traceCodeByDigitalLink: entityByKeyWithParent(em, TraceCode, 'digitalLink', { parent: Lot, foreignKey: 'lotId', parentKey: 'id', into: lot }),
    traceCodesOfLot: entitiesByKey(em, TraceCode, 'lotId', { orderBy: { code: 'asc' } }),
    growingArea: entityByKey(em, GrowingArea, 'id'),
    certification: entityByKey(em, Certification, 'id'),
    growingAreaByCode: entityByKey(em, GrowingArea, 'code'),
    growingAreasOfHousehold: entitiesByKey(em, GrowingArea, 'householdId', { orderBy: { code: 'asc' } }),
    /** A household's certificates, all of them or (`validOn`, YYYY-MM-DD) those valid on that day. */
    certificationsOfHousehold: new LoaderFamily(({ validOn }: { validOn?: string }) =>
      entitiesByKey(em, Certification, 'householdId', {
        where: validOn ? { validFrom: { $lte: validOn }, validUntil: { $gte: validOn } } : {},
        orderBy: { householdId: 'asc', scheme: 'asc', validUntil: 'desc', id: 'asc' },
      }),
    ),
    /** Certificates covering each listing, through the certification_listing join table, in one statement. */
    certificationsOfListing: rowsByKey(
      async (listingIds: readonly string[]): Promise<ListingCertification[]> => {
        const rows: Record<string, unknown>[] = await knex('certification as c')
          .withSchema(schema)
          .join('certification_listing as cl', 'cl.certification_id', 'c.id')
          .whereIn('cl.listing_id', [...listingIds])
          .select('c.*', 'cl.listing_id as covered_listing_id')
          .orderBy([{ column: 'cl.listing_id' }, { column: 'c.scheme' }, { column: 'c.valid_until', order: 'desc' }, { column: 'c.id' }]);
        return rows.map(({ covered_listing_id: listingId, ...certification }) => ({
          listingId: listingId as string,
          certification: em.map(Certification, certification),
        }));
      },
      (row) => row.listingId,
    ),
    /**
     * Which of the given listings are traceable (indicator II.5: at least one lot with at least one event);
     * a listing id comes back for traceable listings, null for the others.
     */
    traceableListing: rowByKey(
      async (listingIds: readonly string[]): Promise<string[]> => {
        const rows: { listing_id: string }[] = await knex('lot as l')
          .withSchema(schema)
          .distinct('l.listing_id')
          .whereIn('l.listing_id', [...listingIds])
          .whereExists(knex('trace_event as e').withSchema(schema).select(knex.raw('1')).whereRaw('e.lot_id = l.id'));
        return rows.map((row) => row.listing_id);
      },
      (listingId) => listingId,
    ),
  };
}

export type TraceabilityLoaders = ReturnType<typeof createTraceabilityLoaders>;
