import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/**
 * Named prepared statements for the loaders' fixed-shape reads. The loaders send a handful of distinct statement
 * texts (one per entity, key and ordering), keys bound as one array (`= any(?)`) so the text never depends on how
 * many keys a batch has. A named statement is parsed and planned by PostgreSQL once per connection, and its text
 * is built once per process instead of by knex's query builder on every call (docs/performance.md).
 *
 * They are sent on a connection of knex's pool without knex's query runner (its raw builder, runner and response
 * processing were a twentieth of a subgraph call's CPU), and announced with knex's own `query`, `query-response`
 * and `query-error` events, so the statement counters, SQL spans and the pool's timeouts see them as any other.
 */

interface Statement {
  /** undefined past MAX_NAMED: the statement then runs unnamed, as any other. */
  name?: string;
  /** The text with PostgreSQL's `$1, $2...` for knex's `?`, converted once. */
  text: string;
}

/** Statements by their text with `?` placeholders. Bounded: texts past the bound (never expected) are not kept. */
const statements = new Map<string, Statement>();
const MAX_NAMED = 500;

interface PooledConnection {
  __knexUid?: string;
  query(config: { name?: string; text: string; values: readonly unknown[] }, callback: (error: Error | null, result: { rows: unknown[] }) => void): void;
}

/** The parts of knex's client this module uses: its pool, its placeholder conversion and its events. */
interface KnexClient {
  acquireConnection(): Promise<PooledConnection>;
  releaseConnection(connection: PooledConnection): Promise<void>;
  positionBindings(sql: string): string;
  emit(event: string, ...args: unknown[]): boolean;
}

function statementFor(client: KnexClient, sql: string): Statement {
  let statement = statements.get(sql);
  if (statement === undefined) {
    statement = { name: statements.size < MAX_NAMED ? `nongsan_${statements.size + 1}` : undefined, text: client.positionBindings(sql) };
    if (statement.name) statements.set(sql, statement);
  }
  return statement;
}

/** Statement texts by shape, each built once per process; shapes are few and fixed by the code (never by values). */
const texts = new Map<string, string>();

/** The text of a statement whose `shape` names everything it depends on (schema first), built by `build` once. */
export function statementText(shape: string, build: () => string): string {
  let text = texts.get(shape);
  if (text === undefined) {
    text = build();
    texts.set(shape, text);
  }
  return text;
}

let sequence = 0;

/** Runs `sql` (knex `?` placeholders, no `??`) as a named prepared statement; its rows as the driver reads them. */
export async function preparedRows<Row>(knex: Knex, sql: string, bindings: readonly unknown[]): Promise<Row[]> {
  const client = knex.client as unknown as KnexClient;
  const { name, text } = statementFor(client, sql);
  const connection = await client.acquireConnection();
  // The shape of knex's own event (the SQL observer keys a statement's span by __knexQueryUid).
  const event = { __knexUid: connection.__knexUid, __knexQueryUid: `prepared-${++sequence}`, method: 'raw', sql: text, bindings, options: { name } };
  try {
    client.emit('query', event);
    const result = await new Promise<{ rows: unknown[] }>((resolve, reject) =>
      connection.query({ name, text, values: bindings }, (error, answer) => (error ? reject(error) : resolve(answer))),
    );
    client.emit('query-response', result, event);
    return result.rows as Row[];
  } catch (error) {
    // As knex reports it: the statement's text first (no values: they may be personal data).
    if (error instanceof Error) error.message = `${text} - ${error.message}`;
    client.emit('query-error', error, event);
    throw error;
  } finally {
    await client.releaseConnection(connection);
  }
}

/** A built select run as a named prepared statement: its text must not depend on the number of keys (`= any(?)`). */
export function preparedSelect<Row>(knex: Knex, query: Knex.QueryBuilder): Promise<Row[]> {
  const { sql, bindings } = query.toSQL();
  return preparedRows<Row>(knex, sql, bindings);
}

/** A PostgreSQL identifier, quoted. */
export function quoted(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** `"schema"."table"` of an entity, in the subgraph's own schema. */
export function tableOf(em: EntityManager, entity: EntityClass<object>): string {
  return `${quoted(em.config.get('schema')!)}.${quoted(em.getMetadata(entity).tableName)}`;
}
