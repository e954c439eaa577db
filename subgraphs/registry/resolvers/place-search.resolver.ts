import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { Args, ArgsType, Ctx, Field, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import { foldVietnamese } from '../../../platform/identity/normalise';
import { checkPageSize, ConnectionType, decodeCursor, type Page, PageArgs, toPage } from '../../../platform/graphql/pagination';
import { normalisePlaceCode, resolveProvince } from '../../../platform/places';
import type { SubgraphContext } from '../../../platform/subgraph';
import { Commune, Place, Province } from '../entities/place';
import { PlaceKind } from '../vocabulary';

/*
 * Name search over the 34 provinces and 3,321 communes, in folded form (no diacritics, lower case, đ -> d) so that
 * "ha noi" finds Hà Nội and "dak lak" Đắk Lắk. Ranked: the folded name (or full name, so "tinh bac ninh" works)
 * equal to the search, then starting with it, then a word of it starting with it, then containing it; provinces
 * before communes on a tie, then by folded name and code. Pages are keyset queries on that whole ordering: one
 * statement per page, plus one for `totalCount` only when it is asked for.
 *
 * Substring matches scan the two tables (3,355 short rows; pg_trgm would need an extension that databases outside
 * the embedded one may not allow); exact and prefix matches can use the text_pattern_ops indexes.
 */

@ArgsType()
export class PlaceSearchArgs extends PageArgs {
  @Field(() => String, { description: 'Part of a name, with or without diacritics: "ha noi", "Đắk Lắk", "tinh bac ninh".' })
  search!: string;

  @Field(() => PlaceKind, { nullable: true, description: 'Only provinces, or only communes.' })
  kind?: PlaceKind | null;

  @Field(() => String, { nullable: true, description: 'Only this province and its communes (a current or old two-digit code).' })
  provinceCode?: string | null;
}

export const PlaceConnection = ConnectionType(Place as unknown as ClassType<Place>, 'Place');

interface PlaceFilter {
  folded: string;
  kind?: PlaceKind | null;
  provinceCode?: string;
}

type PlacePage = Page<Place> & { filter: PlaceFilter };

interface RankedRow {
  rank: number;
  kind_order: number;
  code: string;
  folded_name: string;
  province_code: string | null;
  [column: string]: unknown;
}

@Resolver()
export class PlaceSearchResolver {
  @Query(() => PlaceConnection, { description: 'Provinces and communes whose name contains the search, best matches first, in pages.' })
  async places(@Args() args: PlaceSearchArgs, @Ctx() { em }: SubgraphContext): Promise<PlacePage> {
    const first = checkPageSize(args.first);
    const filter = placeFilter(args);
    const after = decodeCursor(args.after);
    const rows = await searchPage(em, filter, first + 1, after === undefined ? undefined : parseCursor(after, args.after!));
    const places = rows.map(toPlace(em));
    const keys = new Map(places.map((place, index) => [place, cursorKey(rows[index])]));
    return { ...toPage(places, first, (place) => keys.get(place)!), filter };
  }
}

@Resolver(() => PlaceConnection)
export class PlaceConnectionResolver {
  @FieldResolver(() => Int, { description: 'Number of places matching the search (counted only when asked for).' })
  async totalCount(@Root() page: PlacePage, @Ctx() { em }: SubgraphContext): Promise<number> {
    const [{ count }] = await matching(em, page.filter).clearSelect().count({ count: '*' });
    return Number(count);
  }
}

function placeFilter({ search, kind, provinceCode }: PlaceSearchArgs): PlaceFilter {
  const folded = foldVietnamese(search);
  if (!folded) {
    throw new GraphQLError(`The search "${search}" has no letters or digits to look for.`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'search' },
    });
  }
  if (provinceCode == null) return { folded, kind };
  const province = normalisePlaceCode(provinceCode, 'province') ? resolveProvince(provinceCode) : null;
  if (!province) {
    throw new GraphQLError(`"${provinceCode}" is not a province code (two digits, current or before July 2025).`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'provinceCode' },
    });
  }
  return { folded, kind, provinceCode: province.units[0].code };
}

/** Both tables as one, each row with the rank of its match; only rows that match at all. */
function matching(em: EntityManager, { folded, kind, provinceCode }: PlaceFilter): Knex.QueryBuilder {
  const knex = em.getKnex();
  const schema = em.config.get('schema')!;
  const columns = ['code', 'name', 'name_en', 'full_name', 'unit_type', 'latitude', 'longitude', 'folded_name', 'folded_full_name'];
  const provinces = knex(`${schema}.province`).select(knex.raw('0 as kind_order'), ...columns, knex.raw('null::varchar(2) as province_code'));
  const communes = knex(`${schema}.commune`).select(knex.raw('1 as kind_order'), ...columns, 'province_code');
  const rank = (column: string) =>
    `case when ${column} = :exact then 0 when ${column} like :prefix then 1 when ${column} like :wordPrefix then 2 else 3 end`;
  const places = knex
    .select('*', knex.raw(`least(${rank('folded_name')}, ${rank('folded_full_name')}) as rank`, {
      exact: folded, prefix: `${folded}%`, wordPrefix: `% ${folded}%`,
    }))
    .from(knex.unionAll([provinces, communes], true).as('place'));
  // foldVietnamese leaves only [a-z0-9 ], so the search needs no escaping inside LIKE.
  const query = knex.from(places.as('ranked')).where((where) =>
    where.where('folded_name', 'like', `%${folded}%`).orWhere('folded_full_name', 'like', `%${folded}%`),
  );
  if (kind) query.where('kind_order', kind === PlaceKind.PROVINCE ? 0 : 1);
  if (provinceCode) {
    query.where((where) =>
      where.where((province) => province.where('kind_order', 0).where('code', provinceCode)).orWhere('province_code', provinceCode),
    );
  }
  return query;
}

type SortKey = [rank: number, kindOrder: number, foldedName: string, code: string];

function searchPage(em: EntityManager, filter: PlaceFilter, limit: number, after: SortKey | undefined): Promise<RankedRow[]> {
  const query = matching(em, filter).select('*');
  if (after) query.whereRaw('(rank, kind_order, folded_name, code) > (?, ?, ?, ?)', after);
  return query.orderBy(['rank', 'kind_order', 'folded_name', 'code']).limit(limit);
}

function cursorKey(row: RankedRow): string {
  return [row.rank, row.kind_order, row.code, row.folded_name].join('|');
}

function parseCursor(key: string, cursor: string): SortKey {
  const [rank, kindOrder, code, ...name] = key.split('|');
  if (!/^[0-3]$/.test(rank) || !/^[01]$/.test(kindOrder) || !/^\d{2,5}$/.test(code) || !name.length) {
    throw new GraphQLError(`Invalid cursor "${cursor}": pass the endCursor of a previous page of the same search.`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' },
    });
  }
  return [Number(rank), Number(kindOrder), name.join('|'), code];
}

function toPlace(em: EntityManager) {
  return ({ rank: _rank, kind_order: kindOrder, province_code: provinceCode, ...row }: RankedRow): Place =>
    kindOrder === 0 ? em.map(Province, row) : em.map(Commune, { ...row, province_code: provinceCode });
}
