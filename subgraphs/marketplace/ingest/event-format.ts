import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { ImportProblem } from '../../../platform/ingest/problems';
import {
  nationalIdHash, normaliseNationalId, normalisePersonName, normalisePhone, normaliseText,
} from '../../../platform/identity/normalise';
import { jsonTextProblems } from '../../../platform/ingest/values';
import { isAssignedCountryCode } from '../../../platform/places/countries';
import { DOMESTIC_COUNTRY, ListingStatus, OrderStatus } from '../vocabulary';
import { resolveCommune } from '../../../platform/places';

/*
 * The events a marketplace sends, by webhook or from its events API, and their validation. Shop, listing and
 * order events carry the whole object as it is after the change (a snapshot, not a difference), so the hub can
 * keep the newest state whatever order events arrive in; only `listing.removed` carries ids alone.
 */

export const MARKETPLACE_EVENT_TYPES = [
  'shop.opened', 'shop.changed',
  'listing.created', 'listing.changed', 'listing.removed',
  'order.placed', 'order.shipped', 'order.delivered', 'order.cancelled',
] as const;
export type MarketplaceEventType = (typeof MARKETPLACE_EVENT_TYPES)[number];

/** Most events one request (or one page of the events API) may carry. */
export const MAX_EVENTS_PER_BATCH = 5000;

/**
 * What went wrong with one event: `eventIndex` is its position in the `events` list, from 0 (absent when the whole
 * body is wrong), `field` the dotted path in the event, e.g. "data.seller.phone".
 */
type EventProblem = ImportProblem;

export interface SellerIdentity {
  /** Normalised (NFC, capitalised words). Personal data: never exposed. */
  name: string;
  /** E.164, or null when the platform does not know it. */
  phone: string | null;
  /** Keyed hash of the ID number; the number itself is never stored. */
  nationalIdHash: string | null;
  communeCode: string;
  provinceCode: string;
  /** How the commune was found: by its code or by its name. */
  communeVia: string;
}

export interface ShopState {
  name: string;
  brandMark: string | null;
  rating: number | null;
  openedAt: Date;
  seller: SellerIdentity;
}

export interface ListingState {
  title: string;
  category: string;
  isFarmInput: boolean;
  priceVnd: number;
  unit: string;
  kgPerUnit: number;
  brandMark: string | null;
  householdDiscountPct: number | null;
  gtin: string;
  status: ListingStatus;
  createdAt: Date;
}

export interface OrderState {
  quantity: number;
  valueVnd: number;
  orderedAt: Date;
  deliveredAt: Date | null;
  status: OrderStatus;
  destinationCountry: string;
  destinationProvinceCode: string | null;
  destinationCommuneCode: string | null;
}

interface EventBase {
  /** Position in the batch, for messages and for ordering events with the same timestamp. */
  index: number;
  id: string;
  type: MarketplaceEventType;
  occurredAt: Date;
  /** The platform's own shop id. */
  shopId: string;
}
export interface ShopEvent extends EventBase { kind: 'shop'; shop: ShopState }
export interface ListingEvent extends EventBase { kind: 'listing'; listingId: string; listing: ListingState }
export interface ListingRemovedEvent extends EventBase { kind: 'listingRemoved'; listingId: string }
export interface OrderEvent extends EventBase { kind: 'order'; listingId: string; orderId: string; order: OrderState }
export type MarketplaceEvent = ShopEvent | ListingEvent | ListingRemovedEvent | OrderEvent;

// ---------------------------------------------------------------------------------------------------------------
// JSON schemas. `errorText` is our own annotation: the message a failed `pattern` or `format` check gives.

