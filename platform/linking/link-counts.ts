import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { HouseholdLinkStatus } from './stored-link';

/** How many linked records (census records, shops) are in each link status: what an official's work list counts. */
export interface LinkCounts {
  linked: number;
  review: number;
  unlinked: number;
}

/** The GraphQL type, named per subgraph (each owns its records). */
export function LinkCountsType(name: string, description: string) {
  @ObjectType(name, { description })
  class LinkCountsObject implements LinkCounts {
    @Field(() => Int)
    linked!: number;

    @Field(() => Int)
    review!: number;

    @Field(() => Int)
    unlinked!: number;
  }
  return LinkCountsObject;
}

/**
 * One grouped statement over `table` (in the subgraph's schema): `where` holds column = value conditions, `within`
 * a column and the values it must be among (an official's communes or province).
 */
export async function countByLinkStatus(
  em: EntityManager,
  table: string,
  where: Record<string, string | number | null | undefined>,
  within?: { column: string; values: string[] },
): Promise<LinkCounts> {
  const query = (em.getKnex() as Knex)(`${em.config.get('schema')}.${table}`).select('link_status').count({ count: '*' }).groupBy('link_status');
  for (const [column, value] of Object.entries(where)) if (value != null) query.where(column, value);
  if (within) query.whereIn(within.column, within.values);
  const rows = (await query) as unknown as { link_status: string; count: string }[];
  const counts = new Map(rows.map((row) => [row.link_status, Number(row.count)]));
  return { linked: counts.get(HouseholdLinkStatus.LINKED) ?? 0, review: counts.get(HouseholdLinkStatus.REVIEW) ?? 0, unlinked: counts.get(HouseholdLinkStatus.UNLINKED) ?? 0 };
}
