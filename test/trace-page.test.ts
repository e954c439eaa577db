import { demoDataset } from '../demo/dataset';
import { readSupergraph } from '../gateway/main';
import { startGateway } from '../gateway/server';
import { freePort } from './support/free-port';
import { countStatements, hub } from './support/hub';
import { deliveredLot } from './support/trace-codes';

const origin = () => new URL(hub().gatewayUrl).origin;

describe('the public trace page', () => {
  it('opens from the hub\'s code as a small Vietnamese page without JavaScript: product, producer, certificates, timeline, hours', async () => {
    const lot = await deliveredLot();
    const response = await fetch(`${origin()}/trace/${encodeURIComponent(lot.code)}`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await response.text();
    expect(Buffer.byteLength(html)).toBeLessThan(50 * 1024);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain(lot.producer);
    expect(html).toContain(lot.lotNumber);
    expect(html).toContain('Hành trình của lô hàng');
    expect(html).toContain('Chứng nhận');
    expect(html.match(/<li><b>/g)).toHaveLength(lot.events.length);
    expect(html).toContain(`<span class="hours">${Math.round(lot.harvestToDeliveryHours! * 10) / 10}</span> giờ`);
  });

  it('costs a fixed handful of SQL statements (one per kind of record), not one per event or certificate', async () => {
    const lot = await deliveredLot();
    const counts = await countStatements(() => fetch(`${origin()}/trace/${encodeURIComponent(lot.code)}`).then((response) => response.text()));
    const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
    // code, lot, events, growing area, listing, shop, household, commune, province, certificates (and the access layer's reads)
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(12);
    expect(lot.events.length).toBeGreaterThanOrEqual(4);
  });

  it('shows no personal data of the producing household', async () => {
    const lot = await deliveredLot();
    const html = await (await fetch(`${origin()}/trace/${encodeURIComponent(lot.code)}`)).text();
    const household = demoDataset().households.find((candidate) => html.includes(candidate.displayName ?? '\u0000'));
    expect(household).toBeDefined();
    for (const personal of [household!.head.fullName, household!.head.phone, household!.head.nationalId, household!.head.streetAddress]) {
      expect(html).not.toContain(personal);
    }
  });

  it('answers GS1 Digital Link paths, with the query string the codes carry, and switches to English with ?lang=en', async () => {
    const lot = await deliveredLot();
    const path = new URL(lot.digitalLink).pathname;
    const html = await (await fetch(`${origin()}${path}?17=271231&lang=en`)).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("The lot's journey");
    expect(html).toContain(lot.lotNumber);
    expect(html).toContain('>Harvest<');
    // The toggle keeps the codes' query string and drops the language.
    expect(html).toContain(`href="${path}?17=271231" hreflang="vi"`);
  });

  it('gives the same facts as JSON to a client that asks for JSON', async () => {
    const lot = await deliveredLot();
    const response = await fetch(`${origin()}${new URL(lot.digitalLink).pathname}`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { code: string; lot: { lotNumber: string; harvestToDeliveryHours: number }; producer: { name: string }; timeline: Array<{ step: string }> };
    expect(body.code).toBe(lot.code);
    expect(body.lot.lotNumber).toBe(lot.lotNumber);
    expect(body.lot.harvestToDeliveryHours).toBe(lot.harvestToDeliveryHours);
    expect(body.producer.name).toBe(lot.producer);
    expect(body.timeline.map((event) => event.step)).toEqual(lot.events.map((event) => event.bizStep));
  });

  it('gives an unknown code a friendly 404 page, or a JSON error naming the code', async () => {
    const page = await fetch(`${origin()}/trace/QR-NOT-A-CODE`);
    expect(page.status).toBe(404);
    const html = await page.text();
    expect(html).toContain('Không tìm thấy mã này');
    expect(html).toContain('QR-NOT-A-CODE');
    expect(html).not.toMatch(/stack|Error:/);

    const unknownLink = await fetch(`${origin()}/01/08930000000000/10/NO-SUCH-LOT`, { headers: { accept: 'application/json' } });
    expect(unknownLink.status).toBe(404);
    expect(((await unknownLink.json()) as { error: string }).error).toContain('NO-SUCH-LOT');
  });

  it('says plainly that the lookup is unavailable, without internals, when the traceability subgraph is down', async () => {
    const lot = await deliveredLot();
    const closedPort = await freePort();
    const gateway = await startGateway({
      supergraphSdl: readSupergraph(),
      port: 0,
      subgraphUrls: { ...hub().subgraphUrls, traceability: `http://127.0.0.1:${closedPort}/graphql` },
    });
    try {
      const response = await fetch(`${new URL(gateway.url).origin}/trace/${encodeURIComponent(lot.code)}`);
      expect(response.status).toBe(503);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const html = await response.text();
      expect(html).toContain('Tạm thời chưa tra cứu được');
      expect(html).not.toContain(String(closedPort));
      expect(html).not.toMatch(/ECONNREFUSED|stack/i);
    } finally {
      await gateway.stop();
    }
  });
});
