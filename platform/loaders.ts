import type { EntityClass, EntityDictionary, FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { preparedRows, preparedSelect, quoted, statementText, tableOf } from './database/prepared';
import { columnOf, readEntity, plainConditions, plainOrder, selectEntities, type PlainConditions, type PlainOrder } from './database/plain-select';

/**
 * Per-request DataLoaders: every field that would otherwise run one query per parent collects the parents'
 * keys of one tick and runs a single query for all of them.
 */

/** One row (or null) per key: entity by id, `__resolveReference`. */
export function rowByKey<K extends string | number, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader(async (keys) => {
    const rows = await fetch(unique(keys));
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** All rows per key, in the order `fetch` returns them: a household's shops, a lot's events. */
export function rowsByKey<K extends string | number, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V[]> {
  return new DataLoader(async (keys) => {
    const rows = await fetch(unique(keys));
    const byKey = new Map<K, V[]>();
    for (const row of rows) {
      const key = keyOf(row);
      const list = byKey.get(key);
      if (list) list.push(row);
      else byKey.set(key, [row]);
    }
    return keys.map((key) => byKey.get(key) ?? []);
  });
}

/**
 * For fields with arguments (a period filter, say): the loader is made once per distinct argument set
 * within the request, so parents asking the same question are still batched together.
 */
export class LoaderFamily<Args, K, V> {
  private readonly loaders = new Map<string, DataLoader<K, V>>();

  constructor(private readonly create: (args: Args) => DataLoader<K, V>) {}

  with(args: Args): DataLoader<K, V> {
    const cacheKey = JSON.stringify(args ?? null);
    let loader = this.loaders.get(cacheKey);
    if (!loader) {
      loader = this.create(args);
      this.loaders.set(cacheKey, loader);
    }
    return loader;
  }
}

/**
 * The properties of an entity that hold a string (ids, codes, foreign keys): what loaders look rows up by. A
 * nullable one counts too (a shop not yet linked to a household): rows whose key is null are simply never found.
 */
export type StringKeyOf<T> = { [P in keyof T & string]: NonNullable<T[P]> extends string ? P : never }[keyof T & string];

/** The entity (or null) with each value of a unique property, in one `WHERE key IN (...)` per tick. */
export function entityByKey<T extends object, Key extends StringKeyOf<T>>(
  em: EntityManager,
  entity: EntityClass<T>,
  key: Key,
): DataLoader<string, T | null> {
  // The hottest read of every subgraph call (`_entities`, lookups by id): one plain `WHERE key IN (...)` built with
  // knex skips MikroORM's criteria processing and query builder (a fifth of a subgraph's CPU in the profile, see
  // docs/performance.md); the rows become entities as `em.find` makes them, read and not managed (readEntity).
  return rowByKey((keys: readonly string[]) => selectByKeys(em, entity, key, keys), (row) => row[key] as string);
}

/**
 * As entityByKey, each row read together with the row its foreign key points at (a trace code with its lot), in one
 * join: the joined entities are put in `into`, the loader by the parent's key, so the field that reads them next
 * costs no statement and no round trip.
 */
export function entityByKeyWithParent<T extends object, P extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  key: StringKeyOf<T>,
  { parent, foreignKey, parentKey, into }: { parent: EntityClass<P>; foreignKey: StringKeyOf<T>; parentKey: StringKeyOf<P>; into: DataLoader<string, P | null> },
): DataLoader<string, T | null> {
  return rowByKey(
    async (keys: readonly string[]) => {
      const sql = parentJoin(em, entity, key, parent, foreignKey, parentKey);
      const rows = await preparedRows<Record<string, unknown>>(em.getKnex(), sql, [[...keys]]);
      const parentKeyColumn = columnOf(em, parent, parentKey);
      return rows.map((row) => {
        const own: Record<string, unknown> = {};
        const joined: Record<string, unknown> = {};
        for (const column in row) {
          if (column.startsWith(PARENT_PREFIX)) joined[column.slice(PARENT_PREFIX.length)] = row[column];
          else own[column] = row[column];
        }
        const child = readEntity(em, entity, own as EntityDictionary<T>);
        const parentKeyValue = joined[parentKeyColumn];
        if (typeof parentKeyValue === 'string') into.prime(parentKeyValue, readEntity(em, parent, joined as EntityDictionary<P>));
        return child;
      });
    },
    (row) => row[key] as string,
  );
}

const PARENT_PREFIX = '__parent__';

/** The join statement of entityByKeyWithParent, built from the metadata once per process. */
function parentJoin<T extends object, P extends object>(em: EntityManager, entity: EntityClass<T>, key: string, parent: EntityClass<P>, foreignKey: string, parentKey: string): string {
  return statementText(`${em.config.get('schema')}|join|${entity.name}.${key}|${foreignKey}->${parent.name}.${parentKey}`, () => {
    const parentColumns = Object.values(em.getMetadata(parent).properties as Record<string, { fieldNames?: string[]; kind: string; persist?: boolean }>)
      .flatMap((property) => (property.kind === 'scalar' && property.persist !== false ? property.fieldNames ?? [] : []))
      .map((column) => `p.${quoted(column)} as ${quoted(PARENT_PREFIX + column)}`);
    return (
      `select c.*, ${parentColumns.join(', ')} from ${tableOf(em, entity)} c left join ${tableOf(em, parent)} p` +
      ` on p.${quoted(columnOf(em, parent, parentKey))} = c.${quoted(columnOf(em, entity, foreignKey))}` +
      ` where c.${quoted(columnOf(em, entity, key))} = any(?)`
    );
  });
}

/** How many entities have each value of a property (a list's `totalCount` under each of many parents), in one GROUP BY. */
export function countByKey<T extends object>(em: EntityManager, entity: EntityClass<T>, key: StringKeyOf<T>): DataLoader<string, number> {
  return new DataLoader(async (keys) => {
    const column = quoted(columnOf(em, entity, key));
    const sql = `select ${column} as "key", count(*)::int as "count" from ${tableOf(em, entity)} where ${column} = any(?) group by ${column}`;
    const rows = await preparedRows<{ key: string; count: number }>(em.getKnex(), sql, [unique(keys)]);
    const counts = new Map(rows.map((row) => [row.key, row.count]));
    return keys.map((value) => counts.get(value) ?? 0);
  });
}

/**
 * All entities with each value of a property (a foreign key), in `orderBy` order, in one `WHERE key IN (...)`
 * per tick; `where` adds conditions every row must meet.
 */
export function entitiesByKey<T extends object, Key extends StringKeyOf<T>>(
  em: EntityManager,
  entity: EntityClass<T>,
  key: Key,
  options: { orderBy: QueryOrderMap<T>; where?: FilterQuery<T> },
): DataLoader<string, T[]> {
  return rowsByKey((keys: readonly string[]) => entitiesWithKeys(em, entity, key, keys, options), (row) => row[key] as string);
}

/**
 * The entities whose `key` is one of `keys` and that meet `where`, in `orderBy` order: for loaders that group the
 * rows their own way. The statement is built once per shape and sent as a named prepared statement (the hottest reads
 * of every subgraph call: MikroORM's criteria processing and query builder were a fifth of a subgraph's CPU in the
 * profile, docs/performance.md); conditions or orderings beyond plain comparisons of plain columns go through em.find.
 */
export function entitiesWithKeys<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  key: StringKeyOf<T>,
  keys: readonly string[],
  { orderBy, where = {} }: { orderBy?: QueryOrderMap<T>; where?: FilterQuery<T> } = {},
): Promise<T[]> {
  const order = plainOrder(em, entity, orderBy ?? {});
  const conditions = plainConditions(em, entity, where);
  if (!order || !conditions) return em.find(entity, { [key]: { $in: [...keys] }, ...where } as FilterQuery<T>, { orderBy });
  return selectByKeys(em, entity, key, keys, order, conditions);
}

/** `select * ... where <key> = any(?) [and <conditions>] [order by ...]`, its rows as entities (read, not managed). */
function selectByKeys<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  key: string,
  keys: readonly string[],
  order: PlainOrder = [],
  conditions: PlainConditions = { clauses: [], values: [] },
): Promise<T[]> {
  return selectEntities(em, entity, {
    conditions: { clauses: [`${quoted(columnOf(em, entity, key))} = any(?)`, ...conditions.clauses], values: [[...keys], ...conditions.values] },
    order,
  });
}

