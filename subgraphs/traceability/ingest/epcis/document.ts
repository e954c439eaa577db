import crypto from 'node:crypto';
import { contentHash } from '../../../../platform/ingest/provenance';
import type { ImportProblem } from '../../../../platform/ingest/problems';
import type { EventQuantity } from '../../entities/lot';
import { EpcisAction, EpcisEventType } from '../../vocabulary';
import { bareCbvValue, tradeItemOf, type TradeItem } from './identifiers';
import { duplicateEventProblems, eventValueProblems } from './event-values';
import { checkAgainstSchema, located } from './validation';

/*
 * Reads an EPCIS 2.0 capture document (JSON or JSON-LD, EPCISDocument or EPCISQueryDocument) into what the hub
 * stores: one record per event, the lot each names, its certificates and places. Nothing here touches the database.
 */

/** The lot an event is about, as the event names it. */
export interface LotReference {
  /** Unknown when the event gives a lot number (ilmd) but no GTIN-bearing identifier. */
  gtin?: string;
  lotNumber: string;
  /** ilmd `cbvmda:harvestStartDate`, when declared. */
  harvestedAt?: Date;
  /** ilmd growing-area code (mã số vùng trồng), any prefix: `nongsan:growingAreaCode`. */
  growingAreaCode?: string;
}

export interface CapturedEvent {
  /** Position in the event list, from 0. */
  index: number;
  eventId: string;
  /** Hash of the event's content (without eventID, recordTime and errorDeclaration): a repeat is recognised by it. */
  contentHash: string;
  eventType: EpcisEventType;
  action: EpcisAction | null;
  bizStep: string | null;
  disposition: string | null;
  eventTime: Date;
  eventTimeZoneOffset: string;
  readPoint: string | null;
  bizLocation: string | null;
  quantityKg: number | null;
  quantities: EventQuantity[] | null;
  certificationInfo: string[];
  errorDeclaration: { declaredAt: Date; reason: string | null; correctiveEventIds: string[] | null } | null;
  lot: LotReference | null;
  /** A harvest: the lot was commissioned (action ADD, or bizStep commissioning). */
  commissions: boolean;
}

export interface ReadDocument {
  kind: 'EPCISDocument' | 'EPCISQueryDocument';
  /** The document's `id` or `instanceIdentifier`. */
  documentId: string | null;
  eventCount: number;
  /** Events that passed every check, in document order. */
  events: CapturedEvent[];
  /** Problems outside any event: the document cannot be captured at all. */
  documentProblems: ImportProblem[];
  /** Problems of events, by event index: those events cannot be captured. */
  eventProblems: Map<number, ImportProblem[]>;
}

const EVENT_TYPES = new Set<string>(Object.values(EpcisEventType));
const MAX_LOT_NUMBER_LENGTH = 40;
/** Mass units of UN/ECE Recommendation 20 that EPCIS quantities use, in kilograms. */
const KILOGRAMS_PER_UNIT: Record<string, number> = { KGM: 1, GRM: 0.001, MGM: 0.000001, TNE: 1000, LBR: 0.45359237, ONZ: 0.028349523125 };

type Json = Record<string, unknown>;

/** Checks a parsed document against the GS1 schema and the hub's own rules, and reads its events. */
export function readCaptureDocument(document: unknown, { now = Date.now(), maxEvents = Infinity }: { now?: number; maxEvents?: number } = {}): ReadDocument {
  const read: ReadDocument = { kind: 'EPCISDocument', documentId: null, eventCount: 0, events: [], documentProblems: [], eventProblems: new Map() };
  if (!isObject(document)) {
    read.documentProblems.push({ field: '$', message: 'the body is not a JSON object; send an EPCISDocument' });
    return read;
  }
  const type = document.type;
  if (type !== 'EPCISDocument' && type !== 'EPCISQueryDocument') {
    read.documentProblems.push({
      field: '$.type',
      value: typeof type === 'string' ? type : undefined,
      message:
        typeof type === 'string' && EVENT_TYPES.has(type)
          ? 'a single event cannot be captured on its own: put it in the epcisBody.eventList of an EPCISDocument'
          : 'the document type must be "EPCISDocument" (or "EPCISQueryDocument", whose query results are captured)',
    });
    return read;
  }
  read.kind = type;
  read.documentId = stringOrNull(document.id) ?? stringOrNull(document.instanceIdentifier);
  const eventList = eventListOf(document);
  read.eventCount = Array.isArray(eventList) ? eventList.length : 0;
  // Too many events: refused by count alone, before any validation work.
  if (read.eventCount > maxEvents) return read;

  const schema = checkAgainstSchema(document);
  read.documentProblems.push(...schema.documentProblems);
  read.eventProblems = schema.eventProblems;
  if (!Array.isArray(eventList)) return read;

  const listPointer = type === 'EPCISDocument' ? '/epcisBody/eventList' : '/epcisBody/queryResults/resultsBody/eventList';
  eventList.forEach((event, index) => {
    if (!isObject(event)) return;
    const problems = eventValueProblems(event, `${listPointer}/${index}`, now);
    // An event the schema refuses gets the hub's own findings too: a NUL byte is named as such, not only as a bad URI.
    const schemaProblems = read.eventProblems.get(index);
    if (schemaProblems) return void schemaProblems.push(...problems);
    const captured = problems.length > 0 ? undefined : readEvent(event, index, `${listPointer}/${index}`, problems);
    if (problems.length > 0 || !captured) read.eventProblems.set(index, problems);
    else read.events.push(captured);
  });
  const duplicates = duplicateEventProblems(read.events, listPointer);
  if (duplicates.size > 0) {
    for (const [index, problems] of duplicates) read.eventProblems.set(index, problems);
    read.events = read.events.filter((event) => !duplicates.has(event.index));
  }
  return read;
}

