import type { Knex } from '@mikro-orm/knex';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { SQL_BUCKETS } from './metrics';
import { SpanKind, SpanStatusCode, tracer, tracingOn } from './tracing';

interface QueryEvent {
  __knexQueryUid: string;
  sql: string;
  method?: string;
}

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

/**
 * Watches one subgraph's SQL: a counter of statements (`nongsan_sql_statements_total`, which the tests read to prove
 * queries are batched), their time, the connection pool, and a span per statement under the GraphQL request that
 * caused it. Spans carry the statement's shape, never its values (see withoutLiterals).
 */
export function observeSql(knex: Knex, subgraph: string, registry: Registry): void {
  const statements = new Counter({
    name: 'nongsan_sql_statements_total',
    help: 'SQL statements sent to PostgreSQL.',
    labelNames: ['subgraph'],
    registers: [registry],
  }).labels(subgraph);
  const seconds = new Histogram({
    name: 'nongsan_sql_duration_seconds',
    help: 'Time from sending an SQL statement to its answer, by outcome.',
    labelNames: ['subgraph', 'outcome'],
    buckets: SQL_BUCKETS,
    registers: [registry],
  });
  const pool = () => (knex.client as { pool?: TarnPool }).pool;
  new Gauge({
    name: 'nongsan_db_pool_connections',
    help: 'Connections of the subgraph pool, by state (used, free, waiting: requests waiting for a connection).',
    labelNames: ['subgraph', 'state'],
    registers: [registry],
    collect() {
      const current = pool();
      this.set({ subgraph, state: 'used' }, current?.numUsed() ?? 0);
      this.set({ subgraph, state: 'free' }, current?.numFree() ?? 0);
      this.set({ subgraph, state: 'waiting' }, current?.numPendingAcquires() ?? 0);
    },
  });

  const started = new Map<string, { at: bigint; span?: ReturnType<ReturnType<typeof tracer>['startSpan']> }>();
  const finish = (query: QueryEvent, outcome: 'ok' | 'error', error?: Error) => {
    const entry = started.get(query.__knexQueryUid);
    if (!entry) return;
    started.delete(query.__knexQueryUid);
    seconds.labels(subgraph, outcome).observe(Number(process.hrtime.bigint() - entry.at) / 1e9);
    if (entry.span) {
      if (error) entry.span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
      entry.span.end();
    }
  };
  knex.on('query', (query: QueryEvent) => {
    statements.inc();
    const span = tracingOn()
      ? tracer().startSpan(`${statementKind(query)} ${subgraph}`, {
          kind: SpanKind.CLIENT,
          attributes: { 'db.system': 'postgresql', 'db.namespace': subgraph, 'db.query.text': withoutLiterals(query.sql), 'nongsan.service': subgraph },
        })
      : undefined;
    started.set(query.__knexQueryUid, { at: process.hrtime.bigint(), span });
  });
  knex.on('query-response', (_response: unknown, query: QueryEvent) => finish(query, 'ok'));
  knex.on('query-error', (error: Error, query: QueryEvent) => finish(query, 'error', error));
}

/** SELECT, INSERT...: knex's method, or for a raw statement (the loaders' prepared reads) its first word. */
function statementKind(query: QueryEvent): string {
  if (query.method && query.method !== 'raw') return query.method.toUpperCase();
  return /^\s*([A-Za-z]+)/.exec(query.sql)?.[1]?.toUpperCase() ?? 'SQL';
}

/**
 * The statement with every literal replaced by `?`. MikroORM inlines values (ids, names, phone numbers) into the SQL it
 * sends, so the text as sent could carry personal data into a tracing backend.
 */
export function withoutLiterals(sql: string): string {
  return sql
    .replace(/(?:\b[Ee])?'(?:[^']|'')*'/g, '?')
    .replace(/\$\w*\$[\s\S]*?\$\w*\$/g, '?')
    .replace(/(?<![\w".])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b/g, '?');
}
