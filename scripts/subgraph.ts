import 'reflect-metadata';
import { defaultDatabase, subgraphDatabaseUrl } from '../platform/database/default-database';
import { subgraphByName, subgraphPeers } from '../subgraphs';
import { startPreparedSubgraph } from '../platform/server/subgraph-server';
import { redact } from '../platform/database/default-database';

/**
 * `npm run subgraph -- <name>`: one subgraph on its own, as a separate agency would run it, on
 * `<NAME>_DATABASE_URL`, `DATABASE_URL` or the embedded PostgreSQL; `PORT` overrides its default port.
 */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name) throw new Error('Usage: npm run subgraph -- <registry|statistics|marketplace|traceability>');
  const subgraph = subgraphByName(name);
  const { url, embedded } = await defaultDatabase();
  const databaseUrl = subgraphDatabaseUrl(name, url);
  console.log(`${name}: database ${redact(databaseUrl)}`);
  const running = await startPreparedSubgraph(subgraph, databaseUrl, {
    port: process.env.PORT ? Number(process.env.PORT) : undefined,
    loadDemoData: process.env.DEMO_DATA !== '0',
    log: (line) => console.log(line),
    peers: subgraphPeers(),
  });
  console.log(`${name} subgraph ready at ${running.url}`);
  const shutdown = async () => {
    await running.stop();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