function eventListOf(document: Json): unknown {
  const body = document.epcisBody;
  if (!isObject(body)) return undefined;
  if (document.type === 'EPCISDocument') return body.eventList;
  const results = isObject(body.queryResults) ? body.queryResults.resultsBody : undefined;
  return isObject(results) ? results.eventList : undefined;
}

/** One schema-valid event: the hub's checks, then its record. */
function readEvent(event: Json, index: number, pointer: string, problems: ImportProblem[]): CapturedEvent | undefined {
  const type = String(event.type);
  if (!EVENT_TYPES.has(type)) {
    problems.push(located(`${pointer}/type`, `event type "${type}" is an extension this hub does not store; use one of ${[...EVENT_TYPES].join(', ')}`, type));
    return undefined;
  }
  const ilmd = isObject(event.ilmd) ? event.ilmd : {};
  const lot = lotOf(event, type as EpcisEventType, ilmd, pointer, problems);
  if (problems.length > 0) return undefined;

  const quantities = quantitiesOf(event);
  const errorDeclaration = isObject(event.errorDeclaration) ? event.errorDeclaration : null;
  const hash = contentHash(canonicalContent(event));
  const action = typeof event.action === 'string' ? (event.action as EpcisAction) : null;
  const bizStep = bareCbvValue(stringOrUndefined(event.bizStep), 'bizstep') ?? null;
  return {
    index,
    eventId: stringOrNull(event.eventID) ?? hashedEventId(hash),
    contentHash: hash,
    eventType: type as EpcisEventType,
    action,
    bizStep,
    disposition: bareCbvValue(stringOrUndefined(event.disposition), 'disp') ?? null,
    eventTime: new Date(String(event.eventTime)),
    eventTimeZoneOffset: String(event.eventTimeZoneOffset),
    readPoint: isObject(event.readPoint) ? stringOrNull(event.readPoint.id) : null,
    bizLocation: isObject(event.bizLocation) ? stringOrNull(event.bizLocation.id) : null,
    quantityKg: kilogramsOf(quantities, lot),
    quantities: quantities.length > 0 ? quantities : null,
    certificationInfo: ([] as unknown[]).concat(event.certificationInfo ?? []).filter((uri): uri is string => typeof uri === 'string'),
    errorDeclaration: errorDeclaration
      ? {
          declaredAt: new Date(String(errorDeclaration.declarationTime)),
          reason: stringOrNull(errorDeclaration.reason),
          correctiveEventIds: Array.isArray(errorDeclaration.correctiveEventIDs) ? errorDeclaration.correctiveEventIDs.map(String) : null,
        }
      : null,
    lot,
    commissions: action === EpcisAction.ADD || bizStep === 'commissioning',
  };
}

/** Where each kind of event lists what it is about: outputs before inputs, so a transformation is filed under what it made. */
const SUBJECT_LISTS: Record<EpcisEventType, string[]> = {
  [EpcisEventType.ObjectEvent]: ['epcList', 'quantityList'],
  [EpcisEventType.AggregationEvent]: ['parentID', 'childEPCs', 'childQuantityList'],
  [EpcisEventType.TransactionEvent]: ['parentID', 'epcList', 'quantityList'],
  [EpcisEventType.TransformationEvent]: ['outputEPCList', 'outputQuantityList', 'inputEPCList', 'inputQuantityList'],
  [EpcisEventType.AssociationEvent]: ['parentID', 'childEPCs', 'childQuantityList'],
};

/**
 * The one lot an event is filed under: the ilmd lot number (with the GTIN of its first trade item), else the first
 * lot-level identifier (LGTIN class, Digital Link with AI 10) among its subjects. An event naming none has no lot.
 */
