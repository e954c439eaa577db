import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/*
 * The tables of platform/indicators/rollups.ts, in the schema of each subgraph that keeps them. Written only by the
 * triggers and `rebuild_indicator_rollups()` its migration creates, never by the ORM; declared so schema diffs keep them.
 */

/** One counted item (a listing, a household...) per indicator code, where and on which day it first qualified. */
@Entity({ tableName: 'indicator_item' })
export class IndicatorItem {
  @PrimaryKey({ type: 'string', length: 64 })
  key!: string;

  @PrimaryKey({ type: 'string', length: 8 })
  code!: string;

  @Property({ type: 'string', length: 2 })
  provinceCode!: string;

  @Property({ type: 'string', length: 5 })
  communeCode!: string;

  @Property({ type: 'date' })
  day!: string;
}

/** Items per code x commune x day (commune reports). */
@Entity({ tableName: 'indicator_commune_rollup' })
export class IndicatorCommuneRollup {
  @PrimaryKey({ type: 'string', length: 5 })
  communeCode!: string;

  @PrimaryKey({ type: 'string', length: 8 })
  code!: string;

  @PrimaryKey({ type: 'date' })
  day!: string;

  @PrimaryKey({ type: 'string', length: 2 })
  provinceCode!: string;

  @Property({ type: 'integer' })
  itemCount!: number;
}

/** Items per code x province x day (nation and province reports). */
@Entity({ tableName: 'indicator_province_rollup' })
export class IndicatorProvinceRollup {
  @PrimaryKey({ type: 'string', length: 2 })
  provinceCode!: string;

  @PrimaryKey({ type: 'string', length: 8 })
  code!: string;

  @PrimaryKey({ type: 'date' })
  day!: string;

  @Property({ type: 'integer' })
  itemCount!: number;
}

export const INDICATOR_ITEM_ROLLUP_ENTITIES = [IndicatorItem, IndicatorCommuneRollup, IndicatorProvinceRollup];
