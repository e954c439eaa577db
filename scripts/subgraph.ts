// Decorator metadata before any entity or GraphQL type is loaded (the indicator types load before MikroORM's provider would).
import 'reflect-metadata';
// Before MikroORM loads: its async-local stores released while no write runs (see the module).
import { warnIfOrmStoresStayHooked } from '../platform/database/orm-async-context';
import { defaultDatabase, redact, subgraphDatabaseUrl } from '../platform/database/default-database';
import { startTracing, stopTracing } from '../platform/observability';
import { hostFromEnv, portVariable } from '../platform/server/listen-address';
import { startPreparedSubgraph } from '../platform/server/subgraph-server';
import { subgraphByName, subgraphPeers } from '../subgraphs';
import { demoLoaderFor } from '../demo/loaders';

/**
 * `npm run subgraph -- <name>`: one subgraph on its own, as a separate agency would run it, on
 * `<NAME>_DATABASE_URL`, `DATABASE_URL` or the embedded PostgreSQL; it listens on HOST (default 127.0.0.1) and PORT
 * (default: the subgraph's own port).
 */
async function main(): Promise<void> {
  warnIfOrmStoresStayHooked();
  const name = process.argv[2];
  if (!name) throw new Error('Usage: npm run subgraph -- <registry|statistics|marketplace|traceability>');
  const subgraph = subgraphByName(name);
  const host = hostFromEnv();
  const port = portVariable('PORT', subgraph.defaultPort);
  startTracing(`nongsan-${name}`);
  const own = process.env[`${name.toUpperCase()}_DATABASE_URL`];
  const { url, embedded } = own ? { url: own, embedded: undefined } : await defaultDatabase((line) => console.log(line));
  const databaseUrl = subgraphDatabaseUrl(name, url);
  console.log(`${name}: database ${redact(databaseUrl)}`);
  const running = await startPreparedSubgraph(subgraph, databaseUrl, {
    port,
    host,
    loadDemoData: demoLoaderFor(name, process.env.DEMO_DATA !== '0'),
    log: (line) => console.log(line),
    peers: subgraphPeers(),
  });
  console.log(`${name} subgraph ready at ${running.url}`);
  const shutdown = async (signal: NodeJS.Signals) => {
    console.log(`${signal}: ${name} stops taking requests and finishes those in flight…`);
    await running.stop();
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