const platformId = {
  type: 'string', pattern: '^[A-Za-z0-9_-]{1,20}$',
  errorText: 'must be the platform\'s id: 1 to 20 letters, digits, "-" or "_"',
};
const timestamp = {
  type: 'string', format: 'date-time',
  errorText: 'must be a date and time with its time zone, e.g. "2026-11-23T08:30:00+07:00"',
};
const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength });
const nullableText = (maxLength: number) => ({ type: ['string', 'null'], maxLength });
const place = {
  type: 'object',
  properties: { code: nullableText(10), name: nullableText(100), district: nullableText(100), province: nullableText(100) },
  anyOf: [
    { required: ['code'], properties: { code: { type: 'string', minLength: 1 } } },
    { required: ['name'], properties: { name: { type: 'string', minLength: 1 } } },
  ],
  errorText: 'must give the commune\'s code (e.g. "07582") or its name (with "province" if the name is common)',
};

const envelopeSchema = {
  type: 'object',
  required: ['id', 'type', 'occurredAt', 'shopId'],
  properties: {
    id: text(100),
    type: { enum: [...MARKETPLACE_EVENT_TYPES] },
    occurredAt: timestamp,
    shopId: platformId,
    listingId: platformId,
    orderId: platformId,
    data: { type: 'object' },
  },
};

const shopData = {
  type: 'object',
  required: ['name', 'openedAt', 'seller'],
  properties: {
    name: text(200),
    brandMark: nullableText(200),
    rating: { type: ['number', 'null'], minimum: 1, maximum: 5 },
    openedAt: timestamp,
    seller: {
      type: 'object',
      required: ['name', 'commune'],
      properties: { name: text(200), phone: nullableText(30), nationalId: nullableText(20), commune: place },
    },
  },
};

const listingData = {
  type: 'object',
  required: ['title', 'category', 'isFarmInput', 'priceVnd', 'unit', 'kgPerUnit', 'gtin', 'createdAt'],
  properties: {
    title: text(300),
    category: text(100),
    isFarmInput: { type: 'boolean' },
    priceVnd: { type: 'integer', minimum: 0, maximum: 1e12 },
    unit: text(32),
    kgPerUnit: { type: 'number', exclusiveMinimum: 0, maximum: 100_000 },
    brandMark: nullableText(200),
    householdDiscountPct: { type: ['number', 'null'], minimum: 0, maximum: 100 },
    gtin: { type: 'string', pattern: '^(\\d{8}|\\d{12,14})$', errorText: 'must be a GTIN of 8, 12, 13 or 14 digits' },
    status: { enum: [ListingStatus.ACTIVE, ListingStatus.PAUSED] },
    createdAt: timestamp,
  },
};

const orderData = (deliveredAtRequired: boolean) => ({
  type: 'object',
  required: ['quantity', 'valueVnd', 'orderedAt', 'destination', ...(deliveredAtRequired ? ['deliveredAt'] : [])],
  properties: {
    quantity: { type: 'integer', minimum: 1, maximum: 10_000_000 },
    valueVnd: { type: 'integer', minimum: 0, maximum: 1e13 },
    orderedAt: timestamp,
    deliveredAt: deliveredAtRequired ? timestamp : { ...timestamp, type: ['string', 'null'] },
    destination: {
      type: 'object',
      required: ['country'],
      properties: {
        country: { type: 'string', pattern: '^[A-Z]{2}$', errorText: 'must be an ISO 3166-1 two-letter country code, e.g. "VN", "CN"' },
        commune: place,
      },
    },
  },
});

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
addFormats(ajv, ['date-time']);
ajv.addKeyword({ keyword: 'errorText', schemaType: 'string' });

const validateEnvelope = ajv.compile(envelopeSchema);
const dataValidators: Record<MarketplaceEventType, ValidateFunction | null> = {
  'shop.opened': ajv.compile(shopData),
  'shop.changed': ajv.compile(shopData),
  'listing.created': ajv.compile(listingData),
  'listing.changed': ajv.compile(listingData),
  'listing.removed': null,
  'order.placed': ajv.compile(orderData(false)),
  'order.shipped': ajv.compile(orderData(false)),
  'order.delivered': ajv.compile(orderData(true)),
  'order.cancelled': ajv.compile(orderData(false)),
};

