import { ArrayType, type EntityClass, type EntityDictionary, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { preparedRows, quoted, tableOf } from './prepared';

/**
 * Reads by plain conditions as named prepared statements built from an entity's metadata, without MikroORM's
 * criteria processing and query builder: in the profile of a subgraph call those were a fifth of its CPU, and moving
 * the loaders' and pages' reads here took a quarter off the Journey's subgraph CPU (docs/performance.md). Anything the
 * translation does not know (relations, custom types, null values, other operators) answers null, and the caller
 * goes through em.find, so the rows and their order are always those em.find gives.
 */

export interface PlainConditions {
  /** `"column" <op> ?` for each condition, in the order given, so that one filter shape is one statement text. */
  clauses: string[];
  values: unknown[];
}

export type PlainOrder = { column: string; order: 'asc' | 'desc' }[];

const COMPARISONS: Record<string, string> = { $eq: '=', $ne: '<>', $lt: '<', $lte: '<=', $gt: '>', $gte: '>=', $overlap: '&&' };

const isPlainValue = (value: unknown): value is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof value);

/**
 * `{ status: 'ACTIVE', validFrom: { $lte: day }, productGroups: { $overlap: ['FRUIT'] } }` as SQL comparisons with
 * bound values, or null. `$ne` keeps em.find's meaning: a row whose column is null meets neither `=` nor `<>`.
 */
export function plainConditions<T extends object>(em: EntityManager, entity: EntityClass<T>, where: FilterQuery<T>): PlainConditions | null {
  const properties = em.getMetadata(entity).properties as Record<string, { fieldNames?: string[]; customType?: unknown; kind?: string }>;
  const clauses: string[] = [];
  const values: unknown[] = [];
  for (const [property, condition] of Object.entries(where as Record<string, unknown>)) {
    const meta = properties[property];
    if (!meta || meta.kind !== 'scalar' || !meta.fieldNames) return null;
    // A text[] column (its custom type is MikroORM's ArrayType) is compared by overlap only, with a list of plain values.
    const isArray = meta.customType instanceof ArrayType;
    if (meta.customType && !isArray) return null;
    const comparisons = isPlainValue(condition) ? { $eq: condition } : condition;
    if (!comparisons || typeof comparisons !== 'object' || Array.isArray(comparisons)) return null;
    for (const [operator, value] of Object.entries(comparisons)) {
      const plain = isArray
        ? operator === '$overlap' && Array.isArray(value) && value.length > 0 && value.every(isPlainValue)
        : operator !== '$overlap' && isPlainValue(value);
      if (!(operator in COMPARISONS) || !plain) return null;
      clauses.push(`${quoted(meta.fieldNames[0])} ${COMPARISONS[operator]} ?`);
      values.push(value);
    }
  }
  return { clauses, values };
}

/** `{ code: 'asc' }` as columns and directions; null for anything else (nulls first, relations). */
export function plainOrder<T extends object>(em: EntityManager, entity: EntityClass<T>, orderBy: QueryOrderMap<T>): PlainOrder | null {
  const order: PlainOrder = [];
  for (const [property, direction] of Object.entries(orderBy)) {
    const lower = typeof direction === 'string' ? direction.toLowerCase() : null;
    if ((lower !== 'asc' && lower !== 'desc') || !(property in em.getMetadata(entity).properties)) return null;
    order.push({ column: columnOf(em, entity, property), order: lower });
  }
  return order;
}

export function columnOf<T extends object>(em: EntityManager, entity: EntityClass<T>, property: string): string {
  return (em.getMetadata(entity).properties as Record<string, { fieldNames: string[] }>)[property].fieldNames[0];
}

/** `select * from <table> [where ...] [order by ...] [limit ?]`, the rows as entities (read, not managed). */
export async function selectEntities<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  { conditions, order = [], limit }: { conditions: PlainConditions; order?: PlainOrder; limit?: number },
): Promise<T[]> {
  const where = conditions.clauses.length ? ` where ${conditions.clauses.join(' and ')}` : '';
  const orderBy = order.length ? ` order by ${order.map(({ column, order: direction }) => `${quoted(column)} ${direction}`).join(', ')}` : '';
  const sql = `select * from ${tableOf(em, entity)}${where}${orderBy}${limit === undefined ? '' : ' limit ?'}`;
  const rows = await preparedRows<EntityDictionary<T>>(em.getKnex(), sql, limit === undefined ? conditions.values : [...conditions.values, limit]);
  return rows.map((row) => readEntity(em, entity, row));
}

/** `select count(*) from <table> [where ...]`. */
export async function countEntities<T extends object>(em: EntityManager, entity: EntityClass<T>, conditions: PlainConditions): Promise<number> {
  const where = conditions.clauses.length ? ` where ${conditions.clauses.join(' and ')}` : '';
  const [row] = await preparedRows<{ count: number }>(em.getKnex(), `select count(*)::int as "count" from ${tableOf(em, entity)}${where}`, conditions.values);
  return row.count;
}

/**
 * A row read as the entity `em.find` gives (its class, its properties, their values converted by MikroORM's compiled
 * hydrator), but not managed: loaders and pages only read, and every write goes through `em.find` or SQL of its own in
 * a transaction. The values are set on a plain object that then takes the entity's prototype: set on an instance,
 * each property would first run MikroORM's change-tracking setter, which defines an accessor on that instance (a
 * `defineProperty` per column per row: 41 µs a listing row with its fields read, against 5-7 µs this way; see
 * docs/performance.md).
 */
export function readEntity<T extends object>(em: EntityManager, entity: EntityClass<T>, row: EntityDictionary<T>): T {
  const meta = em.getMetadata(entity);
  const values = {} as T;
  em.config.getHydrator(em.getMetadata()).hydrate(values, meta, em.getDriver().mapResult(row, meta) as EntityDictionary<T>, em.getEntityFactory(), 'full', false, true);
  return Object.setPrototypeOf(values, meta.class.prototype) as T;
}
