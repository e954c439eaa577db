import { demoDataset } from '../demo/dataset';
import { HOUSEHOLDS_KNOWN_PATH, HouseholdDirectoryUnavailable, httpHouseholdDirectory } from '../platform/linking/household-directory';
import { internalAuthorization } from '../platform/server/internal-token';
import { PeerDirectory } from '../platform/server/peers';
import { as, closeKeyStore } from './support/access';
import { freePort } from './support/free-port';
import net from 'node:net';
import path from 'node:path';
import { runScript } from './support/commands';
import { traceabilityRowCounts } from './support/epcis';
import { countStatements, hub, post, withDatabase } from './support/hub';

/*
 * References must exist: a link settled to a household the registry does not know is refused, whole, before anything
 * is written; the registry is asked through its API, one request (and one statement) per batch.
 */

const data = demoDataset();
const shop = data.shops[0];
const registered = data.households.slice(0, 2).map((household) => household.id);

const shopRow = () =>
  withDatabase(async (client) => (await client.query('select household_id, link_status, link_method, link_settled_at from marketplace.shop where id = $1', [shop.id])).rows[0]);
const censusRows = () =>
  withDatabase(async (client) => (await client.query('select id, household_id, link_status, link_method from statistics.census_record order by id')).rows);

afterAll(closeKeyStore);

describe('settling a link', () => {
  it('refuses households the registry does not know, naming each, and changes nothing', async () => {
    const before = await shopRow();
    const result = await post(
      hub().gatewayUrl,
      `mutation { settleShopLinks(settlements: [{ shopId: "${shop.id}", householdId: "HH-NOT-REAL-1" }]) { id } }`,
      {},
      await as('official'),
    );
    expect(result.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['BAD_USER_INPUT', 'No household "HH-NOT-REAL-1" in the registry: settle to a registered household id (like HH-06463-00001), or to none (householdId: null). Nothing was written.'],
    ]);
    expect(await shopRow()).toEqual(before);
  });

  it('refuses a census link to an unknown household or a province code, all or nothing, and asks the registry once for the batch', async () => {
    const before = await censusRows();
    const [first, second, third] = before.map((row) => row.id as number);
    const settlements = [
      { recordId: String(first), householdId: registered[0] },
      { recordId: String(second), householdId: 'HH-99999-99999' },
      { recordId: String(third), householdId: 'ZZ' },
    ];
    const headers = await as('official');
    let result: Awaited<ReturnType<typeof post>> | undefined;
    const statements = await countStatements(async () => {
      result = await post(hub().gatewayUrl, 'mutation($s: [CensusLinkSettlement!]!) { settleCensusLinks(settlements: $s) { id } }', { s: settlements }, headers);
    });
    expect(result!.errors?.map((error) => error.message)).toEqual([expect.stringMatching(/^No household "HH-99999-99999", "ZZ" in the registry: /)]);
    expect(await censusRows()).toEqual(before);
    // the registry answered the batch with one statement; no registry table was read by the statistics subgraph
    expect(statements.registry).toBe(1);
  });
});

describe('importing from the command line', () => {
  it('refuses a certificate for a household the registry does not know, asking the registry in-process, and writes nothing', async () => {
    const before = await traceabilityRowCounts();
    const file = path.join(__dirname, 'fixtures', 'traceability', 'chung-nhan-ho-khong-co.csv');
    const result = await runScript('scripts/cli.ts', ['import', 'certificates', file, '--quiet'], { DATABASE_URL: hub().databaseUrl });
    expect(result.code).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain('no household HH-99999-99999 in the registry');
    expect(await traceabilityRowCounts()).toEqual(before);
  });
});

describe("the registry's household directory", () => {
  const registryBase = () => hub().subgraphUrls.registry.replace(/\/graphql$/, '');

  it('tells which ids are registered, to the hub\'s services only', async () => {
    const url = `${registryBase()}${HOUSEHOLDS_KNOWN_PATH}`;
    const ask = (headers: Record<string, string>, ids: unknown) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ ids }) });
    expect((await ask({}, registered)).status).toBe(401);
    const answer = await ask(internalAuthorization(), [...registered, 'HH-NOT-REAL-1']);
    // with the commune each household is in now, by which other subgraphs place their records
    const communes = await withDatabase(async (client) => (await client.query('select id, commune_code from registry.household where id = any($1)', [registered])).rows);
    expect(await answer.json()).toEqual({ known: registered, communes: Object.fromEntries(communes.map((row: { id: string; commune_code: string }) => [row.id, row.commune_code])) });
    const tooMany = await ask(internalAuthorization(), Array.from({ length: 1001 }, (_, index) => `HH-00000-${index}`));
    expect([tooMany.status, await tooMany.json()]).toEqual([400, { error: 'At most 1000 ids per request; this one has 1001.' }]);
  });

  it('splits a large batch into requests of a thousand and answers the unknown ids in order', async () => {
    const peers = new PeerDirectory({});
    peers.add('registry', hub().subgraphUrls.registry);
    let requests = 0;
    const directory = httpHouseholdDirectory(peers, { fetch: (input, init) => ((requests += 1), fetch(input, init)) });
    const unknown = Array.from({ length: 1500 }, (_, index) => `HH-99999-${String(index).padStart(5, '0')}`);
    expect(await directory.unknownIds([registered[0], ...unknown, registered[1]])).toEqual(unknown);
    expect(requests).toBe(2);
  });

  it('gives up on a registry that does not answer, within its timeout', async () => {
    const sockets: net.Socket[] = [];
    const frozen = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => frozen.listen(0, '127.0.0.1', resolve));
    try {
      const directory = httpHouseholdDirectory({ baseUrl: () => `http://127.0.0.1:${(frozen.address() as net.AddressInfo).port}` }, { timeoutMs: 300 });
      const started = Date.now();
      const failure = await directory.unknownIds(['HH-07582-00001']).catch((error: unknown) => error);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(failure).toBeInstanceOf(HouseholdDirectoryUnavailable);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => frozen.close(() => resolve()));
    }
  });

  it('refuses to vouch for anything when the registry cannot be reached, without saying where it runs', async () => {
    const port = await freePort();
    const directory = httpHouseholdDirectory({ baseUrl: () => `http://127.0.0.1:${port}` });
    const failure = await directory.unknownIds(['HH-07582-00001']).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HouseholdDirectoryUnavailable);
    expect((failure as Error).message).not.toContain(String(port));
    expect((failure as HouseholdDirectoryUnavailable).detail).toContain('ECONNREFUSED');
  });
});
