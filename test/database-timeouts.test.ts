import type { GraphQLFormattedError } from 'graphql';
import { openSubgraphDatabase, type SubgraphDatabase } from '../platform/database/orm';
import { databaseTimeoutError, databaseTimeoutsFromEnv, type DatabaseTimeouts } from '../platform/database/timeouts';
import { subgraphByName } from '../subgraphs';
import { hub } from './support/hub';
import { pausableProxy } from './support/pausable-proxy';

/*
 * The three database limits of a serving subgraph, each against a real PostgreSQL: what runs out, how fast, and the
 * error a client is shown (platform/database/timeouts.ts).
 */

const TIMEOUTS: DatabaseTimeouts = { statementMs: 300, acquireMs: 300, readMs: 800, poolIdleMs: 600_000 };
const AT: GraphQLFormattedError = { message: 'original', path: ['household', 'shops'] };

async function opened(url: string, poolSize?: number, timeouts = TIMEOUTS): Promise<SubgraphDatabase> {
  const previous = process.env.DATABASE_POOL_SIZE;
  if (poolSize) process.env.DATABASE_POOL_SIZE = String(poolSize);
  try {
    return await openSubgraphDatabase(subgraphByName('marketplace'), url, { migrate: false, timeouts });
  } finally {
    if (previous === undefined) delete process.env.DATABASE_POOL_SIZE;
    else process.env.DATABASE_POOL_SIZE = previous;
  }
}

const sql = (database: SubgraphDatabase, statement: string) => database.orm.em.fork().getConnection().execute(statement);

/** Runs `work`, expecting it to fail; the failure and how long it took. */
async function failure(work: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  const error = await work().then(() => new Error('it did not fail'), (caught: unknown) => caught);
  return { error, ms: Date.now() - started };
}

describe('a serving subgraph\'s database limits', () => {
  it('cancels a statement running past the statement timeout, and names it', async () => {
    const database = await opened(hub().databaseUrl);
    try {
      const { error, ms } = await failure(() => sql(database, 'select pg_sleep(5)'));
      expect(ms).toBeLessThan(2000);
      expect(databaseTimeoutError(error, AT, 'marketplace', TIMEOUTS)).toEqual({
        message: "The marketplace subgraph's database timed out: a statement ran longer than 300 ms (DATABASE_STATEMENT_TIMEOUT_MS). Try again later.",
        path: ['household', 'shops'],
        extensions: { code: 'DATABASE_TIMEOUT', serviceName: 'marketplace', timeout: 'statement' },
      });
      expect(await sql(database, 'select 1 as one')).toEqual([{ one: 1 }]);
    } finally {
      await database.close();
    }
  });

  it('gives up waiting for a connection when the pool is busy', async () => {
    const database = await opened(hub().databaseUrl, 1, { ...TIMEOUTS, statementMs: 5000, readMs: 6000 });
    try {
      // Holds the only connection longer than the acquire timeout.
      const holding = sql(database, 'select pg_sleep(1)');
      const { error, ms } = await failure(() => sql(database, 'select 1'));
      await holding;
      // it gave up at its own limit, well before the connection came free
      expect(ms).toBeLessThan(900);
      expect(databaseTimeoutError(error, AT, 'marketplace', TIMEOUTS)?.message).toBe(
        "The marketplace subgraph's database timed out: no database connection was free or could be opened within 300 ms (DATABASE_ACQUIRE_TIMEOUT_MS). Try again later.",
      );
    } finally {
      await database.close();
    }
  });

  it('stops waiting on a PostgreSQL that does not answer at all, and uses a fresh connection once it does', async () => {
    const proxy = await pausableProxy(hub().databaseUrl);
    const database = await opened(proxy.url);
    try {
      expect(await sql(database, 'select 1 as one')).toEqual([{ one: 1 }]);
      proxy.pause();
      const { error, ms } = await failure(() => sql(database, 'select 2'));
      expect(ms).toBeLessThan(2000);
      expect(databaseTimeoutError(error, AT, 'marketplace', TIMEOUTS)?.extensions).toEqual({ code: 'DATABASE_TIMEOUT', serviceName: 'marketplace', timeout: 'read' });
      proxy.resume();
      const started = Date.now();
      expect(await sql(database, 'select 3 as three')).toEqual([{ three: 3 }]);
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      proxy.resume();
      await database.close();
      await proxy.close();
    }
  });

  it('keeps an unused connection open for DATABASE_POOL_IDLE_MS, then closes it', async () => {
    const openConnections = (database: SubgraphDatabase) => {
      const pool = (database.orm.em.getConnection().getKnex().client as { pool: { numFree(): number; numUsed(): number } }).pool;
      return pool.numFree() + pool.numUsed();
    };
    const keeping = await opened(hub().databaseUrl);
    const closing = await opened(hub().databaseUrl, undefined, { ...TIMEOUTS, poolIdleMs: 200 });
    try {
      await Promise.all([sql(keeping, 'select 1'), sql(closing, 'select 1')]);
      expect([openConnections(keeping), openConnections(closing)]).toEqual([1, 1]);
      // the pool looks for idle connections once a second
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect([openConnections(keeping), openConnections(closing)]).toEqual([1, 0]);
    } finally {
      await Promise.all([keeping.close(), closing.close()]);
    }
  });

  it('leaves other errors alone', () => {
    expect(databaseTimeoutError(new Error('duplicate key value violates unique constraint'), AT, 'marketplace', TIMEOUTS)).toBeUndefined();
  });

  it('reads its settings from the environment, refusing what is not a number of milliseconds', () => {
    expect(databaseTimeoutsFromEnv({})).toEqual({ statementMs: 10_000, acquireMs: 5_000, readMs: 12_000, poolIdleMs: 600_000 });
    expect(databaseTimeoutsFromEnv({ DATABASE_STATEMENT_TIMEOUT_MS: '1500', DATABASE_ACQUIRE_TIMEOUT_MS: '200', DATABASE_POOL_IDLE_MS: '30000' })).toEqual({
      statementMs: 1500,
      acquireMs: 200,
      readMs: 3500,
      poolIdleMs: 30_000,
    });
    expect(() => databaseTimeoutsFromEnv({ DATABASE_STATEMENT_TIMEOUT_MS: '10s' })).toThrow(
      'DATABASE_STATEMENT_TIMEOUT_MS must be a positive whole number of milliseconds, not "10s".',
    );
  });
});
