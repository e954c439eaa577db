import { as, closeKeyStore } from './support/access';
import { countStatements, hub, post, query, withDatabase } from './support/hub';

/*
 * The export view of a provincial trade department (Sở Công Thương), through the gateway: export-ready producers for a
 * market, and harvest-to-door hours. Expected values are recomputed here from the subgraphs' tables.
 */

afterAll(closeKeyStore);

interface ReadyNode {
  household: { id: string; phone: string | null } | null;
  market: string; product: string; scheme: string; certificateValidUntil: string; growingAreaCode: string; provinceCode: string;
  certification: { certificateNumber: string; validUntil: string };
}
interface ReadyPage { exportReadyProducers: { totalCount: number; nodes: ReadyNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }

const READY = `query ($market: String!, $provinceCode: String, $product: String, $validOn: String, $first: Int, $after: String) {
  exportReadyProducers(market: $market, provinceCode: $provinceCode, product: $product, validOn: $validOn, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { market product scheme certificateValidUntil growingAreaCode provinceCode certification { certificateNumber validUntil } household { id } }
  } }`;

/** The demo data's season: most of its certificates are valid on this day. */
const VALID_ON = '2025-07-01';

/** The rows a trade officer should get: written independently of the resolver, as "exists a code for the market". */
async function expectedReady(market: string, schemes: string[], provinceCode?: string, product?: string): Promise<string[]> {
  return withDatabase(async (client) => (await client.query(
    `select g.code || ' ' || c.certificate_number as row
     from traceability.certification c, traceability.growing_area g, registry.commune m
     where g.household_id = c.household_id and $1 = any(g.export_markets) and c.scheme::text = any($2)
       and c.valid_from <= $3::date and $3::date <= c.valid_until and m.code = g.commune_code
       and ($4::text is null or m.province_code = $4) and ($5::text is null or position(lower($5) in lower(g.crop)) > 0)
     order by 1`, [market, schemes, VALID_ON, provinceCode ?? null, product ?? null],
  )).rows.map((row: { row: string }) => row.row));
}

async function allPages(variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ nodes: ReadyNode[]; totalCount: number; pages: number }> {
  const nodes: ReadyNode[] = [];
  variables = { validOn: VALID_ON, ...variables };
  let after: string | null = null;
  let pages = 0;
  let totalCount = 0;
  do {
    const page: ReadyPage = await query<ReadyPage>(READY, { ...variables, first: 3, after }, headers);
    nodes.push(...page.exportReadyProducers.nodes);
    totalCount = page.exportReadyProducers.totalCount;
    after = page.exportReadyProducers.pageInfo.hasNextPage ? page.exportReadyProducers.pageInfo.endCursor : null;
    pages += 1;
  } while (after);
  return { nodes, totalCount, pages };
}

describe('export-ready producers', () => {
  it('are the holders of a valid certificate China accepts with a growing-area code registered for China, walked page by page', async () => {
    const expected = await expectedReady('CN', ['GLOBALGAP', 'VIETGAP', 'ORGANIC']);
    expect(expected.length).toBeGreaterThan(3);
    const { nodes, totalCount, pages } = await allPages({ market: 'CN' }, await as('trade', '24'));
    expect(pages).toBeGreaterThan(1);
    expect(totalCount).toBe(expected.length);
    expect(nodes.map((node) => `${node.growingAreaCode} ${node.certification.certificateNumber}`).sort()).toEqual(expected);
    for (const node of nodes) {
      expect(node.market).toBe('CN');
      expect(node.certificateValidUntil).toBe(node.certification.validUntil);
      expect(node.certificateValidUntil >= VALID_ON).toBe(true);
    }
  });

  it('for the United States leave VietGAP out, and filter by province and product', async () => {
    const us = await allPages({ market: 'US' });
    expect(us.nodes.map((node) => `${node.growingAreaCode} ${node.certification.certificateNumber}`).sort()).toEqual(await expectedReady('US', ['GLOBALGAP', 'ORGANIC']));
    expect(us.nodes.every((node) => node.scheme !== 'VIETGAP')).toBe(true);

    const all = await allPages({ market: 'CN' });
    const [province, product] = [all.nodes[0].provinceCode, all.nodes[0].product];
    const filtered = await allPages({ market: 'CN', provinceCode: province, product: product.toLowerCase() });
    expect(filtered.nodes.length).toBeGreaterThan(0);
    expect(filtered.nodes.map((node) => `${node.growingAreaCode} ${node.certification.certificateNumber}`).sort())
      .toEqual(await expectedReady('CN', ['GLOBALGAP', 'VIETGAP', 'ORGANIC'], province, product));
    expect(filtered.nodes.every((node) => node.provinceCode === province && node.product === product)).toBe(true);
  });

  it('show contacts to a trade officer of the province only for producers who consented to export contact', async () => {
    // the province with the most export-ready producers who consented, so both kinds of row are seen
    const province = await withDatabase(async (client) => (await client.query(
      `select m.province_code from traceability.growing_area g join registry.commune m on m.code = g.commune_code join registry.household h on h.id = g.household_id
       where 'CN' = any(g.export_markets) group by 1 order by count(distinct h.id) filter (where 'PUBLISH_CONTACT_FOR_EXPORT' = any(h.consents)) desc limit 1`,
    )).rows[0].province_code as string);
    const answer = await post<{ exportReadyProducers: { nodes: ReadyNode[] } }>(hub().gatewayUrl,
      `{ exportReadyProducers(market: "CN", provinceCode: "${province}", validOn: "${VALID_ON}", first: 100) { nodes { household { id phone } } } }`, {}, await as('trade', province));
    const ids = [...new Set(answer.data!.exportReadyProducers.nodes.map((node) => node.household!.id))];
    expect(ids.length).toBeGreaterThan(0);
    const shown = await withDatabase(async (client) => (await client.query(
      `select h.id from registry.household h join registry.commune m on m.code = h.commune_code
       where h.id = any($1) and m.province_code = $2 and 'PUBLISH_CONTACT_FOR_EXPORT' = any(h.consents) and h.phone is not null order by 1`, [ids, province],
    )).rows.map((row: { id: string }) => row.id));
    const withPhone = [...new Set(answer.data!.exportReadyProducers.nodes.filter((node) => node.household!.phone).map((node) => node.household!.id))].sort();
    expect(withPhone).toEqual(shown);
    expect(shown.length).toBeGreaterThan(0);
    // the public never sees a phone
    const anonymous = await post<{ exportReadyProducers: { nodes: ReadyNode[] } }>(hub().gatewayUrl,
      `{ exportReadyProducers(market: "CN", validOn: "${VALID_ON}", first: 100) { nodes { household { phone } } } }`);
    expect(anonymous.data!.exportReadyProducers.nodes.every((node) => node.household!.phone === null)).toBe(true);
  });

  it('refuse an unknown market by name, and cost a fixed number of statements per page', async () => {
    const bad = await post(hub().gatewayUrl, '{ exportReadyProducers(market: "XX") { totalCount } }');
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(bad.errors?.[0].message).toMatch(/"market".*"XX"/);

    const statements = async (first: number) => (await countStatements(() => query(
      `{ exportReadyProducers(market: "CN", validOn: "${VALID_ON}", first: ${first}) { nodes { product certification { issuer } growingArea { areaHa } } } }`,
    ))).traceability;
    expect(await statements(20)).toBe(await statements(2));
  });
});

interface Figures { product: string | null; provinceCode: string | null; lotCount: number; medianHours: number | null; p90Hours: number | null; overThresholdCount: number }
interface Door {
  harvestToDoor: {
    overall: Figures; byProduct: Figures[]; byProvince: Figures[];
    lotsOverThreshold: { nodes: { hours: number; lot: { lotNumber: string; harvestToDeliveryHours: number } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  };
}
const FIGURES = 'product provinceCode lotCount medianHours p90Hours overThresholdCount';
const DOOR = `query ($product: String, $threshold: Float, $after: String) { harvestToDoor(product: $product, thresholdHours: $threshold) {
  overall { ${FIGURES} } byProduct { ${FIGURES} } byProvince { ${FIGURES} }
  lotsOverThreshold(first: 100, after: $after) { nodes { hours lot { lotNumber harvestToDeliveryHours } } pageInfo { hasNextPage endCursor } } } }`;

/** Continuous percentile, as PostgreSQL's percentile_cont. */
function percentile(sorted: number[], fraction: number): number {
  const at = (sorted.length - 1) * fraction;
  const [low, high] = [Math.floor(at), Math.ceil(at)];
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

/** Hours per lot from the events, the way the trace page tells them: first harvest to last receipt, errors left out. */
async function lotHours(): Promise<{ product: string | null; province: string | null; hours: number }[]> {
  return withDatabase(async (client) => (await client.query(
    `select l.product_key as product, m.province_code as province,
       extract(epoch from max(e.event_time) filter (where e.biz_step = 'receiving')
         - coalesce(min(e.event_time) filter (where e.biz_step = 'commissioning'), case when l.harvest_evidence <> 1 then l.harvested_at end))::float8 / 3600 as hours
     from traceability.lot l join traceability.trace_event e on e.lot_id = l.id and e.error_declared_at is null
     left join traceability.growing_area g on g.id = l.growing_area_id left join registry.commune m on m.code = g.commune_code
     group by l.id, m.province_code`,
  )).rows.filter((row: { hours: number | null }) => row.hours != null).map((row: { product: string | null; province: string | null; hours: number }) => ({ ...row, hours: Math.round(row.hours * 100) / 100 })));
}

describe('harvest-to-door hours', () => {
  it('give median and p90 per product and province, as recomputed from the lots\' events', async () => {
    const lots = await lotHours();
    expect(lots.length).toBeGreaterThan(10);
    const { harvestToDoor } = await query<Door>(DOOR, { threshold: 48 }, await as('trade', '24'));
    const check = (figures: Figures, of: typeof lots) => {
      const sorted = of.map((lot) => lot.hours).sort((a, b) => a - b);
      expect(figures.lotCount).toBe(sorted.length);
      expect(figures.medianHours).toBeCloseTo(percentile(sorted, 0.5), 1);
      expect(figures.p90Hours).toBeCloseTo(percentile(sorted, 0.9), 1);
      expect(figures.overThresholdCount).toBe(sorted.filter((hours) => hours > 48).length);
    };
    check(harvestToDoor.overall, lots);
    expect(harvestToDoor.byProduct.map((row) => row.product).sort()).toEqual([...new Set(lots.map((lot) => lot.product))].sort());
    for (const row of harvestToDoor.byProduct) check(row, lots.filter((lot) => lot.product === row.product));
    expect(harvestToDoor.byProvince.map((row) => row.provinceCode).sort()).toEqual([...new Set(lots.map((lot) => lot.province).filter(Boolean))].sort());
    for (const row of harvestToDoor.byProvince) check(row, lots.filter((lot) => lot.province === row.provinceCode));
  });

  it('list the lots over the threshold, slowest first, page by page, each as the lot\'s own harvest-to-delivery hours', async () => {
    const { harvestToDoor: { overall } } = await query<Door>(DOOR, { threshold: 24 });
    expect(overall.overThresholdCount).toBeGreaterThan(100);
    const listed: { hours: number; lot: { lotNumber: string; harvestToDeliveryHours: number } }[] = [];
    let after: string | null = null;
    do {
      const page: Door = await query<Door>(DOOR, { threshold: 24, after });
      listed.push(...page.harvestToDoor.lotsOverThreshold.nodes);
      after = page.harvestToDoor.lotsOverThreshold.pageInfo.hasNextPage ? page.harvestToDoor.lotsOverThreshold.pageInfo.endCursor : null;
    } while (after);
    expect(listed.length).toBe(overall.overThresholdCount);
    expect(new Set(listed.map((node) => node.lot.lotNumber)).size).toBe(listed.length);
    for (const [index, node] of listed.entries()) {
      expect(node.hours).toBeGreaterThan(24);
      expect(node.lot.harvestToDeliveryHours).toBeCloseTo(node.hours, 2);
      if (index) expect(node.hours).toBeLessThanOrEqual(listed[index - 1].hours);
    }
  });

  it('refuse a threshold that is not positive and a province that does not exist', async () => {
    for (const [args, name] of [['thresholdHours: 0', 'thresholdHours'], ['provinceCode: "99"', 'provinceCode']]) {
      const answer = await post(hub().gatewayUrl, `{ harvestToDoor(${args}) { overall { lotCount } } }`);
      expect(answer.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: name } });
    }
  });
});

interface ExportSalesAnswer {
  exportSales: {
    byMonth: { month: string; country: string; category: string; orderCount: number; tonnes: number; valueVnd: number }[];
    crossBorderOrders: { nodes: { id: string; destinationCountry: string; status: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  };
}
const EXPORT_SALES = `query ($provinceCode: String, $after: String) { exportSales(provinceCode: $provinceCode) {
  byMonth { month country category orderCount tonnes valueVnd }
  crossBorderOrders(first: 100, after: $after) { nodes { id destinationCountry status } pageInfo { hasNextPage endCursor } } } }`;

/** Delivered produce orders abroad per month, country and category, summed from the orders in the test. */
async function expectedExports(provinceCode: string | null): Promise<{ key: string; orders: number; kg: number; vnd: number; ids: string[] }[]> {
  const rows = await withDatabase(async (client) => (await client.query(
    `select o.id, o.delivered_at, o.destination_country, l.category, o.quantity_kg::float8 as kg, o.value_vnd::float8 as vnd
     from marketplace."order" o join marketplace.listing l on l.id = o.listing_id
     where o.status = 'DELIVERED' and not l.is_farm_input and o.destination_country <> 'VN' and ($1::text is null or o.seller_province_code = $1)`, [provinceCode],
  )).rows as { id: string; delivered_at: Date; destination_country: string; category: string; kg: number; vnd: number }[]);
  const groups = new Map<string, { key: string; orders: number; kg: number; vnd: number; ids: string[] }>();
  for (const row of rows) {
    const month = new Date(row.delivered_at.getTime() + 7 * 3_600_000).toISOString().slice(0, 7);
    const key = `${month} ${row.destination_country} ${row.category}`;
    const group = groups.get(key) ?? { key, orders: 0, kg: 0, vnd: 0, ids: [] };
    Object.assign(group, { orders: group.orders + 1, kg: group.kg + row.kg, vnd: group.vnd + row.vnd });
    group.ids.push(row.id);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}

describe('countries reached over time', () => {
  it('sum delivered produce sold abroad per month, country and category, nationally and for a province, with the orders listed', async () => {
    const nation = await expectedExports(null);
    expect(nation.length).toBeGreaterThan(3);
    const { exportSales } = await query<ExportSalesAnswer>(EXPORT_SALES, {}, await as('trade', '24'));
    expect(exportSales.byMonth.map((row) => `${row.month} ${row.country} ${row.category}`).sort()).toEqual(nation.map((group) => group.key));
    for (const row of exportSales.byMonth) {
      const group = nation.find((candidate) => candidate.key === `${row.month} ${row.country} ${row.category}`)!;
      expect(row.orderCount).toBe(group.orders);
      expect(row.tonnes).toBeCloseTo(group.kg / 1000, 3);
      expect(row.valueVnd).toBe(group.vnd);
    }

    const province = await withDatabase(async (client) => (await client.query(
      `select seller_province_code as code from marketplace."order" where status = 'DELIVERED' and destination_country <> 'VN' group by 1 order by count(*) desc limit 1`,
    )).rows[0].code as string);
    const expected = await expectedExports(province);
    const listed: string[] = [];
    let after: string | null = null;
    let first: ExportSalesAnswer | undefined;
    do {
      const page: ExportSalesAnswer = await query<ExportSalesAnswer>(EXPORT_SALES, { provinceCode: province, after });
      first ??= page;
      listed.push(...page.exportSales.crossBorderOrders.nodes.map((order) => order.id));
      expect(page.exportSales.crossBorderOrders.nodes.every((order) => order.destinationCountry !== 'VN' && order.status === 'DELIVERED')).toBe(true);
      after = page.exportSales.crossBorderOrders.pageInfo.hasNextPage ? page.exportSales.crossBorderOrders.pageInfo.endCursor : null;
    } while (after);
    expect(first!.exportSales.byMonth.map((row) => row.orderCount)).toEqual(expected.map((group) => group.orders));
    expect(listed).toEqual(expected.flatMap((group) => group.ids).sort());
  });
});

describe('OCOP coverage online', () => {
  it('counts valid OCOP 3+ certificates and those covering a listing, in total and per star rating', async () => {
    const expected = await withDatabase(async (client) => (await client.query(
      `select c.stars, (select count(*) from traceability.certification_listing cl where cl.certification_id = c.id) > 0 as listed
       from traceability.certification c where c.scheme = 'OCOP' and c.stars >= 3 and c.valid_from <= $1 and $1 <= c.valid_until`, [VALID_ON],
    )).rows as { stars: number; listed: boolean }[]);
    expect(expected.length).toBeGreaterThan(3);
    const { ocopCoverage } = await query<{ ocopCoverage: { total: { products: number; listedOnline: number; coveragePct: number }; byStars: { stars: number; products: number; listedOnline: number }[] } }>(
      `{ ocopCoverage(validOn: "${VALID_ON}") { total { products listedOnline coveragePct } byStars { stars products listedOnline } } }`,
    );
    const listed = expected.filter((row) => row.listed).length;
    expect(ocopCoverage.total).toEqual({ products: expected.length, listedOnline: listed, coveragePct: Math.round((listed / expected.length) * 1000) / 10 });
    expect(ocopCoverage.byStars).toEqual([3, 4, 5].filter((stars) => expected.some((row) => row.stars === stars)).map((stars) => ({
      stars, products: expected.filter((row) => row.stars === stars).length, listedOnline: expected.filter((row) => row.stars === stars && row.listed).length,
    })));
    const bad = await post(hub().gatewayUrl, '{ ocopCoverage(minStars: 2) { total { products } } }');
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'minStars' } });
  });
});