/**
 * The first `limit` rows of each key, for the first page of a list under each of many parents, in one statement:
 * a window function numbers each key's rows in `orderBy` order and only the first `limit` of each come back,
 * ordered by key, then `orderBy`. `after` narrows the rows before they are numbered (where a page starts).
 */
export async function firstRowsPerKey<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  { keyColumn, keys, orderBy, limit, after }: {
    keyColumn: string;
    keys: readonly string[];
    orderBy: { column: string; order: 'asc' | 'desc' }[];
    limit: number;
    after?: (query: Knex.QueryBuilder) => void;
  },
): Promise<T[]> {
  const knex = em.getKnex();
  const windowOrder = orderBy.map(({ order }) => `?? ${order === 'desc' ? 'desc' : 'asc'}`).join(', ');
  const windowColumns = [keyColumn, ...orderBy.map(({ column }) => column)];
  const ranked = knex(em.getMetadata(entity).tableName)
    .withSchema(em.config.get('schema')!)
    .select('*', knex.raw(`row_number() over (partition by ?? order by ${windowOrder}) as position`, windowColumns))
    .whereRaw('?? = any(?)', [keyColumn, [...keys]])
    .modify((query) => after?.(query));
  const rows = await preparedSelect<Record<string, unknown>>(
    knex,
    knex.select('*').from(ranked.as('ranked')).where('position', '<=', limit).orderBy([{ column: keyColumn }, ...orderBy]),
  );
  return rows.map(({ position: _position, ...row }) => readEntity(em, entity, row as EntityDictionary<T>));
}

