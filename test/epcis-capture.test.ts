import fs from 'node:fs';
import path from 'node:path';
import type { SubgraphDatabase } from '../platform/database/orm';
import { close, createHttpServer, listen } from '../platform/server/http';
import { epcisCaptureRoutes } from '../subgraphs/traceability/ingest/epcis/routes';
import { JourneyDocument } from './generated/graphql';
import {
  EXAMPLES_FOLDER, postCapture, readJson, SAMPLE_DOCUMENT, sourceHeaders, syntheticDocument, traceabilityBaseUrl, traceabilityRowCounts,
} from './support/epcis';
import { countStatements, hub, query, withDatabase } from './support/hub';

const CUSTARD_APPLE_COOPERATIVE = 'HH-06463-00001';
const SAMPLE_LOT = 'CL260812-1048334';
const SAMPLE_DIGITAL_LINK = 'https://id.gs1.org/01/08937194849042/10/CL260812-1048334';

const examples = fs.readdirSync(EXAMPLES_FOLDER).filter((file) => file.endsWith('.jsonld')).sort();

async function eventIdsStored(eventIds: string[]): Promise<string[]> {
  return withDatabase(async (client) => {
    const { rows } = await client.query<{ event_id: string }>('SELECT event_id FROM traceability.trace_event WHERE event_id = ANY($1)', [eventIds]);
    return rows.map((row) => row.event_id).sort();
  });
}

