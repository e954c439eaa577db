import { createKey, bearer, closeKeyStore, as } from './support/access';
import { claimFor, postCapture, syntheticDocument, traceabilityRowCounts } from './support/epcis';
import { hub, withDatabase } from './support/hub';
import { signatureHeaders } from '../platform/ingest/signed-webhook';
import { IDENTITY_HEADER, signIdentity } from '../platform/access/identity-header';
import { viewerOf } from '../platform/access/roles';

/*
 * EPCIS capture is for traceability sources only, each limited to the GTINs and locations registered to it, and
 * reachable at the gateway's address with the source's key, as well as (with the gateway's signed identity) at
 * the traceability subgraph's own port. Marketplace webhooks go through the gateway with their HMAC, as before.
 */
const gatewayBase = () => hub().gatewayUrl.replace(/\/graphql$/, '');

/** One harvest event of a lot of company prefix 8939911 (no other test uses it), at the source's own place. */
function documentOf(tag: string, lot: string, place: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const document = syntheticDocument(1, tag);
  const [event] = (document.epcisBody as { eventList: Record<string, unknown>[] }).eventList;
  Object.assign(event, {
    quantityList: [{ epcClass: `urn:epc:class:lgtin:8939911.00${tag}.${lot}`, quantity: 120, uom: 'KGM' }],
    readPoint: { id: `urn:epc:id:sgln:8939911.${place}.0` },
    bizLocation: { id: `urn:epc:id:sgln:8939911.${place}.0` },
    ilmd: { 'cbvmda:lotNumber': lot },
    ...extra,
  });
  return document;
}

async function captureAtGateway(document: unknown, headers: Record<string, string>) {
  const response = await fetch(`${gatewayBase()}/epcis/capture`, { method: 'POST', headers: { 'content-type': 'application/ld+json', ...headers }, body: JSON.stringify(document) });
  return { status: response.status, location: response.headers.get('location'), body: (await response.json()) as Record<string, unknown> & { detail?: string; errors?: { message: string }[] } };
}

async function lotState(lotNumber: string) {
  return withDatabase(async (client) => (await client.query('select l.id, l.source, l.gtin, (select array_agg(biz_step order by event_time) from traceability.trace_event e where e.lot_id = l.id) as steps from traceability.lot l where lot_number = $1', [lotNumber])).rows);
}

let sourceA: string;
let sourceB: string;
beforeAll(async () => {
  sourceA = (await createKey({ role: 'partner', scope: 'SOURCE-A', owner: 'HTX Na Chi Lăng (truy xuất)' })).key;
  sourceB = (await createKey({ role: 'partner', scope: 'SOURCE-B', owner: 'Another traceability app' })).key;
});
afterAll(closeKeyStore);

