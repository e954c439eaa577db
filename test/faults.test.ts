import { Client } from 'pg';
import { readSupergraph } from '../gateway/main';
import { startGateway, type RunningGateway } from '../gateway/server';
import { demoDataset } from '../demo/dataset';
import { JourneyDocument, type JourneyQuery } from './generated/graphql';
import { hub, post, type GraphqlResponse } from './support/hub';
import { pausableProxy, type PausableProxy } from './support/pausable-proxy';
import { subgraphProcess, type SubgraphProcess } from './support/subgraph-process';

/*
 * Dead sources under load: each subgraph killed in turn (kill -9), and one subgraph's PostgreSQL locked and then
 * frozen, while Journeys keep coming. Every field of the living subgraphs must be in every answer, the dead one's
 * fields null with an error naming it, and full answers must come back within 5 s of the source's return.
 * The subgraphs run as processes of their own on the suite's database; the gateway runs here.
 */

jest.setTimeout(300_000);

const DATABASE_TIMEOUTS = { DATABASE_STATEMENT_TIMEOUT_MS: '1000', DATABASE_ACQUIRE_TIMEOUT_MS: '1000' };
const GATEWAY_TIMEOUT_MS = 6000;
const RECOVERY_MS = 5000;
const ROUNDS = 5;
const CONCURRENT = 3;

type Journey = GraphqlResponse<JourneyQuery>;
type Household = NonNullable<JourneyQuery['household']>;

let proxy: PausableProxy;
let subgraphs: Record<string, SubgraphProcess>;
let gateway: RunningGateway;
let householdId: string;
let baseline: JourneyQuery;

/** A household every subgraph has something on: a census record, certificates, shops whose listings have lots. */
function richHousehold(): string {
  const data = demoDataset();
  const lotListings = new Set(data.lots.map((lot) => lot.listingId));
  const found = data.households.find(
    (household) =>
      data.censusRecords.some((record) => record.householdId === household.id) &&
      data.certifications.some((certificate) => certificate.householdId === household.id) &&
      data.listings.some((listing) => listing.householdId === household.id && lotListings.has(listing.id)),
  );
  if (!found) throw new Error('The demo data set has no household with a census record, certificates and lots');
  return found.id;
}

const journey = (): Promise<Journey> => post<JourneyQuery>(gateway.url, JourneyDocument as never, { id: householdId });

/** Rounds of concurrent Journeys, each answer with the time it took. */
async function journeys(rounds = ROUNDS): Promise<{ answer: Journey; ms: number }[]> {
  const answers: { answer: Journey; ms: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    answers.push(
      ...(await Promise.all(
        Array.from({ length: CONCURRENT }, async () => {
          const started = Date.now();
          const answer = await journey();
          return { answer, ms: Date.now() - started };
        }),
      )),
    );
  }
  return answers;
}

/** The full answer with the fields one subgraph gives left null, as the gateway must answer while it is dead. */
function without(subgraph: 'statistics' | 'marketplace' | 'traceability'): JourneyQuery {
  const household = structuredClone(baseline.household!) as Household;
  if (subgraph === 'statistics') household.census = null;
  if (subgraph === 'marketplace') household.shops = null;
  if (subgraph === 'traceability') {
    household.certifications = null;
    for (const shop of household.shops!) for (const listing of shop.listings) listing.lots = null;
  }
  return { household };
}