describe('EPCIS 2.0 capture (POST /epcis/capture on the traceability subgraph)', () => {
  it('accepts each of the standard’s 31 example documents, and reports the capture job where Location points', async () => {
    expect(examples).toHaveLength(31);
    for (const example of examples) {
      const answer = await postCapture(fs.readFileSync(path.join(EXAMPLES_FOLDER, example), 'utf8'));
      expect({ example, status: answer.status, errors: answer.body.errors }).toEqual({ example, status: 202, errors: [] });
      expect(answer.location).toMatch(/^\/epcis\/capture\/[0-9a-f-]{36}$/);

      const job = (await (await fetch(`${traceabilityBaseUrl()}${answer.location}`, { headers: sourceHeaders() })).json()) as Record<string, unknown>;
      expect(job).toMatchObject({ captureID: answer.location!.split('/').pop(), running: false, success: true, captureErrorBehaviour: 'rollback', errors: [] });
      expect(job.eventCount).toBe((job.inserted as number) + (job.updated as number) + (job.unchanged as number));
    }
  });

  it('captures the events of an EPCISQueryDocument (query results forwarded by another repository), as the binding asks', async () => {
    const document = readJson(path.join(EXAMPLES_FOLDER, 'EPCISQueryDocument.jsonld'));
    const events = ((document.epcisBody as { queryResults: { resultsBody: { eventList: { eventID: string }[] } } }).queryResults.resultsBody.eventList);
    const answer = await postCapture(document);
    expect(answer.status).toBe(202);
    expect(await eventIdsStored(events.map((event) => event.eventID))).toEqual(events.map((event) => event.eventID).sort());
  });

  it('refuses a single event sent without its EPCISDocument, naming what to do', async () => {
    const document = readJson(path.join(EXAMPLES_FOLDER, 'Example_9.6.2-ObjectEvent.jsonld'));
    const event = (document.epcisBody as { eventList: unknown[] }).eventList[0];
    const answer = await postCapture(event);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ path: '$.type', message: expect.stringContaining('put it in the epcisBody.eventList of an EPCISDocument') }),
    ]);
  });

  it('keeps a demo household’s new lot with its journey and certificates, visible through the gateway and by its QR code', async () => {
    const answer = await postCapture(fs.readFileSync(SAMPLE_DOCUMENT, 'utf8'));
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ success: true, eventCount: 5 });

    const { household } = await query(JourneyDocument, { id: CUSTARD_APPLE_COOPERATIVE });
    const listing = household!.shops!.flatMap((shop) => shop.listings).find((candidate) => candidate.id === 'PM-104833-L1')!;
    const lot = listing.lots!.find((candidate) => candidate.lotNumber === SAMPLE_LOT)!;
    // The declared harvest day (ilmd cbvmda:harvestStartDate, from midnight in Vietnam), then the five events in order.
    expect(lot.harvestedAt).toBe('2026-08-11T17:00:00.000Z');
    expect(lot.events.map((event) => event.bizStep)).toEqual(['commissioning', 'inspecting', 'packing', 'shipping', 'receiving']);
    expect(lot.events.map((event) => event.eventTime)).toEqual([
      '2026-08-11T22:30:00.000Z', '2026-08-12T00:00:00.000Z', '2026-08-12T03:15:00.000Z', '2026-08-12T06:40:00.000Z', '2026-08-13T02:20:00.000Z',
    ]);
    // The GlobalGAP certificate the harvest event cites joins the cooperative's VietGAP one (already known). Its
    // validity comes with the certificate list (see traceability-imports.test.ts).
    expect(household!.certifications).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ scheme: 'GLOBALGAP', certificateNumber: '4063061234567' }),
        expect.objectContaining({ scheme: 'VIETGAP', certificateNumber: 'VIETGAP-20-25-00013' }),
      ]),
    );

    const traced = await query<{ trace: Record<string, any> | null }>(
      `query ($code: String!) { trace(code: $code) { lot { lotNumber gtin quantityKg householdLink harvestToDeliveryHours
          growingArea { code } household { id displayName } listing { id title } events { bizStep disposition quantityKg } } } }`,
      { code: SAMPLE_DIGITAL_LINK },
    );
    expect(traced.trace!.lot).toMatchObject({
      lotNumber: SAMPLE_LOT,
      gtin: '8937194849042',
      quantityKg: 1200,
      householdLink: 'GROWING_AREA',
      // Harvest 05:30 on the 12th to reception at the Hà Nội hub 09:20 on the 13th.
      harvestToDeliveryHours: 27.83,
      growingArea: { code: 'VN-LSCL-0001' },
      household: { id: CUSTARD_APPLE_COOPERATIVE, displayName: 'HTX Na Chi Lăng' },
      listing: { id: 'PM-104833-L1' },
    });
    expect(traced.trace!.lot.events.map((event: { quantityKg: number | null }) => event.quantityKg)).toEqual([1200, null, 1180, 1180, 1176.5]);
  });

  it('changes nothing when the same document is captured again: same rows, same answers, all events unchanged', async () => {
    const document = fs.readFileSync(SAMPLE_DOCUMENT, 'utf8');
    await postCapture(document);
    const countsBefore = await traceabilityRowCounts();
    const journeyBefore = await query(JourneyDocument, { id: CUSTARD_APPLE_COOPERATIVE });

    const again = await postCapture(document);
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ success: true, inserted: 0, updated: 0, unchanged: 5 });
    expect(await traceabilityRowCounts()).toEqual(countsBefore);
    expect(await query(JourneyDocument, { id: CUSTARD_APPLE_COOPERATIVE })).toEqual(journeyBefore);
  });

  it('refuses an invalid document with 400, naming each bad event by index and JSON path, and stores nothing', async () => {
    const document = readJson(SAMPLE_DOCUMENT) as { epcisBody: { eventList: Record<string, unknown>[] } };
    const events = document.epcisBody.eventList;
    for (const event of events) if (event.eventID) event.eventID = `${String(event.eventID)}-invalid-test`;
    events[2].eventTime = '12/08/2026 10:15';
    events[3].action = 'MOVE';
    delete events[4].eventTimeZoneOffset;
    const countsBefore = await traceabilityRowCounts();

    const answer = await postCapture(document);
    expect(answer.status).toBe(400);
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ type: 'epcisException:ValidationException', status: 400 });
    expect(answer.body.detail).toContain('3 of 5 events are not valid, so none was stored');
    expect(answer.body.errors!.map(({ eventIndex, path: jsonPath, message }) => ({ eventIndex, path: jsonPath, message }))).toEqual([
      { eventIndex: 2, path: '$.epcisBody.eventList[2].eventTime', message: '"12/08/2026 10:15" is not a date and time with a time zone, such as 2025-06-20T05:30:00+07:00' },
      { eventIndex: 3, path: '$.epcisBody.eventList[3].action', message: '"MOVE" is not one of the allowed values: OBSERVE, ADD, DELETE' },
      { eventIndex: 4, path: '$.epcisBody.eventList[4].eventTimeZoneOffset', message: 'required field "eventTimeZoneOffset" is missing' },
    ]);
    expect(await traceabilityRowCounts()).toEqual(countsBefore);
    expect(await eventIdsStored(events.filter((event) => event.eventID).map((event) => String(event.eventID)))).toEqual([]);
  });

  it('with GS1-Capture-Error-Behaviour: proceed, stores the valid events and lists the refused ones in the job', async () => {
    const document = syntheticDocument(3, '7001');
    const events = (document.epcisBody as { eventList: Record<string, unknown>[] }).eventList;
    events[1].bizStep = 'harvest';
    const answer = await postCapture(document, { headers: { 'GS1-Capture-Error-Behaviour': 'proceed' } });
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ success: false, captureErrorBehaviour: 'proceed', inserted: 2, rejected: 1 });
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ eventIndex: 1, path: '$.epcisBody.eventList[1].bizStep', message: expect.stringContaining('"harvest" is not one of the standard values (accepting') }),
    ]);
    expect(await eventIdsStored(events.map((event) => String(event.eventID)))).toEqual([events[0].eventID, events[2].eventID].map(String).sort());
  });

  it('answers 415 for a document that is not JSON or JSON-LD, and 400 for a body that is not JSON', async () => {
    const xml = await postCapture('<epcis:EPCISDocument/>', { contentType: 'application/xml' });
    expect(xml.status).toBe(415);
    expect(xml.body).toMatchObject({ type: 'epcisException:UnsupportedMediaTypeException', status: 415 });
    expect(xml.body.detail).toContain('application/json or application/ld+json');

    const broken = await postCapture('{"type": "EPCISDocument", ', { contentType: 'application/json; charset=utf-8' });
    expect(broken.status).toBe(400);
    expect(broken.body.detail).toMatch(/^The body is not valid JSON/);
  });

  it('answers 413 with the capture limits for a document past them', async () => {
    // The capture routes alone, with small limits (the hub's are 100,000 events and 100 MiB): a document past
    // them is refused before anything reaches the database, which this server does not have.
    const noDatabase = new Proxy({}, { get: () => { throw new Error('the database must not be reached'); } }) as SubgraphDatabase;
    const server = createHttpServer(null, epcisCaptureRoutes(noDatabase, { maxEvents: 2, maxBytes: 4096 }));
    const baseUrl = `http://127.0.0.1:${await listen(server, 0)}`;
    try {
      const tooManyEvents = await postCapture(syntheticDocument(3, '7002'), { baseUrl });
      expect(tooManyEvents.status).toBe(413);
      expect(tooManyEvents.body.detail).toBe('The document has 3 events; at most 2 are taken per capture. Split them over several documents.');

      const tooLarge = await postCapture(syntheticDocument(40, '7003'), { baseUrl });
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body).toMatchObject({ type: 'epcisException:CaptureLimitExceededException', detail: 'The document is larger than 4096 bytes. Split its events over several documents.' });
      expect(tooLarge.contentType).toMatch(/^application\/problem\+json/);
    } finally {
      await close(server);
    }
  });

  it('gives an event captured without eventID the same identity each time (a hash of its content)', async () => {
    const document = syntheticDocument(1, '7004');
    const event = (document.epcisBody as { eventList: Record<string, unknown>[] }).eventList[0];
    delete event.eventID;
    const first = await postCapture(document);
    // The same event written differently: another key order, the time in another zone.
    const rewritten = { ...Object.fromEntries(Object.entries(event).reverse()), eventTime: '2026-06-01T07:00:00+07:00' };
    const second = await postCapture({ ...document, epcisBody: { eventList: [rewritten] } });
    expect(first.body).toMatchObject({ inserted: 1 });
    expect(second.body).toMatchObject({ inserted: 0, unchanged: 1 });
  });

  it('takes events in any order: a receiving event before the harvest, then the harvest, give the same lot', async () => {
    const [harvest] = (syntheticDocument(1, '7007').epcisBody as { eventList: Record<string, unknown>[] }).eventList;
    const lotNumber = (harvest.ilmd as Record<string, string>)['cbvmda:lotNumber'];
    const receiving = {
      ...harvest,
      eventID: 'urn:uuid:00000000-0000-4000-8000-700700000099',
      eventTime: '2026-06-02T03:00:00.000Z',
      action: 'OBSERVE',
      bizStep: 'receiving',
      disposition: 'in_progress',
      ilmd: undefined,
    };
    const capture = (event: Record<string, unknown>) => postCapture({ ...syntheticDocument(0, '7007'), epcisBody: { eventList: [event] } });
    const lotQuery = `{ lot(lotNumber: "${lotNumber}") { harvestedAt quantityKg harvestToDeliveryHours events { bizStep } } }`;

    expect((await capture(receiving)).status).toBe(202);
    // Only the receiving event is known: the lot existed then, at the latest; how long it travelled is not known yet.
    expect((await query<{ lot: Record<string, unknown> }>(lotQuery)).lot).toEqual({
      harvestedAt: '2026-06-02T03:00:00.000Z', quantityKg: null, harvestToDeliveryHours: null, events: [{ bizStep: 'receiving' }],
    });
    expect((await capture(harvest)).status).toBe(202);
    expect((await query<{ lot: Record<string, unknown> }>(lotQuery)).lot).toEqual({
      harvestedAt: '2026-06-01T00:00:00.000Z', quantityKg: 100, harvestToDeliveryHours: 27, events: [{ bizStep: 'commissioning' }, { bizStep: 'receiving' }],
    });
  });

  it('keeps an error declaration however the corrected event and the original arrive', async () => {
    const document = syntheticDocument(1, '7008');
    const [event] = (document.epcisBody as { eventList: Record<string, unknown>[] }).eventList;
    const declared = { ...event, errorDeclaration: { declarationTime: '2026-06-03T08:00:00+07:00', reason: 'incorrect_data' } };
    const capture = (body: Record<string, unknown>) => postCapture({ ...document, epcisBody: { eventList: [body] } });
    const lotNumber = (event.ilmd as Record<string, string>)['cbvmda:lotNumber'];
    const eventsQuery = `{ lot(lotNumber: "${lotNumber}") { events { errorDeclaredAt errorReason } } }`;

    expect((await capture(event)).body).toMatchObject({ inserted: 1 });
    expect((await capture(declared)).body).toMatchObject({ inserted: 0, updated: 1 });
    // The original sent again (a retry, a late copy) does not undo the declaration.
    expect((await capture(event)).body).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    expect((await query<{ lot: { events: unknown[] } }>(eventsQuery)).lot.events).toEqual([{ errorDeclaredAt: '2026-06-03T01:00:00.000Z', errorReason: 'incorrect_data' }]);
  });

  it('costs the same number of SQL statements for 500 events as for 50', async () => {
    const fifty = await countStatements(async () => expect((await postCapture(syntheticDocument(50, '7005'))).status).toBe(202));
    const fiveHundred = await countStatements(async () => expect((await postCapture(syntheticDocument(500, '7006'))).status).toBe(202));
    expect(fiveHundred.traceability).toBe(fifty.traceability);
  });

  it('answers 404 for an unknown capture job', async () => {
    const response = await fetch(`${traceabilityBaseUrl()}/epcis/capture/00000000-0000-0000-0000-000000000000`, { headers: sourceHeaders() });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { type: string }).type).toBe('epcisException:NoSuchResourceException');
  });
});
