import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, Float, InterfaceType, ObjectType } from 'type-graphql';
import { foldVietnamese } from '../../../platform/identity/normalise';
import { LegacyUnit } from './legacy-place';

const NAME_DESCRIPTION = 'Short name, e.g. "Lạng Sơn", "Chi Lăng".';

/** A current unit of platform/places as its table's row: the reference's fields and the folded names search uses. */
export function placeRow<T extends { name: string; fullName: string }>(unit: T): T & { foldedName: string; foldedFullName: string } {
  return { ...unit, foldedName: foldVietnamese(unit.name), foldedFullName: foldVietnamese(unit.fullName) };
}

/**
 * What provinces and communes have in common: the GraphQL `Place` interface and the columns both tables share.
 * `legacyCodes` is declared here for the interface and resolved (batched) by each type's resolver.
 */
@InterfaceType('Place', {
  description: 'A province or a commune, as it is since the 1 July 2025 reorganisation.',
  resolveType: (place: Place) => (place instanceof Commune ? 'Commune' : 'Province'),
})
export abstract class Place {
  @Field(() => String, { description: 'Statistics office code: two digits for a province, five for a commune.' })
  code!: string;

  @Field(() => String, { description: NAME_DESCRIPTION })
  @Property({ type: 'string' })
  name!: string;

  @Field(() => String, { description: 'The name without diacritics, e.g. "Lang Son".' })
  @Property({ type: 'string' })
  nameEn!: string;

  @Field(() => String, { description: 'Full name with the unit type, e.g. "Tỉnh Lạng Sơn", "Xã Chi Lăng".' })
  @Property({ type: 'string' })
  fullName!: string;

  @Field(() => String, { description: '"Tỉnh" or "Thành phố" for a province; "Xã", "Phường" or "Đặc khu" for a commune.' })
  @Property({ type: 'string' })
  unitType!: string;

  @Field(() => Float, { nullable: true, description: 'Latitude of the unit\'s centre (WGS 84), for maps.' })
  @Property({ type: 'double', nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'Longitude of the unit\'s centre (WGS 84), for maps.' })
  @Property({ type: 'double', nullable: true })
  longitude?: number | null;

  @Field(() => [LegacyUnit], { description: 'The units before July 2025 whose codes now lead here, by code.' })
  legacyCodes?: LegacyUnit[];

  /** `name` folded (no diacritics, lower case, "đ" -> "d"), for search; indexed for exact and prefix matches. */
  @Property({ type: 'string', default: '' })
  foldedName: string = '';

  /** `fullName` folded, so that "tinh bac ninh" finds Tỉnh Bắc Ninh. */
  @Property({ type: 'string', default: '' })
  foldedFullName: string = '';
}

/** A B-tree index that serves `folded_name = $1` and `folded_name LIKE 'prefix%'` whatever the database's collation. */
function foldedNameIndex(table: { name: string; schema?: string }, columns: { foldedName: string }, indexName: string): string {
  return `create index "${indexName}" on "${table.schema}"."${table.name}" ("${columns.foldedName}" text_pattern_ops)`;
}

@ObjectType({ implements: Place, description: 'A province-level unit (tỉnh, thành phố) after the 1 July 2025 reorganisation.' })
@Directive('@key(fields: "code")')
@Entity({ tableName: 'province' })
@Index({ name: 'province_folded_name_index', expression: foldedNameIndex })
export class Province extends Place {
  @Field(() => String, { description: 'Two-digit code of the statistics office.' })
  @PrimaryKey({ type: 'string', length: 2 })
  override code!: string;

  // Shareable: the marketplace answers the same names from the same reference (provinceNameResolver).
  @Field(() => String, { description: NAME_DESCRIPTION })
  @Directive('@shareable')
  @Property({ type: 'string' })
  override name!: string;
}

@ObjectType({ implements: Place, description: 'A commune-level unit (xã, phường, đặc khu); there are no districts since July 2025.' })
@Directive('@key(fields: "code")')
@Entity({ tableName: 'commune' })
@Index({ name: 'commune_folded_name_index', expression: foldedNameIndex })
export class Commune extends Place {
  @Field(() => String, { description: 'Five-digit code of the statistics office.' })
  @PrimaryKey({ type: 'string', length: 5 })
  override code!: string;

  @Index()
  @Property({ type: 'string', length: 2 })
  provinceCode!: string;
}
