// Loaded first, as in the service entry points (scripts/subgraph.ts, scripts/start.ts).
import { ormStoresReleasedWhenIdle } from '../../platform/database/orm-async-context';
import { executionAsyncId } from 'node:async_hooks';
import { TransactionContext } from '@mikro-orm/core';
import { startPreparedSubgraph } from '../../platform/server/subgraph-server';
import { subgraphByName } from '../../subgraphs';
import type { HubEnvironment } from './hub';

/** With async hooks on, the code after each await runs under an async id of its own; with them off, under 0. */
async function promisesHooked(): Promise<boolean> {
  await null;
  return executionAsyncId() !== 0;
}

/**
 * A registry subgraph of its own on the test hub's database, started as a service starts (it writes its places
 * reference in a transaction), two transactions with a flush each at the same time, then a GraphQL request over HTTP:
 * prints whether async hooks were on at each step, and whether each transaction saw its own EntityManager. In a
 * process of its own: jest's earlier test files may leave other stores running in its process.
 */
async function main(): Promise<void> {
  const hub = JSON.parse(process.env.NONGSAN_TEST_HUB!) as HubEnvironment;
  const beforeStart = await promisesHooked();
  const registry = await startPreparedSubgraph(subgraphByName('registry'), hub.databaseUrl, { port: 0, log: () => {} });
  const database = registry.database;
  try {
    const afterStart = await promisesHooked();
    const writes = await Promise.all(
      [1, 2].map((turn) =>
        database.orm.em.fork().transactional(async (tx) => {
          await tx.getConnection().execute(`select pg_sleep(${turn / 20})`);
          await tx.flush();
          return { ownEntityManager: TransactionContext.getEntityManager(tx.name) === tx, hooked: await promisesHooked() };
        }),
      ),
    );
    const afterWrites = await promisesHooked();
    const response = await fetch(registry.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'hooks-test-1' },
      body: JSON.stringify({ query: '{ province(code: "20") { name } }' }),
    });
    const answer = await response.json();
    const afterRequest = await promisesHooked();
    process.stdout.write(`${JSON.stringify({ ormStoresReleasedWhenIdle, beforeStart, afterStart, writes, afterWrites, answer, afterRequest })}\n`);
  } finally {
    await registry.stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
