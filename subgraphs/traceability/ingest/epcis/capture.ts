import crypto from 'node:crypto';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { selectWhereAny } from '../../../../platform/database/select-where-any';
import { contentHash } from '../../../../platform/ingest/provenance';
import { upsertByKey, type WriteCounts } from '../../../../platform/ingest/upsert';
import { Certification, CertificationListing } from '../../entities/certification';
import { Location } from '../../entities/location';
import { TraceCode } from '../../entities/trace-code';
import { HarvestEvidence, Lot, TraceEvent } from '../../entities/lot';
import { CertificationScheme } from '../../vocabulary';
import { attributeLocations, linkLots } from '../linking';
import { traceEventKey, type CapturedEvent, type LotReference } from './document';
import { digitalLinkOf, locationOf } from './identifiers';

/** Who wrote the records of one capture: the provenance every stored row carries. */
export interface CaptureProvenance {
  /** "epcis-capture" (HTTP) or "import:epcis" (command line). */
  source: string;
  /** The capture job id, or the file name. */
  captureRef: string;
  importedAt: Date;
}

export interface CaptureCounts extends WriteCounts {
  lots: WriteCounts;
  certifications: WriteCounts;
  locations: WriteCounts;
  /** Lots tied to a household or listing by this capture. */
  linked: number;
}

/** Events per INSERT: each column goes as one array, so a statement's size does not grow with its rows. */
const EVENT_ROWS_PER_STATEMENT = 10_000;

/**
 * Stores the events of one capture, with the lots, certificates and places they name, in set-based statements
 * (a fixed number for up to 2,000 lots and 10,000 events). Must run inside the caller's transaction: one capture is all or nothing.
 * Repeating a capture changes nothing; an event captured again with other content replaces the stored one, and
 * an error declaration, once received, stays.
 */
export async function storeCapturedEvents(em: EntityManager, captured: CapturedEvent[], provenance: CaptureProvenance): Promise<CaptureCounts> {
  const knex = transactionOf(em);
  // Captures touching the same lots would race on creating them: they take turns (a lock held to commit).
  await knex.raw(`select pg_advisory_xact_lock(hashtext('nongsan:epcis-capture'))`);

  const events = lastOccurrenceOfEachEvent(captured);
  const lotIdOfEvent = await resolveLots(em, events, provenance);
  const eventCounts = await upsertEvents(em, events, lotIdOfEvent.eventLots, provenance);
  const touchedLots = [...new Set(lotIdOfEvent.eventLots.values())];
  const linked = await linkLots(em, touchedLots);
  const locations = await storeLocations(em, events, provenance);
  const certifications = await storeCertifications(em, events, lotIdOfEvent.eventLots, provenance);
  return { ...eventCounts, lots: lotIdOfEvent.counts, certifications, locations, linked };
}

function transactionOf(em: EntityManager): Knex {
  return (em.getTransactionContext<Knex.Transaction>() ?? em.getKnex()) as Knex;
}

/** A document may repeat an event (the same eventID): the last one counts, as if captured one after the other. */
function lastOccurrenceOfEachEvent(events: CapturedEvent[]): CapturedEvent[] {
  const byId = new Map<string, CapturedEvent>();
  for (const event of events) {
    const earlier = byId.get(event.eventId);
    byId.delete(event.eventId);
    byId.set(event.eventId, earlier?.errorDeclaration && !event.errorDeclaration ? { ...event, errorDeclaration: earlier.errorDeclaration } : event);
  }
  return [...byId.values()];
}

// ---------------------------------------------------------------------------------------------------------------
// Lots

type LotState = Pick<
  Lot,
  'id' | 'lotNumber' | 'gtin' | 'listingId' | 'householdId' | 'householdLink' | 'growingAreaId' | 'growingAreaCode' | 'productKey' | 'harvestedAt' | 'harvestEvidence' | 'quantityKg'
>;

/**
 * Finds or creates the lot each event names. A lot is its GTIN and lot number. A reference without GTIN goes to the
 * only lot with that number; when several products share the number, to a lot of unknown GTIN, since guessing
 * would file the event under the wrong product.
 */