describe('EPCIS capture at the gateway', () => {
  const lotA = 'ACC-A-0001';
  const documentA = documentOf('8801', lotA, '00011');

  it('refuses an anonymous caller, a junk key and a role that is not a source, storing nothing', async () => {
    const before = await traceabilityRowCounts();
    const anonymous = await captureAtGateway(documentA, {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.detail).toMatch(/API key/);
    // An identity header from outside is dropped at the gateway: it does not make the caller anyone.
    const forged = await captureAtGateway(documentA, { [IDENTITY_HEADER]: signIdentity(viewerOf('attacker', 'partner', 'SOURCE-A'), 'guessed-secret') });
    expect(forged.status).toBe(401);
    expect((await captureAtGateway(documentA, bearer('junk'))).status).toBe(401);
    const journalist = await captureAtGateway(documentA, await as('journalist'));
    expect(journalist.status).toBe(403);
    expect(journalist.body.detail).toMatch(/needs the key of a traceability source/);
    expect(await traceabilityRowCounts()).toEqual(before);
  });

  it('refuses anonymous capture at the traceability port too', async () => {
    const answer = await postCapture(documentA, { identity: {} });
    expect(answer.status).toBe(401);
  });

  it('refuses a source the GTINs and locations not registered to it, naming them and how to register them', async () => {
    const before = await traceabilityRowCounts();
    const answer = await captureAtGateway(documentA, bearer(sourceA));
    expect(answer.status).toBe(403);
    expect(answer.body.detail).toMatch(/^Nothing was stored: 3 problems\./);
    expect(answer.body.detail).toMatch(/The location urn:epc:id:sgln:8939911\.00011\.0 is not registered to source SOURCE-A: an administrator registers it with npx nongsan sources claim SOURCE-A --location urn:epc:id:sgln:8939911\.00011\.0/);
    expect(answer.body.detail).toMatch(/The GTIN \d{8,14} is not registered to source SOURCE-A/);
    expect(await traceabilityRowCounts()).toEqual(before);
  });

  it('takes a source\'s events about what is registered to it, and shows it the job', async () => {
    await claimFor(documentA, 'SOURCE-A');
    const answer = await captureAtGateway(documentA, bearer(sourceA));
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ inserted: 1 });
    expect(await lotState(lotA)).toEqual([expect.objectContaining({ source: 'epcis:SOURCE-A', steps: ['commissioning'] })]);
    const job = await fetch(`${gatewayBase()}${answer.location}`, { headers: bearer(sourceA) });
    expect(job.status).toBe(200);
    expect(await job.json()).toMatchObject({ success: true, eventCount: 1 });
    expect((await fetch(`${gatewayBase()}${answer.location}`)).status).toBe(401);
  });

  it('never lets another source replace an event or touch a lot that is not its own', async () => {
    const documentB = documentOf('8802', 'ACC-B-0001', '00022');
    await claimFor(documentB, 'SOURCE-B');
    expect((await captureAtGateway(documentB, bearer(sourceB))).status).toBe(202);
    const before = await traceabilityRowCounts();
    const lotBefore = await lotState(lotA);

    // A's event id re-sent by B as "destroyed", at B's own place about B's own GTIN.
    const [eventA] = (documentA.epcisBody as { eventList: Record<string, unknown>[] }).eventList;
    const [eventB] = (documentB.epcisBody as { eventList: Record<string, unknown>[] }).eventList;
    const replay = await captureAtGateway({ ...documentB, epcisBody: { eventList: [{ ...eventB, eventID: eventA.eventID, bizStep: 'destroying', disposition: 'destroyed' }] } }, bearer(sourceB));
    expect(replay.status).toBe(403);
    expect(replay.body.errors?.map((error) => error.message)).toEqual(['This event was captured by another source; a source can never replace another\'s events.']);

    // B's harvest moved into A's lot, by its GTIN, and by the lot number alone.
    const intoGtin = await captureAtGateway({ ...documentB, epcisBody: { eventList: [{ ...eventB, eventID: 'urn:uuid:8d3a6a8e-0000-4000-8000-000000008803', quantityList: eventA.quantityList }] } }, bearer(sourceB));
    expect(intoGtin.status).toBe(403);
    expect(intoGtin.body.errors?.map((error) => error.message)).toEqual([expect.stringMatching(/^The GTIN \d{8,14} is registered to another source\.$/)]);
    const { quantityList: _dropped, ...bare } = eventB;
    const intoNumber = await captureAtGateway({ ...documentB, epcisBody: { eventList: [{ ...bare, eventID: 'urn:uuid:8d3a6a8e-0000-4000-8000-000000008804', epcList: [], ilmd: { 'cbvmda:lotNumber': lotA } }] } }, bearer(sourceB));
    expect(intoNumber.status).toBe(403);
    expect(intoNumber.body.detail).toMatch(/Lot ACC-A-0001 was written by another source/);

    expect(await traceabilityRowCounts()).toEqual(before);
    expect(await lotState(lotA)).toEqual(lotBefore);
  });
});

describe('marketplace webhooks at the gateway', () => {
  it('keep their HMAC: a signed batch gets the subgraph\'s own answer, an unsigned one is refused', async () => {
    const body = JSON.stringify({ events: [] });
    const url = `${gatewayBase()}/ingest/marketplace/POSTMART`;
    const signed = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signatureHeaders('dev-postmart-secret', body) }, body });
    const direct = await fetch(hub().subgraphUrls.marketplace.replace(/\/graphql$/, '/ingest/marketplace/POSTMART'), { method: 'POST', headers: { 'content-type': 'application/json', ...signatureHeaders('dev-postmart-secret', body) }, body });
    expect(direct.status).not.toBe(401);
    expect([signed.status, await signed.json()]).toEqual([direct.status, await direct.json()]);
    const unsigned = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { error: string }).error).toMatch(/x-nongsan-signature/);
  });
});
