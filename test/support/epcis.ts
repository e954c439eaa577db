import fs from 'node:fs';
import path from 'node:path';
import { hub, withDatabase } from './hub';
import { IDENTITY_HEADER, signIdentity } from '../../platform/access/identity-header';
import { viewerOf } from '../../platform/access/roles';
import { readCaptureDocument } from '../../subgraphs/traceability/ingest/epcis/document';
import { defaultCaptureLimits } from '../../subgraphs/traceability/ingest/epcis/routes';

/** The capture source the suite's documents come from (a partner key with this scope, through the gateway). */
export const TEST_SOURCE = 'TEST-SOURCE';

/** The identity the gateway forwards for the test source's key: tests that call the subgraph's port send it. */
export function sourceHeaders(source = TEST_SOURCE): Record<string, string> {
  return { [IDENTITY_HEADER]: signIdentity(viewerOf(`key:test-${source}`, 'partner', source)) };
}

/**
 * Registers the GTINs and locations a document names to the source, as an administrator does with
 * `npx nongsan sources claim` (ones already another source's stay so: the capture is then refused).
 */
export async function claimFor(document: unknown, source = TEST_SOURCE): Promise<void> {
  let events;
  try {
    // Past the capture limit the hub refuses the document by its count alone: no claims to make, no validation to run.
    events = readCaptureDocument(typeof document === 'string' ? JSON.parse(document) : document, { maxEvents: defaultCaptureLimits().maxEvents }).events;
  } catch {
    return; // not JSON: the capture refuses it before any claim matters
  }
  const claims = [
    ...new Set(events.flatMap((event) => (event.lot?.gtin ? [`GTIN|${event.lot.gtin}`] : []))),
    ...new Set(events.flatMap((event) => [event.readPoint, event.bizLocation].filter(Boolean).map((id) => `LOCATION|${id}`))),
  ];
  if (!claims.length) return;
  await withDatabase((client) => client.query(
    `insert into traceability.capture_source_claim (kind, value, source)
       select split_part(claim, '|', 1)::traceability.claim_kind, substr(claim, strpos(claim, '|') + 1), $2 from unnest($1::text[]) as claim
     on conflict do nothing`,
    [claims, source],
  ));
}

export const EXAMPLES_FOLDER = path.join(__dirname, '..', 'fixtures', 'epcis');
export const SAMPLE_DOCUMENT = path.join(__dirname, '..', '..', 'subgraphs', 'traceability', 'ingest', 'samples', 'epcis-na-chi-lang.jsonld');

/** The traceability subgraph's own base URL: EPCIS capture is served there, not by the gateway. */
export function traceabilityBaseUrl(): string {
  return hub().subgraphUrls.traceability.replace(/\/graphql$/, '');
}

export interface CaptureAnswer {
  status: number;
  location: string | null;
  contentType: string | null;
  body: Record<string, unknown> & { errors?: Record<string, unknown>[] };
}

/**
 * POSTs a capture document as the test source would (its GTINs and locations registered to it first), with the
 * identity the gateway signs for the source's key; `identity: {}` sends none.
 */
export async function postCapture(
  document: unknown,
  { contentType = 'application/ld+json', headers = {}, baseUrl = traceabilityBaseUrl(), identity = sourceHeaders() }: { contentType?: string; headers?: Record<string, string>; baseUrl?: string; identity?: Record<string, string> } = {},
): Promise<CaptureAnswer> {
  if (baseUrl === traceabilityBaseUrl() && Object.keys(identity).length) await claimFor(document);
  const response = await fetch(`${baseUrl}/epcis/capture`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...identity, ...headers },
    body: typeof document === 'string' ? document : JSON.stringify(document),
  });
  return {
    status: response.status,
    location: response.headers.get('location'),
    contentType: response.headers.get('content-type'),
    body: (await response.json()) as CaptureAnswer['body'],
  };
}

export function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

const TRACEABILITY_TABLES = ['lot', 'trace_event', 'certification', 'certification_listing', 'location', 'trace_code', 'growing_area'];

/** Rows in each traceability table (capture jobs aside: they are a log of requests, one per POST). */
export async function traceabilityRowCounts(): Promise<Record<string, number>> {
  return withDatabase(async (client) => {
    const counts: Record<string, number> = {};
    for (const table of TRACEABILITY_TABLES) {
      const { rows } = await client.query<{ count: string }>(`SELECT count(*) FROM traceability.${table}`);
      counts[table] = Number(rows[0].count);
    }
    return counts;
  });
}

/** A document of `count` harvest events, each about a new lot of a product no listing sells. */
export function syntheticDocument(count: number, tag: string): Record<string, unknown> {
  const events = Array.from({ length: count }, (_, index) => {
    const lot = `${tag}-${String(index).padStart(6, '0')}`;
    return {
      type: 'ObjectEvent',
      eventID: `urn:uuid:00000000-0000-4000-8000-${tag.padStart(4, '0').slice(-4)}${String(index).padStart(8, '0')}`,
      eventTime: new Date(Date.UTC(2026, 5, 1, 0, index % 60)).toISOString(),
      eventTimeZoneOffset: '+07:00',
      action: 'ADD',
      bizStep: 'commissioning',
      disposition: 'active',
      quantityList: [{ epcClass: `urn:epc:class:lgtin:8930000.099999.${lot}`, quantity: 100 + (index % 50), uom: 'KGM' }],
      readPoint: { id: 'urn:epc:id:sgln:8930000.99999.0' },
      bizLocation: { id: 'urn:epc:id:sgln:8930000.99999.0' },
      ilmd: { 'cbvmda:lotNumber': lot },
    };
  });
  return {
    '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2026-06-01T00:00:00Z',
    epcisBody: { eventList: events },
  };
}
