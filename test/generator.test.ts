import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { print } from 'graphql';
import { Client } from 'pg';
import { GENERATED_TABLES, GENERATED_TABLE_NAMES, qualifiedName } from '../demo/national/tables';
import { readDatasetRecords, type GenerateSummary } from '../demo/national/load';
import { quoteTable } from '../platform/database/copy';
import { GENERATE_HELP, parseGenerateArguments } from '../scripts/generate';
import { JourneyDocument, type JourneyQuery } from './generated/graphql';
import { HOUSEHOLD_MATCH_PATH, type HouseholdMatchResponse } from '../platform/linking/http-matcher';
import { internalAuthorization } from '../platform/server/internal-token';
import { runScript, spawnScript, type CommandResult } from './support/commands';
import { hub, post } from './support/hub';
import { expectItemRollupsEqualSources } from './support/indicator-items';

/**
 * The national generator on a small size, into scratch databases of the test server: the same size and seed give
 * the same rows, every key that crosses subgraphs points at something that exists, and the hub serves the result.
 */
const HOUSEHOLDS = 400;
const SEED = 42;

const scratch: string[] = [];

async function scratchDatabase(label: string): Promise<string> {
  const name = `nongsan_gen_${label}_${process.pid}`;
  await withClient(hub().databaseUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  scratch.push(name);
  const url = new URL(hub().databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** One digest per generated table, over its rows in primary-key order. */
async function tableDigests(url: string): Promise<Record<string, string>> {
  return withClient(url, async (client) => {
    const digests: Record<string, string> = {};
    for (const name of GENERATED_TABLE_NAMES) {
      const table = quoteTable(qualifiedName(GENERATED_TABLES[name]));
      const { rows } = await client.query(`SELECT md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS digest, count(*)::int AS count FROM ${table} t`);
      digests[name] = `${rows[0].count}:${rows[0].digest}`;
    }
    return digests;
  });
}

async function count(client: Client, sql: string): Promise<number> {
  const { rows } = await client.query(sql);
  return Number(rows[0].count);
}

const summaries = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-generate-'));

/** `npm run generate` as a user runs it, in its own process. */
function generateCommand(databaseUrl: string, seed = SEED, ...more: string[]): Promise<CommandResult> {
  const summary = path.join(summaries, `${seed}-${Date.now()}.json`);
  return runScript('scripts/generate.ts', ['--households', String(HOUSEHOLDS), '--seed', String(seed), '--database-url', databaseUrl, '--summary', summary, '--json', ...more]);
}

async function generate(databaseUrl: string, seed = SEED, ...more: string[]): Promise<GenerateSummary> {
  const result = await generateCommand(databaseUrl, seed, ...more);
  if (result.code !== 0) throw new Error(`npm run generate failed (${result.code}): ${result.stderr}`);
  return JSON.parse(result.stdout) as GenerateSummary;
}

describe('npm run generate', () => {
  let first: string;
  let firstDigests: Record<string, string>;
  let summary: GenerateSummary;

  beforeAll(async () => {
    first = await scratchDatabase('a');
    summary = await generate(first);
    firstDigests = await tableDigests(first);
  }, 180_000);

  afterAll(async () => {
    for (const name of scratch) await withClient(hub().databaseUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    fs.rmSync(summaries, { recursive: true, force: true });
  });

  it('gives the same rows for the same size and seed, and other rows for another seed', async () => {
    const second = await scratchDatabase('b');
    await generate(second);
    expect(await tableDigests(second)).toEqual(firstDigests);

    const other = await scratchDatabase('c');
    await generate(other, SEED + 1);
    const otherDigests = await tableDigests(other);
    for (const name of ['household', 'order', 'traceEvent'] as const) expect(otherDigests[name]).not.toEqual(firstDigests[name]);
  }, 180_000);

  it('fills every table, with the requested number of households and the data set recorded beside them', async () => {
    for (const [name, digest] of Object.entries(firstDigests)) expect([name, Number(digest.split(':')[0])]).not.toEqual([name, 0]);
    expect(Number(firstDigests.household.split(':')[0])).toBe(HOUSEHOLDS);
    const records = await readDatasetRecords(first);
    expect(records.map((record) => [record.subgraph, record.households, record.seed])).toEqual([
      ['marketplace', HOUSEHOLDS, SEED], ['registry', HOUSEHOLDS, SEED], ['statistics', HOUSEHOLDS, SEED], ['traceability', HOUSEHOLDS, SEED],
    ]);
    expect(records.find((record) => record.subgraph === 'registry')!.rows.household).toBe(HOUSEHOLDS);
    // The figures it reports are the rows it wrote.
    expect(summary.households).toBe(HOUSEHOLDS);
    expect(Object.fromEntries(summary.tables.map((table) => [table.table, table.rows]))).toEqual(
      Object.fromEntries(GENERATED_TABLE_NAMES.map((name) => [qualifiedName(GENERATED_TABLES[name]), Number(firstDigests[name].split(':')[0])])),
    );
  });

  it('leaves the sales rollup the reports read equal to the generated delivered orders', async () => {
    await withClient(first, async (client) => {
      const { rows } = await client.query(`SELECT
        (SELECT coalesce(sum(quantity_kg), 0)::text FROM marketplace.sales_rollup) AS rolled_up,
        (SELECT coalesce(sum(quantity_kg), 0)::text FROM marketplace."order" WHERE status = 'DELIVERED') AS delivered,
        (SELECT count(*)::int FROM marketplace.sales_rollup) AS rollup_rows`);
      expect(rows[0].rollup_rows).toBeGreaterThan(0);
      expect(rows[0].rolled_up).toBe(rows[0].delivered);
    });
  });

  it('leaves the province rollups equal to the generated orders, per province', async () => {
    await withClient(first, async (client) => {
      const byProvince = async (sql: string) => (await client.query(sql)).rows;
      const delivered = await byProvince(`SELECT seller_province_code, count(*)::int AS n, sum(quantity_kg)::text AS kg FROM marketplace."order" WHERE status = 'DELIVERED' GROUP BY 1 ORDER BY 1`);
      const sold = await byProvince(`SELECT seller_province_code, count(*)::int AS n, sum(quantity_kg)::text AS kg FROM marketplace."order" WHERE status <> 'CANCELLED' GROUP BY 1 ORDER BY 1`);
      expect(delivered.length).toBeGreaterThan(0);
      expect(await byProvince(`SELECT seller_province_code, sum(order_count)::int AS n, sum(quantity_kg)::text AS kg FROM marketplace.sales_province_rollup GROUP BY 1 HAVING sum(order_count) <> 0 ORDER BY 1`)).toEqual(delivered);
      expect(await byProvince(`SELECT seller_province_code, sum(order_count)::int AS n, sum(quantity_kg)::text AS kg FROM marketplace.order_province_rollup GROUP BY 1 HAVING sum(order_count) <> 0 ORDER BY 1`)).toEqual(sold);
      expect(await byProvince(`SELECT seller_province_code, sum(order_count)::int AS n, sum(quantity_kg)::text AS kg FROM marketplace.sales_province_day_rollup GROUP BY 1 HAVING sum(order_count) <> 0 ORDER BY 1`)).toEqual(delivered);
    });
  });

  it('leaves the day rollups (farm-input buyers, destinations reached) equal to the generated orders', async () => {
    await withClient(first, async (client) => {
      const rows = async (sql: string) => (await client.query(sql)).rows;
      const buyers = await rows(`SELECT coalesce(o.destination_province_code, '') AS province, count(DISTINCT (o.buyer_household_id, coalesce(o.destination_commune_code, ''), (o.ordered_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date))::int AS n, count(*)::int AS orders
        FROM marketplace."order" o JOIN marketplace.listing l ON l.id = o.listing_id WHERE l.is_farm_input AND o.buyer_household_id IS NOT NULL AND o.status <> 'CANCELLED' GROUP BY 1 ORDER BY 1`);
      const destinations = await rows(`SELECT o.destination_country AS country, count(DISTINCT (coalesce(o.destination_province_code, ''), (coalesce(o.delivered_at, o.ordered_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date))::int AS n, count(*)::int AS orders
        FROM marketplace."order" o JOIN marketplace.listing l ON l.id = o.listing_id WHERE o.status = 'DELIVERED' AND NOT l.is_farm_input GROUP BY 1 ORDER BY 1`);
      expect(buyers.length).toBeGreaterThan(0);
      expect(await rows(`SELECT destination_province_code AS province, count(*)::int AS n, sum(row_count)::int AS orders FROM marketplace.input_buyer_day GROUP BY 1 ORDER BY 1`)).toEqual(buyers);
      expect(await rows(`SELECT destination_country AS country, count(*)::int AS n, sum(row_count)::int AS orders FROM marketplace.sales_destination_day GROUP BY 1 ORDER BY 1`)).toEqual(destinations);
    });
  });

  it('leaves the item rollups (listings, shops\' households, trainings, e-payment) equal to the generated rows', async () => {
    await withClient(first, async (client) => {
      await expectItemRollupsEqualSources(client);
    });
  });

  it('links every record across subgraphs to a registry household, a current commune and an existing listing or lot', async () => {
    await withClient(first, async (client) => {
      const orphans = {
        householdsOutsideCurrentCommunes: `SELECT count(*) FROM registry.household h LEFT JOIN registry.commune c ON c.code = h.commune_code WHERE c.code IS NULL OR c.province_code <> h.province_code`,
        householdIdsNotOfTheirCommune: `SELECT count(*) FROM registry.household WHERE id !~ ('^HH-' || commune_code || '-[0-9]{5}$')`,
        membersOfNoCooperativeOfTheirCommune: `SELECT count(*) FROM registry.household h LEFT JOIN registry.household c ON c.id = h.cooperative_id AND c.kind = 'COOPERATIVE' AND c.commune_code = h.commune_code WHERE h.cooperative_id IS NOT NULL AND c.id IS NULL`,
        // Linked records name their household; the census's own key names it for every record (the test knows how).
        censusOfUnknownHouseholds: `SELECT count(*) FROM statistics.census_record r LEFT JOIN registry.household h ON h.id = r.household_id WHERE r.household_id IS NOT NULL AND h.id IS NULL`,
        censusKeysOfUnknownHouseholds: `SELECT count(*) FROM statistics.census_record r LEFT JOIN registry.household h ON h.id = 'HH-' || substr(r.record_key, 8) WHERE h.id IS NULL OR (r.household_id IS NOT NULL AND r.household_id <> h.id)`,
        reviewCandidatesUnknown: `SELECT count(*) FROM statistics.census_record r LEFT JOIN registry.household h ON h.id = r.link_candidates->0->>'householdId' WHERE r.link_status = 'REVIEW' AND h.id IS NULL`,
        censusOutsideCurrentCommunes: `SELECT count(*) FROM statistics.census_record r LEFT JOIN registry.commune c ON c.code = r.commune_code WHERE c.code IS NULL`,
        shopsOfUnknownHouseholds: `SELECT count(*) FROM marketplace.shop s LEFT JOIN registry.household h ON h.id = s.household_id WHERE h.id IS NULL OR h.commune_code <> s.commune_code`,
        listingsOfOtherShops: `SELECT count(*) FROM marketplace.listing l LEFT JOIN marketplace.shop s ON s.id = l.shop_id WHERE s.id IS NULL OR s.household_id <> l.household_id OR s.platform <> l.platform`,
        ordersOfUnknownListings: `SELECT count(*) FROM marketplace."order" o LEFT JOIN marketplace.listing l ON l.id = o.listing_id WHERE l.id IS NULL OR l.shop_id <> o.shop_id OR l.household_id <> o.seller_household_id`,
        ordersToUnknownPlaces: `SELECT count(*) FROM marketplace."order" o LEFT JOIN registry.commune c ON c.code = o.destination_commune_code WHERE o.destination_country = 'VN' AND (c.code IS NULL OR c.province_code <> o.destination_province_code)`,
        buyersUnknown: `SELECT count(*) FROM marketplace."order" o LEFT JOIN registry.household h ON h.id = o.buyer_household_id WHERE o.buyer_household_id IS NOT NULL AND h.id IS NULL`,
        lotsOfUnknownListings: `SELECT count(*) FROM traceability.lot t LEFT JOIN marketplace.listing l ON l.id = t.listing_id WHERE l.id IS NULL OR l.household_id <> t.household_id OR l.is_farm_input`,
        eventsOfUnknownLots: `SELECT count(*) FROM traceability.trace_event e LEFT JOIN traceability.lot t ON t.id = e.lot_id WHERE t.id IS NULL OR e.event_time < t.harvested_at`,
        codesOfUnknownLots: `SELECT count(*) FROM traceability.trace_code q LEFT JOIN traceability.lot t ON t.id = q.lot_id WHERE t.id IS NULL OR t.listing_id <> q.listing_id`,
        certificatesOfUnknownHouseholds: `SELECT count(*) FROM traceability.certification c LEFT JOIN registry.household h ON h.id = c.household_id WHERE h.id IS NULL`,
        certifiedListingsOfOthers: `SELECT count(*) FROM traceability.certification_listing cl JOIN traceability.certification c ON c.id = cl.certification_id LEFT JOIN marketplace.listing l ON l.id = cl.listing_id WHERE l.id IS NULL OR l.household_id <> c.household_id`,
        growingAreasOfUnknownHouseholds: `SELECT count(*) FROM traceability.growing_area g LEFT JOIN registry.household h ON h.id = g.household_id WHERE h.id IS NULL OR h.commune_code <> g.commune_code`,
      };
      const found: Record<string, number> = {};
      for (const [name, sql] of Object.entries(orphans)) found[name] = await count(client, sql);
      expect(found).toEqual(Object.fromEntries(Object.keys(orphans).map((name) => [name, 0])));
    });
  });

  it('delivers what it harvests within plausible times, and ships to big cities and a few countries', async () => {
    await withClient(first, async (client) => {
      const { rows: [times] } = await client.query(
        `SELECT max(extract(epoch FROM e.event_time - t.harvested_at) / 3600) AS longest, min(extract(epoch FROM e.event_time - t.harvested_at) / 3600) AS shortest
           FROM traceability.trace_event e JOIN traceability.lot t ON t.id = e.lot_id WHERE e.biz_step = 'receiving'`,
      );
      expect(Number(times.shortest)).toBeGreaterThanOrEqual(14);
      expect(Number(times.longest)).toBeLessThanOrEqual(96);
      const { rows: destinations } = await client.query(
        `SELECT destination_province_code AS code, count(*)::int AS orders FROM marketplace."order" WHERE destination_country = 'VN' AND buyer_household_id IS NULL
          GROUP BY 1 ORDER BY 2 DESC LIMIT 2`,
      );
      expect(destinations.map((row) => row.code).sort()).toEqual(['01', '79']);
      const abroad = await count(client, `SELECT count(DISTINCT destination_country) FROM marketplace."order" WHERE destination_country <> 'VN'`);
      expect(abroad).toBeGreaterThanOrEqual(2);
      const inputsSold = await count(client, `SELECT count(*) FROM marketplace.listing WHERE is_farm_input`);
      expect(inputsSold).toBeGreaterThan(0);
    });
  });

  it('links census records by ID number, phone or name like real linked data, and counts farming households as the registry does', async () => {
    await withClient(first, async (client) => {
      const censused = await count(client, 'SELECT count(*) FROM statistics.census_record');
      expect(censused / HOUSEHOLDS).toBeGreaterThan(0.8);
      const { rows: links } = await client.query(
        `SELECT link_status AS status, link_method AS method, count(*)::int AS records FROM statistics.census_record GROUP BY 1, 2 ORDER BY 1, 2`,
      );
      const share = (status: string, method?: string) =>
        links.filter((row) => row.status === status && (!method || row.method === method)).reduce((sum, row) => sum + row.records, 0) / censused;
      // Mostly linked by the ID number, the rest by phone or by name; a few wait for an official or stay unlinked.
      expect(share('LINKED', 'NATIONAL_ID')).toBeGreaterThan(0.55);
      expect(share('LINKED', 'NATIONAL_ID')).toBeLessThan(0.85);
      expect(share('LINKED', 'PHONE')).toBeGreaterThan(0.1);
      expect(share('LINKED', 'NAME_AND_COMMUNE')).toBeGreaterThan(0);
      expect(share('REVIEW') + share('UNLINKED')).toBeGreaterThan(0);
      expect(share('REVIEW') + share('UNLINKED')).toBeLessThan(0.1);
      // The evidence is not a copy of the registry's: names and phones differ now and then, as in real linked data.
      const differing = await count(
        client,
        `SELECT count(*) FROM statistics.census_record r JOIN registry.household h ON h.id = 'HH-' || substr(r.record_key, 8)
          WHERE r.respondent_name <> h.head_name OR r.phone IS DISTINCT FROM h.phone OR r.national_id_hash IS DISTINCT FROM h.national_id_hash`,
      );
      expect(differing / censused).toBeGreaterThan(0.2);
      expect(differing / censused).toBeLessThan(0.6);

      const farming = await count(client, `SELECT count(*) FROM registry.household WHERE kind IN ('HOUSEHOLD', 'BUSINESS_HOUSEHOLD')`);
      const counted = await count(client, `SELECT sum(farming_households) AS count FROM statistics.indicator_observation WHERE crop = '_T' AND year = 2025`);
      expect(counted).toBe(farming);
      const perProvince = await count(
        client,
        `SELECT count(*) FROM (SELECT province_code, count(*) AS n FROM registry.household WHERE kind IN ('HOUSEHOLD', 'BUSINESS_HOUSEHOLD') GROUP BY 1) h
           FULL JOIN (SELECT * FROM statistics.indicator_observation WHERE crop = '_T' AND year = 2025) i ON i.province_code = h.province_code
          WHERE i.farming_households IS DISTINCT FROM h.n`,
      );
      expect(perProvince).toBe(0);
    });
  });

  it('refuses to write over a data set without --replace, changing nothing, and replaces it with it', async () => {
    const refused = await generateCommand(first, SEED + 7);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already holds a generated data set of 400 households \(seed 42.*Nothing was changed.*--replace/s);
    expect(await tableDigests(first)).toEqual(firstDigests);

    await generate(first, SEED, '--replace');
    expect(await tableDigests(first)).toEqual(firstDigests);
  }, 120_000);

  describe('served by the hub', () => {
    let server: ChildProcess;
    let gatewayUrl: string;
    let registryUrl: string;

    beforeAll(async () => {
      server = spawnScript('test/support/serve-hub.ts', [], { DATABASE_URL: first });
      ({ gatewayUrl, subgraphUrls: { registry: registryUrl } } = await new Promise<{ gatewayUrl: string; subgraphUrls: Record<string, string> }>((resolve, reject) => {
        let output = '';
        let errors = '';
        server.stdout!.on('data', (chunk) => {
          output += chunk;
          if (output.includes('\n')) resolve(JSON.parse(output.split('\n')[0]));
        });
        server.stderr!.on('data', (chunk) => (errors += chunk));
        server.on('exit', (code) => reject(new Error(`The hub on the generated data stopped (${code}): ${errors}`)));
      }));
    }, 60_000);

    afterAll(async () => {
      if (!server || server.exitCode !== null) return;
      const stopped = new Promise((resolve) => server.on('exit', resolve));
      server.kill('SIGTERM');
      await stopped;
    });

    it('answers the flagship query for a generated household from all four subgraphs', async () => {
      const expected = await withClient(first, async (client) => {
        const { rows: [household] } = await client.query(
          `SELECT h.id, h.commune_code, c.land_area_ha FROM registry.household h
             JOIN statistics.census_record c ON c.household_id = h.id
            WHERE EXISTS (SELECT 1 FROM traceability.lot l WHERE l.household_id = h.id)
              AND EXISTS (SELECT 1 FROM traceability.certification x WHERE x.household_id = h.id)
            ORDER BY h.id LIMIT 1`,
        );
        const { rows: shops } = await client.query(`SELECT id FROM marketplace.shop WHERE household_id = $1 ORDER BY id`, [household.id]);
        const { rows: lots } = await client.query(`SELECT lot_number FROM traceability.lot WHERE household_id = $1 ORDER BY lot_number`, [household.id]);
        const { rows: [sold] } = await client.query(`SELECT count(*)::int AS orders FROM marketplace."order" WHERE seller_household_id = $1 AND status <> 'CANCELLED'`, [household.id]);
        return { ...household, shops: shops.map((row) => row.id), lots: lots.map((row) => row.lot_number), orders: sold.orders };
      });

      const result = await post<JourneyQuery>(gatewayUrl, print(JourneyDocument), { id: expected.id });
      expect(result.errors).toBeUndefined();
      const household = result.data!.household!;
      expect(household.commune.code).toBe(expected.commune_code);
      expect(household.census?.landAreaHa).toBe(expected.land_area_ha);
      expect(household.certifications!.length).toBeGreaterThan(0);
      expect(household.shops!.map((shop) => shop.id).sort()).toEqual(expected.shops);
      const listings = household.shops!.flatMap((shop) => shop.listings);
      expect(listings.flatMap((listing) => listing.lots!.map((lot) => lot.lotNumber)).sort()).toEqual(expected.lots);
      expect(listings.flatMap((listing) => listing.lots!).every((lot) => lot.events[0]?.bizStep === 'commissioning')).toBe(true);
      expect(listings.reduce((sum, listing) => sum + listing.sales.orderCount, 0)).toBe(expected.orders);
    });

    it('links census records as the registry\'s own matcher links their evidence', async () => {
      const records = await withClient(first, async (client) =>
        (await client.query(`SELECT record_key, household_id, link_status, respondent_name, respondent_birth_year, phone, national_id_hash, commune_code FROM statistics.census_record ORDER BY id`)).rows,
      );
      const response = await fetch(registryUrl.replace(/\/graphql$/, HOUSEHOLD_MATCH_PATH), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...internalAuthorization() },
        body: JSON.stringify({
          evidence: records.map((record) => ({ nationalIdHash: record.national_id_hash, phone: record.phone, name: record.respondent_name, communeCode: record.commune_code, birthYear: record.respondent_birth_year })),
        }),
      });
      expect(response.status).toBe(200);
      const { matches } = (await response.json()) as HouseholdMatchResponse;
      const agreeing = records.filter((record, index) => matches[index].status === record.link_status && matches[index].householdId === record.household_id);
      // Only namesakes in the same commune, which the generator does not weigh, may make the matcher hesitate.
      expect(agreeing.length / records.length).toBeGreaterThan(0.95);
    });
  });
});

describe('npm run generate -- --help and its arguments', () => {
  it('explains the command and its options', () => {
    expect(parseGenerateArguments(['--help'])).toBe('help');
    for (const option of ['--households', '--seed', '--database-url', '--replace', '--indexes', '--json']) expect(GENERATE_HELP).toContain(option);
  });

  it('reads sizes as people write them, and says what is wrong otherwise', () => {
    expect(parseGenerateArguments(['--households', '100k'])).toMatchObject({ households: 100_000, seed: 42, replace: false, indexes: 'rebuild' });
    expect(parseGenerateArguments(['--households', '1M', '--seed', '7', '--replace'])).toMatchObject({ households: 1_000_000, seed: 7, replace: true });
    expect(parseGenerateArguments(['--households', '5,000,000'])).toMatchObject({ households: 5_000_000 });
    expect(() => parseGenerateArguments([])).toThrow(/how many households/);
    expect(() => parseGenerateArguments(['--households', 'many'])).toThrow(/--households must be a whole number/);
    expect(() => parseGenerateArguments(['--households', '10', '--indexes', 'some'])).toThrow(/--indexes must be "rebuild" or "keep"/);
    expect(() => parseGenerateArguments(['--households', '10', '--colour'])).toThrow(/Unknown option '--colour'/);
  });
});