async function resolveLots(
  em: EntityManager,
  events: CapturedEvent[],
  provenance: CaptureProvenance,
): Promise<{ eventLots: Map<string, string>; counts: WriteCounts }> {
  const referencing = events.filter((event) => event.lot);
  const eventLots = new Map<string, string>();
  if (referencing.length === 0) return { eventLots, counts: { inserted: 0, updated: 0, unchanged: 0 } };

  const numbers = [...new Set(referencing.map((event) => event.lot!.lotNumber))];
  const stored = await selectWhereAny<LotState>(em, Lot, LOT_FIELDS, 'lotNumber', numbers);
  const states = new Map<string, { state: LotState; before?: string }>();
  const byNumber = new Map<string, LotState[]>();
  const remember = (state: LotState, before?: string) => {
    states.set(state.id, { state, before });
    byNumber.set(state.lotNumber, [...(byNumber.get(state.lotNumber) ?? []), state]);
  };
  for (const row of stored) {
    // The driver hands timestamps over as text here.
    const state = { ...row, harvestedAt: new Date(row.harvestedAt) };
    remember(state, lotHash(state));
  }

  const find = (reference: LotReference): LotState => {
    const sameNumber = byNumber.get(reference.lotNumber) ?? [];
    const exact = sameNumber.find((lot) => (lot.gtin ?? undefined) === reference.gtin);
    if (exact) return exact;
    if (reference.gtin) {
      const withoutGtin = sameNumber.find((lot) => !lot.gtin);
      if (withoutGtin) {
        withoutGtin.gtin = reference.gtin;
        return withoutGtin;
      }
    } else if (sameNumber.length === 1) return sameNumber[0];
    const created: LotState = {
      id: lotKey(reference),
      lotNumber: reference.lotNumber,
      gtin: reference.gtin ?? null,
      listingId: null,
      householdId: null,
      householdLink: null,
      growingAreaId: null,
      growingAreaCode: null,
      productKey: null,
      // Replaced by the first evidence: every event about the lot offers at least its own time.
      harvestedAt: new Date(8.64e15),
      harvestEvidence: HarvestEvidence.FIRST_EVENT,
      quantityKg: null,
    };
    remember(created);
    return created;
  };

  // GTIN-bearing references first, so that a reference without GTIN finds the lot they create.
  const ordered = [...referencing].sort((a, b) => Number(!a.lot!.gtin) - Number(!b.lot!.gtin));
  for (const event of ordered) {
    const lot = find(event.lot!);
    eventLots.set(event.eventId, lot.id);
    addEvidence(lot, event);
  }

  const changed = [...states.values()].filter(({ state, before }) => lotHash(state) !== before).map(({ state }) => state);
  const counts = await upsertByKey(
    em,
    Lot,
    changed.map((state) => ({
      ...state,
      source: provenance.source,
      sourceRef: provenance.captureRef,
      importedAt: provenance.importedAt,
      contentHash: lotHash(state),
    })),
    { key: ['id'] },
  );
  counts.unchanged += states.size - changed.length;

  // The QR code on a pack carries the lot's Digital Link: `trace(code)` finds the lot by it.
  const codes = [...states.values()]
    .filter(({ state }) => state.gtin)
    .map(({ state }) => {
      const link = digitalLinkOf(state.gtin!, state.lotNumber);
      return { code: link, digitalLink: link, lotId: state.id, listingId: null, source: provenance.source, sourceRef: provenance.captureRef, importedAt: provenance.importedAt, contentHash: 'derived' };
    });
  await upsertByKey(em, TraceCode, codes, { key: ['digitalLink'], insertOnly: ['code', 'lotId', 'listingId', 'source', 'sourceRef', 'importedAt', 'contentHash'] });
  return { eventLots, counts };
}

const LOT_FIELDS = [
  'id', 'lotNumber', 'gtin', 'listingId', 'householdId', 'householdLink', 'growingAreaId', 'growingAreaCode', 'productKey', 'harvestedAt', 'harvestEvidence', 'quantityKg',
] as const;

function lotHash(state: LotState): string {
  return contentHash({ ...state, harvestedAt: state.harvestedAt.toISOString() });
}

/** What one event tells about its lot: harvest time (better evidence wins), harvested quantity, growing area. */
function addEvidence(lot: LotState, event: CapturedEvent): void {
  // An event declared erroneous did not happen as recorded: it only shows that the lot existed then (so that a lot
  // seen through such events alone still has a date).
  const reference = event.lot!;
  const offers: [HarvestEvidence, Date][] = [[HarvestEvidence.FIRST_EVENT, event.eventTime]];
  if (event.errorDeclaration) {
    applyHarvestEvidence(lot, offers);
    return;
  }
  if (event.commissions) offers.push([HarvestEvidence.COMMISSIONING, event.eventTime]);
  if (reference.harvestedAt) offers.push([HarvestEvidence.DECLARED, reference.harvestedAt]);
  applyHarvestEvidence(lot, offers);
  if (event.commissions && event.quantityKg !== null) lot.quantityKg = event.quantityKg;
  if (reference.growingAreaCode && reference.growingAreaCode !== lot.growingAreaCode) {
    lot.growingAreaCode = reference.growingAreaCode;
    // A newly declared code must be looked up again.
    lot.growingAreaId = null;
  }
}

