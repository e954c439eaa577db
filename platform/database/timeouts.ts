import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * How long a subgraph waits for its PostgreSQL while serving requests. Without limits a frozen or overloaded
 * database made every request hang with no error; with them the request fails fast with DATABASE_TIMEOUT, naming
 * the subgraph and which limit ran out, and the gateway still answers the other subgraphs' fields.
 * Imports run from the command line and migrations are not limited: they legitimately run long statements.
 */
export interface DatabaseTimeouts {
  /** PostgreSQL's `statement_timeout`: the server cancels a statement running longer. */
  statementMs: number;
  /** Waiting for a free connection from the pool, and for a new connection to be opened. */
  acquireMs: number;
  /**
   * The client's own limit on an answer (pg's `query_timeout`), for a server that cannot cancel anything because it
   * is frozen or unreachable; a little longer than the statement timeout so that PostgreSQL's own cancel, which
   * names the statement, comes first.
   */
  readMs: number;
  /**
   * How long an unused pooled connection stays open. Knex's 30 s closed them in every quiet minute, and on the demo
   * data the requests after one cost the subgraphs up to a third more CPU (docs/performance.md, "The pool across quiet
   * minutes", which also says what it does not explain).
   */
  poolIdleMs: number;
}

export const TIMEOUT_VARIABLES = {
  statementMs: 'DATABASE_STATEMENT_TIMEOUT_MS',
  acquireMs: 'DATABASE_ACQUIRE_TIMEOUT_MS',
  poolIdleMs: 'DATABASE_POOL_IDLE_MS',
} as const;

const DEFAULT_STATEMENT_MS = 10_000;
const DEFAULT_ACQUIRE_MS = 5_000;
const READ_GRACE_MS = 2_000;
const DEFAULT_POOL_IDLE_MS = 600_000;

export function databaseTimeoutsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTimeouts {
  const statementMs = millisecondsFromEnv(env, TIMEOUT_VARIABLES.statementMs, DEFAULT_STATEMENT_MS);
  return {
    statementMs,
    acquireMs: millisecondsFromEnv(env, TIMEOUT_VARIABLES.acquireMs, DEFAULT_ACQUIRE_MS),
    readMs: statementMs + READ_GRACE_MS,
    poolIdleMs: millisecondsFromEnv(env, TIMEOUT_VARIABLES.poolIdleMs, DEFAULT_POOL_IDLE_MS),
  };
}

/** A positive whole number of milliseconds from the environment, or the default; anything else stops the start. */
export function millisecondsFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number of milliseconds, not "${env[name]}".`);
  return value;
}

/** The knex/pg settings (MikroORM `driverOptions` and `pool`) that apply the timeouts. */
export function timeoutDriverOptions(timeouts: DatabaseTimeouts) {
  return {
    driverOptions: {
      acquireConnectionTimeout: timeouts.acquireMs,
      connection: {
        statement_timeout: timeouts.statementMs,
        query_timeout: timeouts.readMs,
        connectionTimeoutMillis: timeouts.acquireMs,
      },
      pool: {
        idleTimeoutMillis: timeouts.poolIdleMs,
        // A connection whose answer never came still has that statement in flight: pg would queue the next one behind
        // it for ever. It is closed and never handed out again; the pool opens a fresh one.
        afterCreate: (connection: PgClientLike, done: (error: Error | null, connection: unknown) => void) => {
          discardOnReadTimeout(connection);
          done(null, connection);
        },
        validate: (connection: PgClientLike) => !connection[READ_TIMED_OUT],
      },
    },
  };
}

const READ_TIMED_OUT = Symbol('read timed out');

interface PgClientLike {
  query: (...args: unknown[]) => unknown;
  connection?: { stream?: { destroy(): void } };
  [READ_TIMED_OUT]?: boolean;
}

function discardOnReadTimeout(client: PgClientLike): void {
  const query = client.query.bind(client);
  client.query = (...args: unknown[]) => {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (error: Error | null, ...rest: unknown[]) => {
        if (error && isReadTimeout(error)) {
          // Marked before the pool gets it back: the socket's close event comes only later.
          client[READ_TIMED_OUT] = true;
          client.connection?.stream?.destroy();
        }
        return (callback as (...values: unknown[]) => unknown)(error, ...rest);
      };
    }
    return query(...args);
  };
}

type TimeoutKind = 'statement' | 'acquire' | 'read';

function timeoutKind(error: unknown): TimeoutKind | undefined {
  for (let current = error as (Error & { code?: string; cause?: unknown; originalError?: unknown }) | undefined, depth = 0; current && depth < 5; depth++) {
    // 57014 query_canceled: PostgreSQL's statement_timeout (a cancel by hand has the same code and rarely happens).
    if (current.code === '57014') return 'statement';
    if (current.name === 'KnexTimeoutError' || /^Knex: Timeout acquiring a connection/.test(current.message ?? '')) return 'acquire';
    if (/timeout expired|connection timeout/i.test(current.message ?? '')) return 'acquire';
    if (isReadTimeout(current)) return 'read';
    current = (current.originalError ?? current.cause) as typeof current;
  }
  return undefined;
}

/** pg's own words; MikroORM puts the SQL text in front of them. */
function isReadTimeout(error: Error): boolean {
  return /(^| - )Query read timeout$/.test(error.message ?? '');
}

/**
 * The error a client sees when the subgraph's database timed out: code DATABASE_TIMEOUT, the subgraph, which limit
 * and its setting, instead of the driver's text (which may carry SQL). `undefined` when the error is something else.
 */
export function databaseTimeoutError(
  error: unknown,
  formatted: GraphQLFormattedError,
  subgraphName: string,
  timeouts: DatabaseTimeouts,
): GraphQLFormattedError | undefined {
  const kind = timeoutKind(error);
  if (!kind) return undefined;
  const what = {
    statement: `a statement ran longer than ${timeouts.statementMs} ms (${TIMEOUT_VARIABLES.statementMs})`,
    acquire: `no database connection was free or could be opened within ${timeouts.acquireMs} ms (${TIMEOUT_VARIABLES.acquireMs})`,
    read: `PostgreSQL did not answer within ${timeouts.readMs} ms (${TIMEOUT_VARIABLES.statementMs} plus ${READ_GRACE_MS} ms)`,
  }[kind];
  const shown = new GraphQLError(`The ${subgraphName} subgraph's database timed out: ${what}. Try again later.`, {
    path: formatted.path,
    extensions: { code: 'DATABASE_TIMEOUT', serviceName: subgraphName, timeout: kind },
  });
  return shown.toJSON();
}