/** Journeys until one comes back whole; how long after `since` that was. */
async function recoveryMs(since: number): Promise<number> {
  for (;;) {
    const answer = await journey();
    if (!answer.errors && JSON.stringify(answer.data) === JSON.stringify(baseline)) return Date.now() - since;
    if (Date.now() - since > 3 * RECOVERY_MS) throw new Error(`No full answer ${3 * RECOVERY_MS} ms after the source came back: ${JSON.stringify(answer.errors)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function expectErrorsFrom(answer: GraphqlResponse<unknown>, serviceName: string, code: string | RegExp): void {
  expect(answer.errors?.length).toBeGreaterThan(0);
  for (const error of answer.errors!) {
    expect({ message: error.message, ...error.extensions }).toMatchObject({ serviceName, code: expect.stringMatching(code) });
    expect(error.path?.length).toBeGreaterThan(0);
    // where the subgraph runs is nobody's business but the operator's
    expect(error.message).not.toMatch(/127\.0\.0\.1|localhost|:\d{4,5}\b/);
  }
}

beforeAll(async () => {
  householdId = richHousehold();
  proxy = await pausableProxy(hub().databaseUrl);
  const env = { DATABASE_URL: hub().databaseUrl, MARKETPLACE_DATABASE_URL: proxy.url, ...DATABASE_TIMEOUTS };
  const names = ['registry', 'statistics', 'marketplace', 'traceability'];
  subgraphs = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await subgraphProcess(name, env)] as const)));
  await Promise.all(Object.values(subgraphs).map((subgraph) => subgraph.start()));
  gateway = await startGateway({
    supergraphSdl: readSupergraph(),
    port: 0,
    subgraphUrls: Object.fromEntries(Object.values(subgraphs).map((subgraph) => [subgraph.name, subgraph.url])),
    subgraphTimeoutMs: () => GATEWAY_TIMEOUT_MS,
  });
  const first = await journey();
  expect(first.errors).toBeUndefined();
  baseline = first.data!;
  const household = baseline.household!;
  // every subgraph contributes to the answer, so every outage shows
  expect(household.census).not.toBeNull();
  expect(household.certifications!.length).toBeGreaterThan(0);
  expect(household.shops!.flatMap((shop) => shop.listings).some((listing) => listing.lots!.length > 0)).toBe(true);
});

afterAll(async () => {
  await gateway?.stop();
  await Promise.all(Object.values(subgraphs ?? {}).map((subgraph) => subgraph.kill()));
  await proxy?.close();
});

describe('with one subgraph killed under a loop of Journeys', () => {
  it.each(['statistics', 'marketplace', 'traceability'] as const)(
    'answers every field of the living subgraphs while %s is dead, and the full answer once it is back',
    async (name) => {
      await subgraphs[name].kill();
      for (const { answer, ms } of await journeys()) {
        expect(answer.data).toEqual(without(name));
        expectErrorsFrom(answer, name, 'SUBGRAPH_UNAVAILABLE');
        expect(ms).toBeLessThan(2000);
      }
      const back = await subgraphs[name].start();
      expect(await recoveryMs(back)).toBeLessThan(RECOVERY_MS);
    },
  );

  it('answers the marketplace and traceability fields of a shop while the registry is dead', async () => {
    const shopId = baseline.household!.shops![0].id;
    const shopQuery = `query Shop($id: ID!) { shop(id: $id) { id platform name household { id displayName } province { code name }
      listings { id title lots { lotNumber } sales { orderCount } } } }`;
    type ShopAnswer = { shop: { household: unknown; province: unknown; listings: unknown[] } | null };
    const full = await post<ShopAnswer>(gateway.url, shopQuery, { id: shopId });
    expect(full.errors).toBeUndefined();
    expect(full.data!.shop!.household).not.toBeNull();

    await subgraphs.registry.kill();
    const dead = await journey();
    expect(dead.data).toEqual({ household: null });
    expectErrorsFrom(dead, 'registry', 'SUBGRAPH_UNAVAILABLE');
    for (let round = 0; round < ROUNDS; round++) {
      const answer = await post<ShopAnswer>(gateway.url, shopQuery, { id: shopId });
      // The province's name comes with the shop (the marketplace shares Province.name from the places reference).
      expect(answer.data).toEqual({ shop: { ...full.data!.shop, household: null } });
      expectErrorsFrom(answer, 'registry', 'SUBGRAPH_UNAVAILABLE');
    }
    const back = await subgraphs.registry.start();
    expect(await recoveryMs(back)).toBeLessThan(RECOVERY_MS);
  });
});

describe("with one subgraph's PostgreSQL unable to answer", () => {
  it('answers the other subgraphs while a lock holds the marketplace tables past the statement timeout', async () => {
    const locker = new Client({ connectionString: hub().databaseUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE marketplace.shop IN ACCESS EXCLUSIVE MODE');
      for (const { answer, ms } of await journeys(2)) {
        expect(answer.data).toEqual(without('marketplace'));
        expectErrorsFrom(answer, 'marketplace', 'DATABASE_TIMEOUT');
        expect(answer.errors![0].message).toContain('a statement ran longer than 1000 ms (DATABASE_STATEMENT_TIMEOUT_MS)');
        expect(ms).toBeLessThan(4000);
      }
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect(await recoveryMs(Date.now())).toBeLessThan(RECOVERY_MS);
  });

  it('answers the other subgraphs while the marketplace database is frozen, in bounded time, and recovers when it thaws', async () => {
    proxy.pause();
    let answers;
    try {
      answers = await journeys(2);
    } finally {
      proxy.resume();
    }
    const thawed = Date.now();
    for (const { answer, ms } of answers) {
      expect(answer.data).toEqual(without('marketplace'));
      expectErrorsFrom(answer, 'marketplace', /^(DATABASE_TIMEOUT|SUBGRAPH_TIMEOUT)$/);
      expect(ms).toBeLessThan(GATEWAY_TIMEOUT_MS + 1000);
    }
    expect(await recoveryMs(thawed)).toBeLessThan(RECOVERY_MS);
  });
});
