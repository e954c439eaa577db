import { numberProblem, textProblem } from '../../../../platform/ingest/values';
import type { ImportProblem } from '../../../../platform/ingest/problems';
import { located } from './validation';

/*
 * The hub's own checks of an event's values, beyond GS1's schema: what PostgreSQL and later readers cannot take
 * (NUL bytes, huge identifiers, infinite quantities) and what would lock data wrongly (events dated in the future).
 */

/** An eventID is a unique key: longer ones cannot be indexed, and no real URI needs more. */
export const MAX_EVENT_ID_LENGTH = 512;
/** Any other text in an event: URIs, codes, names of one's own extensions. */
const MAX_TEXT_LENGTH = 2048;
/** A million tonnes: far above any lot, far below where kilograms stop being exact. */
export const MAX_QUANTITY = 1e9;
const QUANTITY_LISTS = ['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList'];

/** How far ahead of the hub's clock an event may be dated (device clocks drift): `EPCIS_MAX_FUTURE_MINUTES`, 60 by default. */
export function futureSkewMs(): number {
  return Number(process.env.EPCIS_MAX_FUTURE_MINUTES ?? 60) * 60_000;
}

/** Problems of one schema-valid event's values; empty when it may be stored. */
export function eventValueProblems(event: Record<string, unknown>, pointer: string, now: number): ImportProblem[] {
  const problems: ImportProblem[] = [];
  if (typeof event.eventID === 'string' && event.eventID.length > MAX_EVENT_ID_LENGTH) {
    problems.push(located(`${pointer}/eventID`, `the eventID is ${event.eventID.length} characters long; at most ${MAX_EVENT_ID_LENGTH} are allowed (use a urn:uuid: or a short URI)`, undefined));
  }
  checkTexts(event, pointer, problems);
  for (const list of QUANTITY_LISTS) {
    const elements = Array.isArray(event[list]) ? (event[list] as unknown[]) : [];
    elements.forEach((element, position) => {
      if (element === null || typeof element !== 'object' || !('quantity' in element)) return;
      const quantity = (element as { quantity: unknown }).quantity;
      const problem = typeof quantity === 'number' ? numberProblem(quantity, { min: 0, max: MAX_QUANTITY }) : undefined;
      if (problem) problems.push(located(`${pointer}/${list}/${position}/quantity`, `the quantity ${problem}`, quantity));
    });
  }
  for (const [field, written] of [['eventTime', event.eventTime], ['recordTime', event.recordTime]] as const) {
    // Only a date-time as the standard writes it: another form is the schema's to refuse, not read loosely here.
    const time = typeof written === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(written) ? Date.parse(written) : NaN;
    if (time > now + futureSkewMs()) {
      problems.push(
        located(`${pointer}/${field}`, `"${String(written)}" is in the future (the hub's clock reads ${new Date(now).toISOString()}); send events once they have happened`, written),
      );
    }
  }
  return problems;
}

/** Every text value and property name in the event, however deep: control characters, NUL, direction marks, length. */
function checkTexts(value: unknown, pointer: string, problems: ImportProblem[]): void {
  if (typeof value === 'string') {
    // An overlong eventID is reported once, by its own rule.
    if (!(pointer.endsWith('/eventID') && value.length > MAX_EVENT_ID_LENGTH)) report(value, pointer, problems);
  } else if (Array.isArray(value)) value.forEach((item, index) => checkTexts(item, `${pointer}/${index}`, problems));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = textProblem(key, { maxLength: 256 });
      if (keyProblem) problems.push(located(pointer, `the field name ${JSON.stringify(key.slice(0, 40))} ${keyProblem}`, undefined));
      else checkTexts(item, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, problems);
    }
  }
}

function report(text: string, pointer: string, problems: ImportProblem[]): void {
  const problem = textProblem(text, { maxLength: MAX_TEXT_LENGTH, multiline: true });
  if (problem) problems.push(located(pointer, `the text ${problem}`, text.length > 80 ? `${text.slice(0, 77)}...` : text));
}

/**
 * Two events with one eventID in a document must be the same event: a repeat is harmless, but different content
 * under one ID would be merged silently. Each later one that differs is refused, naming the first.
 */
export function duplicateEventProblems(events: { index: number; eventId: string; contentHash: string }[], listPointer: string): Map<number, ImportProblem[]> {
  const first = new Map<string, { index: number; contentHash: string }>();
  const problems = new Map<number, ImportProblem[]>();
  for (const event of events) {
    const earlier = first.get(event.eventId);
    if (!earlier) first.set(event.eventId, event);
    else if (earlier.contentHash !== event.contentHash) {
      problems.set(event.index, [
        located(`${listPointer}/${event.index}/eventID`, `the eventID is also used by event ${earlier.index} with different content; give each event its own eventID`, event.eventId),
      ]);
    }
  }
  return problems;
}