const ORDER_STATUS_OF: Partial<Record<MarketplaceEventType, OrderStatus>> = {
  'order.placed': OrderStatus.PLACED,
  'order.shipped': OrderStatus.SHIPPING,
  'order.delivered': OrderStatus.DELIVERED,
  'order.cancelled': OrderStatus.CANCELLED,
};

// ---------------------------------------------------------------------------------------------------------------

export type BatchValidation = { events: MarketplaceEvent[]; problems: [] } | { events: null; problems: EventProblem[] };

/** Reads a request body (or an API page) `{ "events": [...] }`; every problem of every event is reported at once. */
export function parseEventBatch(body: unknown): BatchValidation {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !Array.isArray((body as { events?: unknown }).events)) {
    return { events: null, problems: [{ field: 'events', message: 'The body must be a JSON object with an "events" list.' }] };
  }
  const raw = (body as { events: unknown[] }).events;
  if (raw.length === 0) return { events: null, problems: [{ field: 'events', message: 'The "events" list is empty.' }] };
  if (raw.length > MAX_EVENTS_PER_BATCH) {
    return {
      events: null,
      problems: [{ field: 'events', message: `The "events" list has ${raw.length} events; send at most ${MAX_EVENTS_PER_BATCH} per request.` }],
    };
  }
  const events: MarketplaceEvent[] = [];
  const problems: EventProblem[] = [];
  raw.forEach((event, index) => {
    const result = parseEvent(event, index);
    if ('problems' in result) problems.push(...result.problems);
    else events.push(result.event);
  });
  return problems.length ? { events: null, problems } : { events, problems: [] };
}

function parseEvent(raw: unknown, index: number): { event: MarketplaceEvent } | { problems: EventProblem[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { problems: [{ eventIndex: index, message: 'The event must be a JSON object.' }] };
  }
  const problems: EventProblem[] = validateEnvelope(raw) ? [] : translate(validateEnvelope.errors, index, '');
  const envelope = raw as {
    id: string; type: MarketplaceEventType; occurredAt: string; shopId: string; listingId?: string; orderId?: string; data?: unknown;
  };
  // With a known type the data is checked too, so that one answer lists every problem of the event.
  if (!MARKETPLACE_EVENT_TYPES.includes(envelope.type)) return { problems };
  const need = (field: 'listingId' | 'orderId') => {
    if (envelope[field] === undefined) problems.push({ eventIndex: index, field, message: `is missing: every ${envelope.type} event names its ${field === 'listingId' ? 'listing' : 'order'}.` });
  };
  if (envelope.type.startsWith('listing.') || envelope.type.startsWith('order.')) need('listingId');
  if (envelope.type.startsWith('order.')) need('orderId');
  const validateData = dataValidators[envelope.type];
  if (validateData) {
    if (envelope.data === undefined) problems.push({ eventIndex: index, field: 'data', message: `is missing: every ${envelope.type} event carries the object's data.` });
    else if (!validateData(envelope.data)) problems.push(...translate(validateData.errors, index, 'data'));
  }
  for (const { path, problem } of jsonTextProblems(envelope.data, 'data')) problems.push({ eventIndex: index, field: path, message: `${problem}.` });
  if (problems.length) return { problems };

  const base = { index, id: envelope.id, type: envelope.type, occurredAt: new Date(envelope.occurredAt), shopId: envelope.shopId };
  const fail = (field: string, message: string) => ({ problems: [{ eventIndex: index, field, message }] });
  switch (envelope.type) {
    case 'shop.opened':
    case 'shop.changed': {
      const data = envelope.data as ShopData;
      const seller = parseSeller(data.seller, index);
      if ('problems' in seller) return seller;
      return {
        event: {
          ...base, kind: 'shop',
          shop: { name: normaliseText(data.name), brandMark: optionalText(data.brandMark), rating: data.rating ?? null, openedAt: new Date(data.openedAt), seller: seller.seller },
        },
      };
    }
    case 'listing.created':
    case 'listing.changed': {
      const data = envelope.data as ListingData;
      if (!gtinCheckDigitValid(data.gtin)) return fail('data.gtin', `"${data.gtin}" has a wrong check digit (the last digit); check the barcode number.`);
      return {
        event: {
          ...base, kind: 'listing', listingId: envelope.listingId!,
          listing: {
            title: normaliseText(data.title), category: normaliseText(data.category), isFarmInput: data.isFarmInput, priceVnd: data.priceVnd,
            unit: normaliseText(data.unit), kgPerUnit: data.kgPerUnit, brandMark: optionalText(data.brandMark),
            householdDiscountPct: data.householdDiscountPct ?? null, gtin: data.gtin, status: data.status ?? ListingStatus.ACTIVE,
            createdAt: new Date(data.createdAt),
          },
        },
      };
    }
    case 'listing.removed':
      return { event: { ...base, kind: 'listingRemoved', listingId: envelope.listingId! } };
    default: {
      const data = envelope.data as OrderData;
      const orderedAt = new Date(data.orderedAt);
      const deliveredAt = data.deliveredAt ? new Date(data.deliveredAt) : null;
      if (deliveredAt && deliveredAt < orderedAt) return fail('data.deliveredAt', 'is earlier than data.orderedAt.');
      let destinationProvinceCode: string | null = null;
      let destinationCommuneCode: string | null = null;
      if (!isAssignedCountryCode(data.destination.country)) {
        return fail('data.destination.country', `"${data.destination.country}" is not a country code of ISO 3166-1; use the two-letter code, e.g. "VN", "CN", "US".`);
      }
      if (data.destination.country === DOMESTIC_COUNTRY) {
        if (!data.destination.commune) return fail('data.destination.commune', 'is missing: an order delivered in Vietnam names its destination commune.');
        const commune = findCommune(data.destination.commune, index, 'data.destination.commune');
        if ('problems' in commune) return commune;
        destinationProvinceCode = commune.provinceCode;
        destinationCommuneCode = commune.communeCode;
      }
      return {
        event: {
          ...base, kind: 'order', listingId: envelope.listingId!, orderId: envelope.orderId!,
          order: {
            quantity: data.quantity, valueVnd: data.valueVnd, orderedAt, deliveredAt, status: ORDER_STATUS_OF[envelope.type]!,
            destinationCountry: data.destination.country, destinationProvinceCode, destinationCommuneCode,
          },
        },
      };
    }
  }
}

