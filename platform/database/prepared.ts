import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/**
 * Named prepared statements for the loaders' fixed-shape reads. The loaders send a handful of distinct statement
 * texts (one per entity, key and ordering), keys bound as one array (`= any(?)`) so the text never depends on how
 * many keys a batch has. A named statement is parsed and planned by PostgreSQL once per connection, and its text
 * is built once per process instead of by knex's query builder on every call (docs/benchmark.md). They still run
 * through knex, so the statement counters, SQL spans, pool and timeouts see them as before.
 */

/** Statement names by text. Bounded: texts past the bound (never expected) run unnamed, as any other statement. */
const names = new Map<string, string>();
const MAX_NAMED = 500;

export function statementName(sql: string): string | undefined {
  let name = names.get(sql);
  if (name === undefined && names.size < MAX_NAMED) {
    name = `nongsan_${names.size + 1}`;
    names.set(sql, name);
  }
  return name;
}

/** Runs `sql` (knex `?` placeholders) as a named prepared statement; its rows as the driver reads them. */
export async function preparedRows<Row>(knex: Knex, sql: string, bindings: readonly unknown[]): Promise<Row[]> {
  const name = statementName(sql);
  const raw = knex.raw(sql, bindings as Knex.RawBinding[]);
  const result: { rows: Row[] } = await (name ? raw.options({ name }) : raw);
  return result.rows;
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
