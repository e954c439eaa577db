// Decorator metadata before any entity or GraphQL type is loaded (the indicator types load before MikroORM's provider would).
import 'reflect-metadata';
// Before MikroORM loads: its async-local stores released while no write runs (see the module).
import { warnIfOrmStoresStayHooked } from '../platform/database/orm-async-context';
import { defaultDatabase, ownSubgraphDatabaseUrl, redact, subgraphDatabaseUrl } from '../platform/database/default-database';
import { startTracing, stopTracing } from '../platform/observability';
import { hostFromEnv, portVariable, subgraphPortVariable } from '../platform/server/listen-address';
import type { SubgraphDefinition } from '../platform/subgraph';
import { subgraphByName } from '../subgraphs';
import { startSubgraphsInProcess } from './subgraphs-in-process';

const USAGE = 'Usage: npm run subgraph -- <registry|statistics|marketplace|traceability> [more names: several in one process]';

/**
 * `npm run subgraph -- <name>`: one subgraph on its own, as a separate agency would run it, on
 * `<NAME>_DATABASE_URL`, `DATABASE_URL` or the embedded PostgreSQL; it listens on HOST (default 127.0.0.1) and PORT
 * (default: the subgraph's own port).
 *
 * `npm run subgraph -- registry marketplace ...`: several subgraphs in one process, each on its own port
 * (`<NAME>_PORT`, default its own) and still called over HTTP: less CPU on a small machine (docs/performance.md).
 */
async function main(): Promise<void> {
  warnIfOrmStoresStayHooked();
  const names = process.argv.slice(2);
  if (names.length === 0) throw new Error(USAGE);
  if (new Set(names).size !== names.length) throw new Error(`A subgraph is named twice in "${names.join(' ')}". ${USAGE}`);
  const subgraphs = names.map((name) => subgraphByName(name));
  if (subgraphs.length > 1 && process.env.PORT) {
    throw new Error(`PORT gives one port, and ${names.length} subgraphs are asked for: give each its own with ${names.map(subgraphPortVariable).join(', ')}.`);
  }
  const host = hostFromEnv();
  startTracing(names.length === 1 ? `nongsan-${names[0]}` : 'nongsan-subgraphs');
  const needsDefault = names.some((name) => !ownSubgraphDatabaseUrl(name));
  const { url, embedded } = needsDefault ? await defaultDatabase((line) => console.log(line)) : { url: '', embedded: undefined };
  for (const name of names) console.log(`${name}: database ${redact(subgraphDatabaseUrl(name, url))}`);
  const port = (subgraph: SubgraphDefinition) =>
    subgraphs.length === 1 ? portVariable('PORT', subgraph.defaultPort) : portVariable(subgraphPortVariable(subgraph.name), subgraph.defaultPort);
  const running = await startSubgraphsInProcess(subgraphs, {
    databaseUrl: url,
    port,
    host,
    loadDemoData: process.env.DEMO_DATA !== '0',
    log: (line) => console.log(line),
    started: (subgraph) => console.log(`${subgraph.name} subgraph ready at ${subgraph.url}`),
  });
  const shutdown = async (signal: NodeJS.Signals) => {
    console.log(`${signal}: ${names.join(', ')} stop${names.length === 1 ? 's' : ''} taking requests and finish${names.length === 1 ? 'es' : ''} those in flight…`);
    await Promise.all(running.map((subgraph) => subgraph.stop()));
    // Stops the embedded PostgreSQL only if this process started it and nobody else uses it.
    await embedded?.stop();
    await stopTracing();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