function lotOf(event: Json, type: EpcisEventType, ilmd: Json, pointer: string, problems: ImportProblem[]): LotReference | null {
  const items: TradeItem[] = [];
  for (const list of SUBJECT_LISTS[type]) {
    const value = event[list];
    for (const element of ([] as unknown[]).concat(value ?? [])) {
      const uri = typeof element === 'string' ? element : isObject(element) ? stringOrUndefined(element.epcClass) : undefined;
      const item = uri ? tradeItemOf(uri) : undefined;
      if (item) items.push(item);
    }
  }
  const declaredKey = Object.keys(ilmd).find((key) => localName(key) === 'lotNumber');
  const declared = declaredKey !== undefined ? String(ilmd[declaredKey]).trim() : undefined;
  const lotNumber = declared || items.find((item) => item.lotNumber)?.lotNumber;
  if (!lotNumber) return null;
  if (lotNumber.length > MAX_LOT_NUMBER_LENGTH) {
    const where = declaredKey !== undefined ? `${pointer}/ilmd/${declaredKey}` : pointer;
    problems.push(located(where, `the lot number "${lotNumber.slice(0, 60)}" is longer than ${MAX_LOT_NUMBER_LENGTH} characters (a GS1 lot number has at most 20)`, lotNumber));
    return null;
  }
  const gtin = (declared ? items[0] : items.find((item) => item.lotNumber === lotNumber))?.gtin;
  const reference: LotReference = { lotNumber, ...(gtin ? { gtin } : {}) };

  const harvestKey = Object.keys(ilmd).find((key) => localName(key) === 'harvestStartDate');
  if (harvestKey !== undefined) {
    // A bare date is a day where the harvest took place: it starts at midnight there, not in UTC.
    const written = String(ilmd[harvestKey]).trim();
    const harvested = new Date(/^\d{4}-\d{2}-\d{2}$/.test(written) ? `${written}T00:00:00${String(event.eventTimeZoneOffset)}` : written);
    if (Number.isNaN(harvested.getTime())) {
      problems.push(located(`${pointer}/ilmd/${harvestKey}`, `"${String(ilmd[harvestKey])}" is not a date such as 2025-06-20 or 2025-06-20T05:00:00+07:00`, ilmd[harvestKey]));
    } else reference.harvestedAt = harvested;
  }
  const areaKey = Object.keys(ilmd).find((key) => localName(key) === 'growingAreaCode');
  if (areaKey !== undefined) reference.growingAreaCode = String(ilmd[areaKey]).trim().toUpperCase();
  return reference;
}

function quantitiesOf(event: Json): EventQuantity[] {
  const lists: [string, EventQuantity['role'] | undefined][] = [
    ['quantityList', undefined],
    ['childQuantityList', 'child'],
    ['inputQuantityList', 'input'],
    ['outputQuantityList', 'output'],
  ];
  const quantities: EventQuantity[] = [];
  for (const [list, role] of lists) {
    for (const element of Array.isArray(event[list]) ? (event[list] as unknown[]) : []) {
      if (!isObject(element) || typeof element.epcClass !== 'string') continue;
      const quantity: EventQuantity = { epcClass: element.epcClass };
      if (typeof element.quantity === 'number') quantity.quantity = element.quantity;
      if (typeof element.uom === 'string') quantity.uom = element.uom;
      if (role) quantity.role = role;
      quantities.push(quantity);
    }
  }
  return quantities;
}

/** The mass of the event's lot (its quantity element), else of its only weighed quantity; null when not weighed. */
function kilogramsOf(quantities: EventQuantity[], lot: LotReference | null): number | null {
  const weighed = quantities.filter((quantity) => quantity.quantity !== undefined && quantity.uom && KILOGRAMS_PER_UNIT[quantity.uom]);
  const ofLot = lot
    ? weighed.find((quantity) => {
        const item = tradeItemOf(quantity.epcClass);
        return item?.lotNumber === lot.lotNumber && (!lot.gtin || item.gtin === lot.gtin);
      })
    : undefined;
  const chosen = ofLot ?? (weighed.length === 1 ? weighed[0] : undefined);
  if (!chosen) return null;
  return Math.round(chosen.quantity! * KILOGRAMS_PER_UNIT[chosen.uom!] * 1000) / 1000;
}

/**
 * What makes two captures the same event, after the idea of the standard's event hash (simplified): every field
 * but eventID, recordTime, errorDeclaration and @context, the time in UTC, CBV values by bare name, keys in any order.
 */
function canonicalContent(event: Json): Json {
  const { eventID: _id, recordTime: _recorded, errorDeclaration: _error, '@context': _context, ...content } = event;
  const time = new Date(String(event.eventTime));
  return {
    ...content,
    eventTime: Number.isNaN(time.getTime()) ? event.eventTime : time.toISOString(),
    ...(typeof event.bizStep === 'string' ? { bizStep: bareCbvValue(event.bizStep, 'bizstep') } : {}),
    ...(typeof event.disposition === 'string' ? { disposition: bareCbvValue(event.disposition, 'disp') } : {}),
  };
}

/** An eventID for an event sent without one: a named-information URI of its content hash, marked as the hub's own. */
function hashedEventId(hash: string): string {
  return `ni:///sha-256;${Buffer.from(hash, 'base64url').toString('hex')}?ver=nongsan-1`;
}

/** A short, stable primary key for an event (its eventID may be a long URI). */
export function traceEventKey(eventId: string): string {
  return `EV-${crypto.createHash('sha256').update(eventId).digest('base64url').slice(0, 26)}`;
}

function localName(key: string): string {
  return key.split(/[:#/]/).pop() ?? key;
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

