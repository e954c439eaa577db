import type { ChildProcess } from 'node:child_process';
import { EXAMPLE_QUERY, EXAMPLE_VARIABLES } from '../gateway/server';
import { runScript, spawnScript } from './support/commands';
import { freePort } from './support/free-port';
import { hub, withDatabase } from './support/hub';
import { roundRobinProxy, type RoundRobinProxy } from './support/round-robin-proxy';

/**
 * The compose / Kubernetes topology, here: the subgraphs and two gateway replicas as separate processes, each
 * subgraph on a PostgreSQL database of its own (several databases on the test server), the replicas behind one port.
 * Registry and statistics run alone; marketplace and traceability share one process (`npm run subgraph --
 * marketplace traceability`, as on a small machine), each on its own port and database.
 */
const NAMES = ['registry', 'statistics', 'marketplace', 'traceability'] as const;
const PROCESSES: (typeof NAMES)[number][][] = [['registry'], ['statistics'], ['marketplace', 'traceability']];
const tag = `topology_${process.pid}`;
const databaseName = (name: string) => `${tag}_${name}`;

interface Service {
  child: ChildProcess;
  output: string;
  exited: Promise<number | null>;
}

function startService(script: string, args: string[], env: Record<string, string>, readyLine: RegExp): Promise<Service> {
  const child = spawnScript(script, args, { DEMO_DATA: '1', HOST: '127.0.0.1', ...env });
  const service: Service = { child, output: '', exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
  return new Promise((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      service.output += chunk.toString();
      if (readyLine.test(service.output)) resolve(service);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    void service.exited.then((code) => reject(new Error(`${script} ${args.join(' ')} exited (${code}) before it was ready:\n${service.output}`)));
  });
}

type JourneyAnswer = {
  status: number;
  data?: { household: { displayName: string; certifications: unknown[]; shops: { listings: { lots: unknown[] }[] }[] } | null };
  errors?: { message: string; path?: (string | number)[]; extensions?: { serviceName?: string } }[];
};

async function journey(url: string): Promise<JourneyAnswer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: EXAMPLE_QUERY, variables: EXAMPLE_VARIABLES }),
  });
  return { status: response.status, ...((await response.json()) as Omit<JourneyAnswer, 'status'>) };
}

