import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/**
 * The given properties of the rows whose `key` is one of `values`, in one statement however many values there are
 * (`= any(array)` binds one parameter, where `IN (...)` would pass PostgreSQL's limit of 65,535 at scale). Rows come
 * back as the driver reads them (timestamps as text), keyed by property name; inside the caller's transaction.
 */
export async function selectWhereAny<Row>(
  em: EntityManager,
  entity: EntityClass<object>,
  fields: readonly string[],
  key: string,
  values: readonly string[],
): Promise<Row[]> {
  if (values.length === 0) return [];
  const meta = em.getMetadata(entity);
  const properties = meta.properties as Record<string, { fieldNames?: string[] } | undefined>;
  const column = (property: string) => {
    const name = properties[property]?.fieldNames?.[0];
    if (!name) throw new Error(`${meta.className} has no column for property "${property}"`);
    return name;
  };
  const knex = (em.getTransactionContext<Knex.Transaction>() ?? em.getKnex()) as Knex;
  return knex
    .withSchema(meta.schema ?? em.config.get('schema')!)
    .table(meta.tableName)
    .select(fields.map((field) => `${column(field)} as ${field}`))
    .whereRaw('?? = any(?)', [column(key), [...values]]) as Promise<Row[]>;
}