function applyHarvestEvidence(lot: LotState, offers: [HarvestEvidence, Date][]): void {
  for (const [evidence, time] of offers) {
    const better = evidence > lot.harvestEvidence;
    const sameButEarlier = evidence === lot.harvestEvidence && time.getTime() < lot.harvestedAt.getTime();
    if (better || sameButEarlier) {
      lot.harvestEvidence = evidence;
      lot.harvestedAt = time;
    }
  }
}

/** `LOT-<GTIN>-<lot number>`, or a hash of both when that would pass the column's 48 characters. */
function lotKey(reference: LotReference): string {
  const readable = `LOT-${reference.gtin ?? 'N'}-${reference.lotNumber}`;
  if (readable.length <= 48 && /^[\w.-]+$/.test(reference.lotNumber)) return readable;
  return `LOT-${crypto.createHash('sha256').update(`${reference.gtin ?? ''}|${reference.lotNumber}`).digest('base64url').slice(0, 30)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Events

/** Each trace_event column, its property and the SQL type its values are sent as (one array per column). */
const EVENT_COLUMNS: [property: keyof TraceEvent & string, column: string, type: string][] = [
  ['id', 'id', 'text'], ['eventId', 'event_id', 'text'], ['lotId', 'lot_id', 'text'], ['eventType', 'event_type', 'epcis_event_type'],
  ['action', 'action', 'epcis_action'], ['bizStep', 'biz_step', 'text'], ['disposition', 'disposition', 'text'], ['eventTime', 'event_time', 'timestamptz'],
  ['eventTimeZoneOffset', 'event_time_zone_offset', 'text'], ['readPoint', 'read_point', 'text'], ['bizLocation', 'biz_location', 'text'],
  ['quantityKg', 'quantity_kg', 'float8'], ['quantities', 'quantities', 'jsonb'], ['certificationInfo', 'certification_info', 'text[]'],
  ['errorDeclaredAt', 'error_declared_at', 'timestamptz'], ['errorReason', 'error_reason', 'text'], ['correctiveEventIds', 'corrective_event_ids', 'text[]'],
  ['source', 'source', 'text'], ['sourceRef', 'source_ref', 'text'], ['importedAt', 'imported_at', 'timestamptz'], ['contentHash', 'content_hash', 'text'],
];
const ERROR_COLUMNS = new Set(['error_declared_at', 'error_reason', 'corrective_event_ids']);
const ENUM_TYPES = new Set(['epcis_event_type', 'epcis_action']);

/**
 * INSERT ... SELECT FROM unnest(one array per column) ON CONFLICT (event_id) DO UPDATE, 10,000 events per statement:
 * the statement stays small whatever the number of rows (no bind parameter per value). A stored event is rewritten
 * only where its content differs or a new error declaration arrives; a declaration already stored is kept when the
 * event comes again without it (events arrive in any order).
 */
async function upsertEvents(
  em: EntityManager,
  events: CapturedEvent[],
  eventLots: Map<string, string>,
  provenance: CaptureProvenance,
): Promise<WriteCounts> {
  const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0 };
  const knex = transactionOf(em);
  const schema = em.config.get('schema')!;
  const table = `"${schema}"."${em.getMetadata(TraceEvent).tableName}"`;
  const arrayType = (type: string) => (ENUM_TYPES.has(type) ? `"${schema}"."${type}"[]` : type === 'text[]' ? 'jsonb[]' : `${type}[]`);
  // A text[] column travels as JSON (unnest would flatten an array of arrays).
  const selected = EVENT_COLUMNS.map(([, column, type]) =>
    type === 'text[]' ? `case when ${column} is null then null else array(select jsonb_array_elements_text(${column})) end` : column,
  );
  const updates = EVENT_COLUMNS.filter(([, column]) => column !== 'event_id').map(([, column]) =>
    ERROR_COLUMNS.has(column) ? `${column} = coalesce(excluded.${column}, ${table}.${column})` : `${column} = excluded.${column}`,
  );
  const sql = `insert into ${table} (${EVENT_COLUMNS.map(([, column]) => column).join(', ')})
    select ${selected.join(', ')}
      from unnest(${EVENT_COLUMNS.map(([, , type]) => `?::${arrayType(type)}`).join(', ')}) as incoming(${EVENT_COLUMNS.map(([, column]) => column).join(', ')})
    on conflict (event_id) do update set ${updates.join(', ')}
     where ${table}.content_hash is distinct from excluded.content_hash
        or (excluded.error_declared_at is not null and ${table}.error_declared_at is distinct from excluded.error_declared_at)
    returning (xmax = 0) as inserted`;

  for (let start = 0; start < events.length; start += EVENT_ROWS_PER_STATEMENT) {
    const rows = events.slice(start, start + EVENT_ROWS_PER_STATEMENT).map((event) => eventRow(event, eventLots.get(event.eventId) ?? null, provenance));
    const columns = EVENT_COLUMNS.map(([property, , type]) =>
      rows.map((row) => {
        const value = row[property];
        return type === 'text[]' && value !== null && value !== undefined ? JSON.stringify(value) : (value ?? null);
      }),
    );
    const written: { rows: { inserted: boolean }[] } = await knex.raw(sql, columns as unknown as Knex.RawBinding[]);
    const inserted = written.rows.filter((row) => row.inserted).length;
    counts.inserted += inserted;
    counts.updated += written.rows.length - inserted;
    counts.unchanged += rows.length - written.rows.length;
  }
  return counts;
}

function eventRow(event: CapturedEvent, lotId: string | null, provenance: CaptureProvenance): Partial<Record<keyof TraceEvent, unknown>> {
  const record: Partial<Record<keyof TraceEvent, unknown>> = {
    id: traceEventKey(event.eventId),
    eventId: event.eventId,
    lotId,
    eventType: event.eventType,
    action: event.action,
    bizStep: event.bizStep,
    disposition: event.disposition,
    eventTime: event.eventTime,
    eventTimeZoneOffset: event.eventTimeZoneOffset,
    readPoint: event.readPoint,
    bizLocation: event.bizLocation,
    quantityKg: event.quantityKg,
    quantities: event.quantities ? JSON.stringify(event.quantities) : null,
    certificationInfo: event.certificationInfo,
    errorDeclaredAt: event.errorDeclaration?.declaredAt ?? null,
    errorReason: event.errorDeclaration?.reason ?? null,
    correctiveEventIds: event.errorDeclaration?.correctiveEventIds ?? null,
    source: provenance.source,
    sourceRef: provenance.captureRef,
    importedAt: provenance.importedAt,
    // The event's content and the lot it is filed under: either changing is an update.
    contentHash: contentHash({ event: event.contentHash, lotId }),
  };
  return record;
}

// ---------------------------------------------------------------------------------------------------------------
// Places and certificates

async function storeLocations(em: EntityManager, events: CapturedEvent[], provenance: CaptureProvenance): Promise<WriteCounts> {
  const firstSeen = new Map<string, Date>();
  for (const event of events) {
    for (const uri of [event.bizLocation, event.readPoint]) {
      if (!uri) continue;
      const seen = firstSeen.get(uri);
      if (!seen || event.eventTime < seen) firstSeen.set(uri, event.eventTime);
    }
  }
  const rows = [...firstSeen].map(([id, seenAt]) => {
    const identifier = locationOf(id);
    const fields = { gln: identifier?.gln ?? null, glnExtension: identifier?.extension ?? null };
    return { id, ...fields, firstSeenAt: seenAt, source: provenance.source, sourceRef: provenance.captureRef, importedAt: provenance.importedAt, contentHash: contentHash(fields) };
  });
  // Where and when a place was first seen, and by which capture, are kept from its first capture.
  const counts = await upsertByKey(em, Location, rows, { key: ['id'], insertOnly: ['firstSeenAt', 'source', 'sourceRef', 'importedAt'] });
  await attributeLocations(em, [...new Set(events.map((event) => event.bizLocation).filter((id): id is string => !!id))]);
  return counts;
}

/** What a certificate URI tells: its number (last path segment), who issued it (host) and, if it says, the scheme. */
export function certificateOf(uri: string): { certificateNumber: string; issuer: string; scheme: CertificationScheme } {
  let issuer = 'unknown';
  let path = uri;
  try {
    const url = new URL(uri);
    if (url.host) issuer = url.host;
    path = url.host ? url.pathname : url.pathname.replace(/^[^:]*:/, '');
  } catch {
    // Not a URL: the whole text is the number.
  }
  const segments = path.split(/[/:]/).filter(Boolean);
  const certificateNumber = decodeURIComponent(segments.at(-1) ?? uri);
  const text = uri.toLowerCase();
  const scheme = /vietgap/.test(text)
    ? CertificationScheme.VIETGAP
    : /globalg\.?a\.?p|ggn/.test(text)
      ? CertificationScheme.GLOBALGAP
      : /ocop/.test(text)
        ? CertificationScheme.OCOP
        : /haccp/.test(text)
          ? CertificationScheme.HACCP
          : /organic|huu-?co|tcvn-?11041/.test(text)
            ? CertificationScheme.ORGANIC
            : CertificationScheme.OTHER;
  return { certificateNumber, issuer, scheme };
}

/**
 * Certificates the events cite (`certificationInfo`): one record per certificate number, held by the household of
 * the lot the event is about and covering its listing. A certificate already known (from the certificate list) is
 * only completed: its holder if unknown, and where it can be checked.
 */
async function storeCertifications(
  em: EntityManager,
  events: CapturedEvent[],
  eventLots: Map<string, string>,
  provenance: CaptureProvenance,
): Promise<WriteCounts> {
  const citing = events.filter((event) => event.certificationInfo.length > 0 && !event.errorDeclaration);
  if (citing.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const lotIds = [...new Set(citing.map((event) => eventLots.get(event.eventId)).filter((id): id is string => !!id))];
  type LotLinks = Pick<Lot, 'id' | 'householdId' | 'listingId'>;
  const lots = new Map((await selectWhereAny<LotLinks>(em, Lot, ['id', 'householdId', 'listingId'], 'id', lotIds)).map((lot) => [lot.id, lot]));

  const cited = new Map<string, { uri: string; householdId: string | null; listingIds: Set<string> }>();
  for (const event of citing) {
    const lot = lots.get(eventLots.get(event.eventId) ?? '');
    for (const uri of event.certificationInfo) {
      const { certificateNumber } = certificateOf(uri);
      const entry = cited.get(certificateNumber) ?? { uri, householdId: null, listingIds: new Set<string>() };
      entry.householdId ??= lot?.householdId ?? null;
      if (lot?.listingId) entry.listingIds.add(lot.listingId);
      cited.set(certificateNumber, entry);
    }
  }
  const known = new Map<string, Certification>();
  const numbers = [...cited.keys()];
  for (let start = 0; start < numbers.length; start += 10_000) {
    for (const certification of await em.find(Certification, { certificateNumber: { $in: numbers.slice(start, start + 10_000) } })) {
      known.set(certification.certificateNumber, certification);
    }
  }
  const rows: Partial<Certification>[] = [];
  const coverage: Partial<CertificationListing>[] = [];
  const stamp = { source: provenance.source, sourceRef: provenance.captureRef, importedAt: provenance.importedAt };
  for (const [certificateNumber, { uri, householdId, listingIds }] of cited) {
    const existing = known.get(certificateNumber);
    const { issuer, scheme } = certificateOf(uri);
    const fields = existing
      ? {
          id: existing.id, certificateNumber, scheme: existing.scheme, issuer: existing.issuer, product: existing.product ?? null,
          stars: existing.stars ?? null, validFrom: existing.validFrom ?? null, validUntil: existing.validUntil ?? null,
          householdId: existing.householdId ?? householdId, certificationInfo: existing.certificationInfo ?? uri,
        }
      : {
          id: certificationKey(certificateNumber), certificateNumber, scheme, issuer, product: null, stars: null,
          validFrom: null, validUntil: null, householdId, certificationInfo: uri,
        };
    const unchanged = existing && existing.householdId === fields.householdId && existing.certificationInfo === fields.certificationInfo;
    if (!unchanged) rows.push({ ...fields, ...stamp, contentHash: contentHash(fields) });
    for (const listingId of listingIds) coverage.push({ certificationId: fields.id, listingId, ...stamp, contentHash: 'cited' });
  }
  const counts = await upsertByKey(em, Certification, rows, { key: ['certificateNumber'] });
  counts.unchanged += cited.size - rows.length;
  await upsertByKey(em, CertificationListing, coverage, { key: ['certificationId', 'listingId'], insertOnly: ['source', 'sourceRef', 'importedAt'] });
  return counts;
}

/** The id of a certificate first known here: stable for its number, so every source derives the same one. */
export function certificationKey(certificateNumber: string): string {
  return `CERT-${crypto.createHash('sha256').update(certificateNumber).digest('base64url').slice(0, 24)}`;
}