function unique<K>(keys: readonly K[]): K[] {
  return [...new Set(keys)];
}

/**
 * The entities linked to each key through a link table (many-to-many), in one join per tick: `link.keyColumn` holds
 * the loader's keys, `link.targetColumn` the entity's key `targetKeyColumn`. Each key's entities come in
 * `orderBy` order, a list of columns of the link (`link.`) or entity (`target.`) table.
 */
export function entitiesThroughLink<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  { link, keyColumn, targetColumn, targetKeyColumn, orderBy }: {
    link: EntityClass<object>;
    keyColumn: string;
    targetColumn: string;
    targetKeyColumn: string;
    orderBy: string[];
  },
): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => {
    const knex = em.getKnex();
    const schema = em.config.get('schema')!;
    const rows = await preparedSelect<Record<string, unknown>>(
      knex,
      knex
        .select('target.*', knex.raw('?? as "__key"', [`link.${keyColumn}`]))
        .from({ target: `${schema}.${em.getMetadata(entity).tableName}` })
        .join({ link: `${schema}.${em.getMetadata(link).tableName}` }, `link.${targetColumn}`, `target.${targetKeyColumn}`)
        .whereRaw('?? = any(?)', [`link.${keyColumn}`, unique(keys)])
        .orderBy(orderBy),
    );
    const byKey = new Map<string, T[]>();
    for (const { __key, ...row } of rows) {
      const list = byKey.get(__key as string) ?? [];
      if (!list.length) byKey.set(__key as string, list);
      list.push(readEntity(em, entity, row as EntityDictionary<T>));
    }
    return keys.map((key) => byKey.get(key) ?? []);
  });
}
