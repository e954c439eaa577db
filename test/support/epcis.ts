import fs from 'node:fs';
import path from 'node:path';
import { hub, withDatabase } from './hub';

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

/** POSTs a capture document as an EPCIS client would. */
export async function postCapture(
  document: unknown,
  { contentType = 'application/ld+json', headers = {}, baseUrl = traceabilityBaseUrl() }: { contentType?: string; headers?: Record<string, string>; baseUrl?: string } = {},
): Promise<CaptureAnswer> {
  const response = await fetch(`${baseUrl}/epcis/capture`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
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
