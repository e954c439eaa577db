import { countJsonArrayItems } from '../../../../platform/ingest/json-scan';
import { readCaptureDocument, type ReadDocument } from './document';

/*
 * A capture request's body, from bytes to the events to store: count the events (before parsing), parse, validate.
 * It runs on a worker thread for big documents (see routes.ts), so it imports nothing that needs the database.
 */

/** Problems are sent back for this many events at most; the count of all rejected events comes besides. */
export const MAX_REPORTED_EVENTS = 100;
const EVENT_LIST_PATHS = ['epcisBody/eventList', 'epcisBody/queryResults/resultsBody/eventList'];

export interface ReadBodyInput {
  body: Uint8Array;
  maxEvents: number;
  now: number;
}

export type ReadBodyOutput =
  | { outcome: 'too-many-events'; eventCount: number }
  | { outcome: 'not-json'; reason: string }
  | { outcome: 'read'; read: ReadDocument; rejected: number };

export function readCaptureBody({ body, maxEvents, now }: ReadBodyInput): ReadBodyOutput {
  // Counted to the end (linear, no parsing) so that the refusal can say how many there are.
  const counted = countJsonArrayItems(body, EVENT_LIST_PATHS);
  if (counted > maxEvents) return { outcome: 'too-many-events', eventCount: counted };
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch (error) {
    return { outcome: 'not-json', reason: (error as Error).message };
  }
  const read = readCaptureDocument(document, { now, maxEvents });
  if (read.eventCount > maxEvents) return { outcome: 'too-many-events', eventCount: read.eventCount };
  const rejected = read.eventProblems.size;
  if (rejected > MAX_REPORTED_EVENTS) {
    const first = [...read.eventProblems.keys()].sort((a, b) => a - b).slice(0, MAX_REPORTED_EVENTS);
    read.eventProblems = new Map(first.map((index) => [index, read.eventProblems.get(index)!]));
  }
  return { outcome: 'read', read, rejected };
}
