import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, InterfaceType, ObjectType } from 'type-graphql';

/*
 * The units before the 1 July 2025 reorganisation and where each went, copied from platform/places at start so
 * that SQL can join on them (bulk remapping of old codes, legacyCodes of many places in one statement).
 */

@InterfaceType('LegacyUnit', {
  description: 'A unit as it was before 1 July 2025, whose code old data (plans, orders, census tables) still carries.',
  resolveType: (unit: LegacyUnit) => (unit instanceof LegacyCommune ? 'LegacyCommune' : 'LegacyProvince'),
})
export abstract class LegacyUnit {
  @Field(() => String, { description: 'Its old code: two digits for a province, five for a commune.' })
  code!: string;

  @Field(() => String, { description: 'Short name, e.g. "Bắc Giang", "Phúc Xá".' })
  @Property({ type: 'string' })
  name!: string;

  @Field(() => String, { description: 'Full name, e.g. "Tỉnh Bắc Giang", "Phường Phúc Xá".' })
  @Property({ type: 'string' })
  fullName!: string;
}

@ObjectType({ implements: LegacyUnit, description: 'One of the 63 provinces before July 2025; each merged whole into one current province.' })
@Entity({ tableName: 'legacy_province' })
export class LegacyProvince extends LegacyUnit {
  @Field(() => String, { description: 'Its two-digit code before July 2025.' })
  @PrimaryKey({ type: 'string', length: 2 })
  override code!: string;

  @Index()
  @Property({ type: 'string', length: 2 })
  successorCode!: string;
}

@ObjectType({ implements: LegacyUnit, description: 'One of the 10,035 communes before July 2025, with the district and province it belonged to.' })
@Entity({ tableName: 'legacy_commune' })
export class LegacyCommune extends LegacyUnit {
  @Field(() => String, { description: 'Its five-digit code before July 2025.' })
  @PrimaryKey({ type: 'string', length: 5 })
  override code!: string;

  @Field(() => String, { description: '"Xã", "Phường" or "Thị trấn".' })
  @Property({ type: 'string' })
  unitType!: string;

  @Field(() => String, { description: 'Its district, e.g. "Huyện Lục Ngạn" (districts were abolished in July 2025).' })
  @Property({ type: 'string' })
  district!: string;

  @Field(() => String, { description: 'Three-digit code of its district.' })
  @Property({ type: 'string', length: 3 })
  districtCode!: string;

  @Field(() => String, { description: 'Its province before July 2025, e.g. "Tỉnh Bắc Giang".' })
  @Property({ type: 'string' })
  province!: string;

  @Field(() => String, { description: 'Two-digit code of its province before July 2025.' })
  @Property({ type: 'string', length: 2 })
  provinceCode!: string;

  @Field(() => Boolean, { description: 'Divided between several current communes (see `successors`).' })
  @Property({ type: 'boolean' })
  split!: boolean;
}

/** Old commune -> current commune; several rows for a divided commune, `position` 0 being the one `commune(code:)` gives. */
@Entity({ tableName: 'legacy_commune_successor' })
export class LegacyCommuneSuccessor {
  @PrimaryKey({ type: 'string', length: 5 })
  legacyCode!: string;

  @PrimaryKey({ type: 'smallint' })
  position!: number;

  @Index()
  @Property({ type: 'string', length: 5 })
  communeCode!: string;
}

/** A commune code published for a current unit and corrected since (Ba Chẽ 06970 -> 06978). */
@Entity({ tableName: 'commune_code_alias' })
export class CommuneCodeAlias {
  @PrimaryKey({ type: 'string', length: 5 })
  code!: string;

  @Property({ type: 'string', length: 5 })
  communeCode!: string;

  @Property({ type: 'text' })
  note!: string;
}

/** Which version of a reference data set the tables hold, so that a start with unchanged files skips loading. */
@Entity({ tableName: 'reference_data_version' })
export class ReferenceDataVersion {
  @PrimaryKey({ type: 'string' })
  name!: string;

  @Property({ type: 'string' })
  checksum!: string;

  @Property({ type: 'datetime' })
  loadedAt!: Date;
}