describe('the multi-process topology (separate databases, two gateway replicas behind one port)', () => {
  jest.setTimeout(300_000);
  const subgraphs: Record<string, Service> = {};
  const gateways: Service[] = [];
  const ports: Record<string, number> = {};
  const urls: Record<string, string> = {};
  let databaseUrls: Record<string, string>;
  let proxy: RoundRobinProxy;

  const subgraphEnv = (names: string[]) => ({
    ...(names.length === 1 ? { PORT: String(ports[names[0]]) } : Object.fromEntries(names.map((name) => [`${name.toUpperCase()}_PORT`, String(ports[name])]))),
    ...Object.fromEntries(names.map((name) => [`${name.toUpperCase()}_DATABASE_URL`, databaseUrls[name]])),
    ...urls,
  });
  // Ready once the last one named says so.
  const startSubgraphs = (names: string[]) =>
    startService('scripts/subgraph.ts', names, subgraphEnv(names), new RegExp(`${names[names.length - 1]} subgraph ready at`));
  const startSubgraph = (name: string) => startSubgraphs([name]);

  beforeAll(async () => {
    databaseUrls = {};
    await withDatabase(async (client) => {
      for (const name of NAMES) {
        await client.query(`CREATE DATABASE "${databaseName(name)}"`);
        const url = new URL(hub().databaseUrl);
        url.pathname = `/${databaseName(name)}`;
        databaseUrls[name] = url.toString();
      }
    });
    for (const name of NAMES) ports[name] = await freePort();
    for (const name of NAMES) urls[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${ports[name]}/graphql`;
    await Promise.all(
      PROCESSES.map(async (names) => {
        const service = await startSubgraphs(names);
        for (const name of names) subgraphs[name] = service;
      }),
    );
    const gatewayPorts = [await freePort(), await freePort()];
    gateways.push(
      ...(await Promise.all(gatewayPorts.map((port) => startService('gateway/main.ts', [], { PORT: String(port), ...urls }, /gateway: http:\/\/\S+\/graphql/)))),
    );
    const gatewayBase = (service: Service) => /gateway: (http:\/\/\S+)\/graphql/.exec(service.output)![1];
    proxy = await roundRobinProxy(gateways.map(gatewayBase));
  });

  afterAll(async () => {
    await proxy?.close();
    for (const service of [...gateways, ...new Set(Object.values(subgraphs))]) {
      service.child.kill('SIGTERM');
      await service.exited;
    }
    await withDatabase(async (client) => {
      for (const name of NAMES) await client.query(`DROP DATABASE IF EXISTS "${databaseName(name)}" WITH (FORCE)`);
    });
  });

  it('answers the Journey in full through one port, from both gateway replicas', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => journey(proxy.url)));
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.household?.displayName).toBe('HTX Vải Lục Ngạn');
      expect(answer.data?.household?.shops?.length).toBeGreaterThan(0);
      // Traceability's fields, from the process it shares with marketplace.
      expect(answer.data?.household?.certifications.length).toBeGreaterThan(0);
      expect(answer.data?.household?.shops.flatMap((shop) => shop.listings.flatMap((listing) => listing.lots)).length).toBeGreaterThan(0);
    }
    expect(Object.values(proxy.answered).every((count) => count >= 3)).toBe(true);
  });

  // The statistics subgraph: its field (census) is nullable, so the rest of the Journey still answers while it is away.
  it('keeps answering while a subgraph restarts under load: only that subgraph\'s fields fail meanwhile', async () => {
    const answers: { at: number; answer: JourneyAnswer }[] = [];
    let running = true;
    const worker = async () => {
      while (running) answers.push({ at: Date.now(), answer: await journey(proxy.url) });
    };
    const load = Promise.all([worker(), worker(), worker()]);
    await new Promise((resolve) => setTimeout(resolve, 1000));

    subgraphs.statistics.child.kill('SIGTERM');
    expect(await subgraphs.statistics.exited).toBe(0);
    const gatewayReady = await fetch(`${proxy.url}/ready`);
    expect(gatewayReady.status).toBe(503);
    expect(await gatewayReady.json()).toMatchObject({ status: 'not ready', checks: { registry: 'ok', statistics: 'ECONNREFUSED' } });
    expect((await fetch(`${proxy.url}/ready?partial`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));

    subgraphs.statistics = await startSubgraph('statistics');
    const restartedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    running = false;
    await load;

    expect(answers.length).toBeGreaterThan(10);
    const wrong = answers.filter(
      ({ answer }) =>
        answer.status !== 200 ||
        answer.data?.household?.displayName !== 'HTX Vải Lục Ngạn' ||
        answer.data.household.shops.length === 0 ||
        (answer.errors ?? []).some((error) => error.extensions?.serviceName !== 'statistics' || error.path?.join('.') !== 'household.census'),
    );
    expect(wrong.slice(0, 2)).toEqual([]);
    // Some requests met the subgraph away (their errors name it and the field it gives, checked above), and none failed as a whole.
    expect(answers.filter(({ answer }) => answer.errors?.length).length).toBeGreaterThan(0);
    const afterRestart = answers.filter(({ at }) => at > restartedAt + 500);
    expect(afterRestart.length).toBeGreaterThan(0);
    expect(afterRestart.filter(({ answer }) => answer.errors).slice(0, 1)).toEqual([]);
    expect((await fetch(`${proxy.url}/ready`)).status).toBe(200);
  });

  it("a subgraph's /ready says 503 while its database refuses connections, and 200 again after", async () => {
    const ready = () => fetch(`http://127.0.0.1:${ports.statistics}/ready`);
    expect((await ready()).status).toBe(200);
    await withDatabase(async (client) => {
      await client.query(`ALTER DATABASE "${databaseName('statistics')}" WITH ALLOW_CONNECTIONS false`);
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [databaseName('statistics')]);
    });
    try {
      const down = await ready();
      expect(down.status).toBe(503);
      const body = (await down.json()) as { checks: Record<string, string> };
      expect(body.checks.database).toMatch(/not currently accepting connections/);
      expect((await fetch(`http://127.0.0.1:${ports.statistics}/health`)).status).toBe(200);
    } finally {
      await withDatabase((client) => client.query(`ALTER DATABASE "${databaseName('statistics')}" WITH ALLOW_CONNECTIONS true`));
    }
    expect((await ready()).status).toBe(200);
  });
});

describe('several subgraphs in one process: what it refuses before starting', () => {
  // The container image's entry point (scripts/service.ts) passes several subgraph names on to scripts/subgraph.ts.
  it.each([
    ['one PORT for several subgraphs, naming the variables to give', 'scripts/subgraph.ts', ['registry', 'marketplace'], { PORT: '4999' }, 1,
      'PORT gives one port, and 2 subgraphs are asked for: give each its own with REGISTRY_PORT, MARKETPLACE_PORT.'],
    ['a subgraph named twice', 'scripts/subgraph.ts', ['registry', 'registry'], {}, 1, 'A subgraph is named twice in "registry registry".'],
    ['a subgraph it does not know', 'scripts/subgraph.ts', ['registry', 'warehouse'], {}, 1,
      'Unknown subgraph "warehouse". Known: registry, statistics, marketplace, traceability.'],
    ["a subgraph named twice, through the container image's entry point", 'scripts/service.ts', ['registry', 'registry'], {}, 1,
      'A subgraph is named twice in "registry registry".'],
    ["the gateway among subgraphs, at the container image's entry point", 'scripts/service.ts', ['gateway', 'registry'], {}, 2,
      'Usage: service <gateway|registry|statistics|marketplace|traceability> [more subgraphs, run in one process] (got "gateway registry")'],
  ] as const)('refuses %s', async (_case, script, args, env, exitCode, message) => {
    const { code, stderr } = await runScript(script, [...args], env);
    expect(code).toBe(exitCode);
    expect(stderr).toContain(message);
  });
});
