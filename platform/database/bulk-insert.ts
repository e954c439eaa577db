import type { EntityClass, RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/** PostgreSQL's limit on the bind parameters of one statement. */
export const MAX_BIND_PARAMETERS = 65_535;

/** Rows per INSERT for narrow tables too, so that no single statement grows huge. */
const MAX_ROWS_PER_INSERT = 2000;

/**
 * `em.insertMany` in chunks, so that one INSERT stays under PostgreSQL's 65,535 bind parameters however many
 * rows there are: 2,000 rows per statement, fewer for a table so wide that 2,000 rows would pass the bound.
 */
export async function insertInBatches<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  rows: RequiredEntityData<T>[],
): Promise<void> {
  const rowsPerInsert = Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_BIND_PARAMETERS / columnCount(em, entity)));
  for (let start = 0; start < rows.length; start += rowsPerInsert) {
    await em.insertMany(entity, rows.slice(start, start + rowsPerInsert));
  }
}

/** Columns an INSERT of the entity can bind, one parameter each per row. */
function columnCount(em: EntityManager, entity: EntityClass<object>): number {
  const columns = em
    .getMetadata(entity)
    .props.filter((prop) => prop.persist !== false)
    .reduce((count, prop) => count + (prop.fieldNames?.length ?? 0), 0);
  return Math.max(columns, 1);
}