interface ShopData {
  name: string; brandMark?: string | null; rating?: number | null; openedAt: string;
  seller: { name: string; phone?: string | null; nationalId?: string | null; commune: PlaceQuery };
}
interface ListingData {
  title: string; category: string; isFarmInput: boolean; priceVnd: number; unit: string; kgPerUnit: number; brandMark?: string | null;
  householdDiscountPct?: number | null; gtin: string; status?: ListingStatus; createdAt: string;
}
interface OrderData {
  quantity: number; valueVnd: number; orderedAt: string; deliveredAt?: string | null;
  destination: { country: string; commune?: PlaceQuery };
}

/** The seller's identity as the hub keeps it: no ID number in clear, and none in messages either. */
function parseSeller(seller: ShopData['seller'], index: number): { seller: SellerIdentity } | { problems: EventProblem[] } {
  const problems: EventProblem[] = [];
  let phone: string | null = null;
  if (seller.phone) {
    const result = normalisePhone(seller.phone);
    // The message names the problem, not the number: responses end up in logs.
    if ('problem' in result) problems.push({ eventIndex: index, field: 'data.seller.phone', message: result.problem.replace(/^"[^"]*"/, 'The number') + '.' });
    else phone = result.phone;
  }
  let idHash: string | null = null;
  if (seller.nationalId) {
    const result = normaliseNationalId(seller.nationalId);
    if ('problem' in result) {
      problems.push({ eventIndex: index, field: 'data.seller.nationalId', message: 'is not an ID number: a CCCD has 12 digits (the first three a province code 001-096), an old CMND 9.' });
    } else idHash = nationalIdHash(result.nationalId);
  }
  const commune = findCommune(seller.commune, index, 'data.seller.commune');
  if ('problems' in commune) problems.push(...commune.problems);
  if (problems.length || 'problems' in commune) return { problems };
  return {
    seller: { name: normalisePersonName(seller.name), phone, nationalIdHash: idHash, communeCode: commune.communeCode, provinceCode: commune.provinceCode, communeVia: commune.via },
  };
}

interface PlaceQuery {
  code?: string | null;
  name?: string | null;
  district?: string | null;
  province?: string | null;
}

/** The platform's commune (current or pre-2025, by code or name) as a current commune code and its province. */
function findCommune(query: PlaceQuery, index: number, field: string): { communeCode: string; provinceCode: string; via: string } | { problems: EventProblem[] } {
  const match = resolveCommune({ code: query.code ?? undefined, name: query.name ?? undefined, district: query.district ?? undefined, province: query.province ?? undefined });
  if (!match) {
    const given = [query.code && `code "${query.code}"`, query.name && `name "${query.name}"`, query.district && `district "${query.district}"`, query.province && `province "${query.province}"`]
      .filter(Boolean).join(', ');
    return {
      problems: [{
        eventIndex: index, field,
        message: `no commune, current or from before July 2025, matches ${given} (or the name fits several): send the commune code, or add the province.`,
      }],
    };
  }
  // An old commune divided in 2025: the first successor stands for it (see PlaceMatch), and the via says so.
  const [unit] = match.units;
  return { communeCode: unit.code, provinceCode: unit.provinceCode, via: match.split ? `${match.via} (split)` : match.via };
}

function optionalText(value: string | null | undefined): string | null {
  const normalised = value ? normaliseText(value) : '';
  return normalised ? normalised : null;
}

/** GS1 check digit: weights 3 and 1 alternate from the right, the last digit makes the sum a multiple of 10. */
export function gtinCheckDigitValid(gtin: string): boolean {
  const digits = [...gtin].map(Number);
  const check = digits.pop()!;
  const sum = digits.reverse().reduce((total, digit, position) => total + digit * (position % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

// ---------------------------------------------------------------------------------------------------------------

const TYPE_WORDS: Record<string, string> = {
  string: 'text', number: 'a number', integer: 'a whole number', boolean: 'true or false', object: 'an object', array: 'a list', null: 'null',
};

/** Ajv's errors in words, one per field, each naming the event and the field. */
function translate(errors: ErrorObject[] | null | undefined, eventIndex: number, prefix: string): EventProblem[] {
  const problems = new Map<string, EventProblem>();
  for (const error of errors ?? []) {
    // anyOf repeats its branches' errors; the annotation on the parent says it in one sentence.
    if (error.schemaPath.includes('/anyOf/')) continue;
    const path = [prefix, ...error.instancePath.split('/').slice(1)].filter(Boolean);
    let message: string;
    switch (error.keyword) {
      case 'required':
        path.push(String(error.params.missingProperty));
        message = 'is missing.';
        break;
      case 'type': {
        const types = ([] as string[]).concat(error.params.type as string | string[]);
        message = `must be ${types.map((type) => TYPE_WORDS[type] ?? type).join(' or ')}.`;
        break;
      }
      case 'enum':
        message = `must be one of ${(error.params.allowedValues as string[]).map((value) => `"${value}"`).join(', ')}.`;
        break;
      case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
        message = `must be ${{ minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'more than', exclusiveMaximum: 'less than' }[error.keyword]} ${error.params.limit}.`;
        break;
      case 'minLength':
        message = 'must not be empty.';
        break;
      case 'maxLength':
        message = `must be at most ${error.params.limit} characters long.`;
        break;
      default: {
        const annotation = (error.parentSchema as { errorText?: string } | undefined)?.errorText;
        message = annotation ? `${annotation}.` : `${error.message ?? 'is not valid'}.`;
      }
    }
    const field = path.join('.');
    if (!problems.has(field)) problems.set(field, { eventIndex, field: field || undefined, message });
  }
  return [...problems.values()];
}
