import type { EntityManager } from '@mikro-orm/postgresql';
import type { ImportProblem } from '../../../../platform/ingest/problems';
import { CaptureSourceClaim, ClaimKind } from '../../entities/capture-source-claim';
import { Lot, TraceEvent } from '../../entities/lot';
import type { CapturedEvent } from './document';

/**
 * What a capture source may write: events about the GTINs and locations registered to it, lots without a GTIN that
 * no other source wrote, and never an event another source captured. Checked at the capture door before anything
 * is stored, in three statements whatever the document's size.
 */

/** The provenance `source` of rows a capture source writes. */
export function captureSource(sourceName: string): string {
  return `epcis:${sourceName}`;
}

export async function claimProblems(em: EntityManager, sourceName: string, events: CapturedEvent[]): Promise<ImportProblem[]> {
  const source = captureSource(sourceName);
  const gtins = [...new Set(events.flatMap((event) => (event.lot?.gtin ? [event.lot.gtin] : [])))];
  const locations = [...new Set(events.flatMap((event) => [event.readPoint, event.bizLocation].filter((id): id is string => Boolean(id))))];
  const claims = gtins.length || locations.length
    ? await em.find(CaptureSourceClaim, { $or: [{ kind: ClaimKind.GTIN, value: { $in: gtins } }, { kind: ClaimKind.LOCATION, value: { $in: locations } }] })
    : [];
  const owner = new Map(claims.map((claim) => [`${claim.kind}|${claim.value}`, claim.source]));

  const bareLots = [...new Set(events.flatMap((event) => (event.lot && !event.lot.gtin ? [event.lot.lotNumber] : [])))];
  const lotOwners = new Map<string, string>();
  if (bareLots.length) {
    for (const lot of await em.find(Lot, { lotNumber: { $in: bareLots } }, { fields: ['lotNumber', 'source'] })) {
      if (lot.source !== source) lotOwners.set(lot.lotNumber, lot.source);
    }
  }
  const eventOwners = new Map<string, string>();
  for (const stored of await em.find(TraceEvent, { eventId: { $in: events.map((event) => event.eventId) } }, { fields: ['eventId', 'source'] })) {
    if (stored.source !== source) eventOwners.set(stored.eventId, stored.source);
  }

  const problems: ImportProblem[] = [];
  const refuse = (event: CapturedEvent, field: string, value: string, message: string) => problems.push({ eventIndex: event.index, field, value, message });
  for (const event of events) {
    if (eventOwners.has(event.eventId)) refuse(event, 'eventID', event.eventId, 'This event was captured by another source; a source can never replace another\'s events.');
    const gtin = event.lot?.gtin;
    if (gtin && owner.get(`${ClaimKind.GTIN}|${gtin}`) !== sourceName) refuse(event, 'GTIN', gtin, unclaimed('GTIN', gtin, sourceName, owner.has(`${ClaimKind.GTIN}|${gtin}`)));
    if (event.lot && !gtin && lotOwners.has(event.lot.lotNumber)) refuse(event, 'ilmd', event.lot.lotNumber, `Lot ${event.lot.lotNumber} was written by another source; name its GTIN if it is yours.`);
    for (const [field, location] of [['readPoint', event.readPoint], ['bizLocation', event.bizLocation]] as const) {
      if (location && owner.get(`${ClaimKind.LOCATION}|${location}`) !== sourceName) refuse(event, field, location, unclaimed('location', location, sourceName, owner.has(`${ClaimKind.LOCATION}|${location}`)));
    }
  }
  return problems;
}

function unclaimed(what: string, value: string, sourceName: string, claimedByOther: boolean): string {
  return claimedByOther
    ? `The ${what} ${value} is registered to another source.`
    : `The ${what} ${value} is not registered to source ${sourceName}: an administrator registers it with npx nongsan sources claim ${sourceName} --${what === 'GTIN' ? 'gtin' : 'location'} ${value}.`;
}

/** Registers GTINs and locations to a source; refuses, changing nothing, one already registered to another. */
export async function claimForSource(em: EntityManager, sourceName: string, { gtins = [], locations = [] }: { gtins?: string[]; locations?: string[] }): Promise<number> {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(sourceName)) throw new Error(`A source name is 1 to 64 letters, digits, ".", "_" or "-", not "${sourceName}".`);
  for (const gtin of gtins) if (!/^\d{8,14}$/.test(gtin)) throw new Error(`A GTIN is 8 to 14 digits, not "${gtin}".`);
  const wanted = [...gtins.map((value) => ({ kind: ClaimKind.GTIN, value })), ...locations.map((value) => ({ kind: ClaimKind.LOCATION, value }))];
  if (!wanted.length) return 0;
  return em.transactional(async (tx) => {
    const existing = await tx.find(CaptureSourceClaim, { $or: wanted });
    const taken = existing.filter((claim) => claim.source !== sourceName);
    if (taken.length) throw new Error(`Already registered to another source: ${taken.map((claim) => `${claim.kind} ${claim.value} (${claim.source})`).join(', ')}.`);
    const fresh = wanted.filter((claim) => !existing.some((other) => other.kind === claim.kind && other.value === claim.value));
    if (fresh.length) await tx.insertMany(CaptureSourceClaim, fresh.map((claim) => ({ ...claim, source: sourceName })));
    return fresh.length;
  });
}
