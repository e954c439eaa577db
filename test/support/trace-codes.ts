import { hub, post } from './hub';

export interface TracedLot {
  code: string;
  digitalLink: string;
  lotNumber: string;
  events: Array<{ bizStep: string | null }>;
  harvestToDeliveryHours: number | null;
  producer: string;
}

/** A QR code of the demo data whose lot went from harvest to delivery, found through the graph (no fixed code). */
export async function deliveredLot(): Promise<TracedLot> {
  const answer = await post<{
    listings: { nodes: Array<{ lots: Array<{ lotNumber: string; harvestToDeliveryHours: number | null; events: Array<{ bizStep: string | null }>; traceCodes: Array<{ code: string; digitalLink: string }>; household: { displayName: string } | null }> }> };
  }>(
    hub().gatewayUrl,
    '{ listings(first: 50, filter: { isFarmInput: false }) { nodes { lots { lotNumber harvestToDeliveryHours events { bizStep } traceCodes { code digitalLink } household { displayName } } } } }',
  );
  for (const listing of answer.data!.listings.nodes) {
    for (const lot of listing.lots) {
      if (lot.harvestToDeliveryHours !== null && lot.traceCodes.length && lot.household && lot.events.length >= 4) {
        return { ...lot.traceCodes[0], lotNumber: lot.lotNumber, events: lot.events, harvestToDeliveryHours: lot.harvestToDeliveryHours, producer: lot.household.displayName };
      }
    }
  }
  throw new Error('The demo data has no delivered lot with a QR code.');
}
