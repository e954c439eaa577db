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

/**
 * Writes all `rows` in one statement: they travel as a single JSON parameter that `json_to_recordset` turns back
 * into typed columns, so neither the ORM (an entity per row) nor bind parameters (one per value) cost anything
 * per row. For reference tables of a few thousand rows rewritten at start. With `upsertOn`, rows whose key is
 * already there are updated in place. Rows carry entity property names; every row must have the same ones.
 */
export async function writeRowsAsJson<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  rows: Partial<Record<keyof T & string, unknown>>[],
  { upsertOn }: { upsertOn?: (keyof T & string)[] } = {},
): Promise<void> {
  if (!rows.length) return;
  const meta = em.getMetadata(entity);
  const properties = meta.properties as Record<string, { fieldNames?: string[]; columnTypes: string[] }>;
  const columns = Object.keys(rows[0]).map((name) => {
    const prop = properties[name];
    if (!prop?.fieldNames || prop.fieldNames.length !== 1) throw new Error(`${meta.className}.${name} is not a single column`);
    return { name, column: prop.fieldNames[0], type: prop.columnTypes[0] };
  });
  const quoted = (column: string) => `"${column}"`;
  const payload = JSON.stringify(rows.map((row) => Object.fromEntries(columns.map(({ name, column }) => [column, row[name as keyof T & string] ?? null]))));
  const columnList = columns.map(({ column }) => quoted(column)).join(', ');
  let sql =
    `insert into "${em.config.get('schema')}"."${meta.tableName}" (${columnList}) ` +
    `select ${columnList} from json_to_recordset(?::json) as row(${columns.map(({ column, type }) => `${quoted(column)} ${type}`).join(', ')})`;
  if (upsertOn?.length) {
    const keys = upsertOn.map((name) => properties[name].fieldNames![0]);
    const updates = columns.filter(({ column }) => !keys.includes(column)).map(({ column }) => `${quoted(column)} = excluded.${quoted(column)}`);
    sql += ` on conflict (${keys.map(quoted).join(', ')}) do ${updates.length ? `update set ${updates.join(', ')}` : 'nothing'}`;
  }
  await em.execute(sql, [payload]);
}
