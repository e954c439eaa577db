import type { EntityClass, FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ClassType } from 'type-graphql';
import { ArgsType, Ctx, Directive, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { GraphQLError } from 'graphql';
import type { SubgraphContext } from '../subgraph';
import { columnOf, countEntities, plainConditions, selectEntities } from '../database/plain-select';
import { quoted } from '../database/prepared';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({ description: 'Relay-style page information.' })
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, at most ${MAX_PAGE_SIZE}.` })
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
  after?: string | null;
}

export interface Page<T> {
  nodes: T[];
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/** Cursors are opaque to clients but are simply the sort key, so pages are keyset queries (no OFFSET). */
const CURSOR_PREFIX = 'k:';

export function encodeCursor(key: string): string {
  return Buffer.from(CURSOR_PREFIX + key, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): string | undefined {
  if (cursor == null || cursor === '') return undefined;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const key = decoded.slice(CURSOR_PREFIX.length);
  if (!decoded.startsWith(CURSOR_PREFIX) || !key || encodeCursor(key) !== cursor) {
    throw new GraphQLError(`Invalid cursor "${cursor}": pass the endCursor of a previous page.`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' },
    });
  }
  return key;
}

export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new GraphQLError(`"first" must be between 0 and ${MAX_PAGE_SIZE}, got ${first}.`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' },
    });
  }
  return first;
}

/**
 * Turns `first + 1` rows fetched after the cursor into a page. `keyOf` must return the sort key the
 * query ordered by, so that the next page starts right after the last node.
 */
export function toPage<T>(rows: T[], first: number, keyOf: (row: T) => string): Page<T> {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    nodes,
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
  };
}

/** Declares the `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class Connection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => [nodeType], { description: 'The nodes of `edges`, for clients that need no cursors.' })
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return Connection;
}

/**
 * A page plus the filter its rows matched, kept for `totalCount`, which is only counted when asked for; a list under
 * each of many parents (a cooperative's members) gives `count` instead, a loader's, so that the parents' totals are
 * one statement, not one each.
 */
export type FilteredPage<T extends object> = Page<T> & ({ filter: FilterQuery<T>; count?: never } | { count: () => Promise<number>; filter?: never });

/**
 * A page of the entities matching `where`, ordered by ID: a keyset query for the IDs after the cursor's. `idOfKey`
 * turns a cursor's key back into an ID (a number, say), or answers undefined when the key cannot be one of this
 * list's IDs; by default the key is the ID.
 */
export async function findPageById<T extends { id: string | number }>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  { first, after }: PageArgs,
  idOfKey: (key: string) => T['id'] | undefined = (key) => key as T['id'],
): Promise<FilteredPage<T>> {
  checkPageSize(first);
  const afterKey = decodeCursor(after);
  const afterId = afterKey === undefined ? undefined : idOfKey(afterKey);
  if (afterKey !== undefined && afterId === undefined) {
    throw new GraphQLError(`Invalid cursor "${after}": pass the endCursor of a previous page.`, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' } });
  }
  const plain = plainConditions(em, entity, where);
  const rows = plain
    ? await selectEntities(em, entity, {
        conditions: afterId === undefined ? plain : { clauses: [...plain.clauses, `${quoted(columnOf(em, entity, 'id'))} > ?`], values: [...plain.values, afterId] },
        order: [{ column: columnOf(em, entity, 'id'), order: 'asc' }],
        limit: first + 1,
      })
    : await em.find(entity, afterId !== undefined ? ({ $and: [where, { id: { $gt: afterId } }] } as FilterQuery<T>) : where, {
        orderBy: { id: 'asc' } as QueryOrderMap<T>,
        limit: first + 1,
      });
  return { ...toPage(rows, first, (row) => String(row.id)), filter: where };
}

/** The filters a list's arguments ask for: each given value (not null or undefined) as an equality on its field. */
export function givenFilters(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value != null));
}

/** Adds `totalCount` to a connection type whose pages are `FilteredPage`s of `entity`. */
export function TotalCountResolver<T extends object>(connection: ClassType, entity: EntityClass<T>, description: string) {
  @Resolver(() => connection)
  class ConnectionTotalCountResolver {
    @FieldResolver(() => Int, { description })
    totalCount(@Root() page: FilteredPage<T>, @Ctx() { em }: SubgraphContext): Promise<number> {
      if (page.count) return page.count();
      const plain = plainConditions(em, entity, page.filter);
      return plain ? countEntities(em, entity, plain) : em.count(entity, page.filter);
    }
  }
  return ConnectionTotalCountResolver;
}
