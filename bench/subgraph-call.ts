import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../platform/database/embedded';
import { repoRoot } from '../platform/repo-root';
import { describeMachine } from './machine';
import { startFloorServer, startSubgraphProcess, type FloorKind } from './processes';

/**
 * `npm run bench:subgraph-call`: what one subgraph call costs its process, without a gateway or other subgraphs to
 * share the cores: each subgraph runs alone in production mode on the demo data set and answers one request the
 * Journey's query plan sends it, the same one again and again, one at a time and then ten at a time; the figure is
 * the process's CPU (from /proc) per call. Far steadier than the whole benchmark's per-call figure, so a change to
 * the subgraph path can be compared commit against commit. Writes bench/results/subgraph-call.json.
 *
 * The first three calls read nothing (`{ __typename }`): answered by graphql-js behind node:http, by Apollo Server
 * alone, and by the registry subgraph: the floor on this machine and what the hub's request path adds to it.
 *
 *   npm run bench:subgraph-call -- [graphql-js|apollo-server|no-statement|registry|marketplace|traceability...]
 *                                  [--calls 3000] [--connections 1,10]
 */

interface Call {
  query: string;
  variables: (pick: Picks) => Record<string, unknown>;
  /** A subgraph, or a floor server (bench/floor-server.ts). */
  answeredBy: { subgraph: string } | { floor: FloorKind };
}

const NO_STATEMENT = { query: '{ __typename }', variables: () => ({}) };

const CALLS: Record<string, Call> = {
  // The floor: a call that reads nothing, answered by graphql-js alone, by Apollo Server alone, by a subgraph.
  'graphql-js': { ...NO_STATEMENT, answeredBy: { floor: 'graphql-js' } },
  'apollo-server': { ...NO_STATEMENT, answeredBy: { floor: 'apollo-server' } },
  'no-statement': { ...NO_STATEMENT, answeredBy: { subgraph: 'registry' } },
  registry: {
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { id displayName kind commune { code name province { code name } } } } }',
    variables: (pick) => ({ r: [{ __typename: 'Household', id: pick.household }] }),
    answeredBy: { subgraph: 'registry' },
  },
  marketplace: {
    query:
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { shops { id platform listings { id title sales { orderCount ' +
      'quantityKg valueVnd byProvince { province { code name } quantityKg } byCountry { country quantityKg } } } } } } }',
    variables: (pick) => ({ r: [{ __typename: 'Household', id: pick.household }] }),
    answeredBy: { subgraph: 'marketplace' },
  },
  traceability: {
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Listing { lots { lotNumber harvestedAt events { bizStep eventTime } } } } }',
    variables: (pick) => ({ r: pick.listings.map((id) => ({ __typename: 'Listing', id })) }),
    answeredBy: { subgraph: 'traceability' },
  },
};

interface Picks {
  /** The household with the most listings. */
  household: string;
  /** The five listings with the most lots. */
  listings: string[];
}

const WARMUP_CALLS = 300;
const PORT = 4291;
const SERVER_URL = `http://127.0.0.1:${PORT}/graphql`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number) => {
    const at = args.indexOf(name);
    const value = at >= 0 ? Number(args[at + 1]) : fallback;
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} needs a whole number above 0.`);
    return value;
  };
  const calls = option('--calls', 3000);
  const connectionsAt = args.indexOf('--connections');
  // One at a time and ten at a time unless told (`--connections 1` alone, to profile that case by itself).
  const connectionCounts = connectionsAt >= 0 ? String(args[connectionsAt + 1]).split(',').map(Number) : [1, 10];
  if (!connectionCounts.every((count) => Number.isInteger(count) && count >= 1)) throw new Error('--connections needs whole numbers above 0, separated by commas (1,10).');
  const named = args.filter((arg, index) => !arg.startsWith('--') && !args[index - 1]?.startsWith('--'));
  const unknown = named.filter((name) => !CALLS[name]);
  if (unknown.length) throw new Error(`No call for ${unknown.join(', ')}: choose among ${Object.keys(CALLS).join(', ')}.`);
  const chosen = named.length ? named : Object.keys(CALLS);

  const root = repoRoot();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-subgraph-call-'));
  // As root, the embedded PostgreSQL runs as another user, who must be able to enter its folder.
  fs.chmodSync(dataDir, 0o755);
  const database = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: Number(process.env.DATABASE_PORT ?? 54341) });
  const results: { call: string; answeredBy: string; connections: number; calls: number; cpuMsPerCall: number; callsPerSecond: number }[] = [];
  try {
    for (const name of chosen) {
      const call = CALLS[name];
      const { answeredBy } = call;
      const server =
        'floor' in answeredBy
          ? await startFloorServer({ kind: answeredBy.floor, port: PORT, logDir: dataDir })
          : await startSubgraphProcess({ subgraphs: [{ name: answeredBy.subgraph, port: PORT }], databaseUrl: database.url, logDir: dataDir, demoData: true });
      try {
        const body = JSON.stringify({ query: call.query, variables: call.variables(await picks(database.url)) });
        await callMany(SERVER_URL, body, WARMUP_CALLS, 1);
        for (const connections of connectionCounts) {
          const cpuBefore = server.cpuSeconds() ?? NaN;
          const started = process.hrtime.bigint();
          await callMany(SERVER_URL, body, calls, connections);
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const cpuMsPerCall = (((server.cpuSeconds() ?? NaN) - cpuBefore) * 1000) / calls;
          results.push({ call: name, answeredBy: 'floor' in answeredBy ? `floor server, ${answeredBy.floor}` : answeredBy.subgraph, connections, calls, cpuMsPerCall: Math.round(cpuMsPerCall * 1000) / 1000, callsPerSecond: Math.round(calls / seconds) });
          console.log(`${name}, ${connections} at a time: ${cpuMsPerCall.toFixed(3)} ms of CPU a call, ${Math.round(calls / seconds)} calls/s`);
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    await database.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const file = path.join(root, 'bench', 'results', 'subgraph-call.json');
  fs.writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), machine: describeMachine(), warmupCalls: WARMUP_CALLS, results }, null, 2)}\n`);
  console.log(`written to ${path.relative(root, file)}`);
}

/** The heaviest household and listings of the demo data; a table not loaded yet (its subgraph not started) gives the demo's first household. */
async function picks(url: string): Promise<Picks> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const ids = async (sql: string) => (await client.query<{ id: string }>(sql).catch(() => ({ rows: [] as { id: string }[] }))).rows.map((row) => row.id);
  try {
    const [household] = await ids('select household_id as id from marketplace.listing where household_id is not null group by 1 order by count(*) desc, 1 limit 1');
    const listings = await ids('select listing_id as id from traceability.lot where listing_id is not null group by 1 order by count(*) desc, 1 limit 5');
    return { household: household ?? 'HH-07582-00001', listings };
  } finally {
    await client.end();
  }
}

/** `total` calls from `connections` callers, each waiting for its answer; any error or GraphQL error stops the run. */
async function callMany(url: string, body: string, total: number, connections: number): Promise<void> {
  let left = total;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (left-- > 0) {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const answer = (await response.json()) as { errors?: unknown[] };
        if (!response.ok || answer.errors) throw new Error(`The subgraph answered ${response.status}: ${JSON.stringify(answer.errors ?? answer)}`);
      }
    }),
  );
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
