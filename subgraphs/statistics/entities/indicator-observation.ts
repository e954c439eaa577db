import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Provenance } from '../../../platform/ingest/provenance';
import type { IndicatorMeasure } from '../vocabulary';

/** Where one measure of an observation row came from: an SDMX message's row or observation key (several when old provinces were summed). */
export interface MeasureSource {
  source: string;
  ref: string;
  importedAt: string;
}

/**
 * One cell of the statistics office's series: the SDMX dimensions area (province), crop and year are the key,
 * and each SDMX measure (see INDICATOR_MEASURES) fills one column, in a fixed unit. A measure that was not
 * published stays null rather than 0. The row's provenance is the last import that changed it; `measureSources`
 * keeps, for each measure, the observations it was read from.
 */
@ObjectType({
  description:
    'Production, area and farming households of one crop in one province and year (niên giám thống kê), ' +
    'from the statistics office (Cục Thống kê).',
})
@Entity({ tableName: 'indicator_observation' })
@Unique({ properties: ['provinceCode', 'crop', 'year'] })
@Index({ properties: ['crop', 'provinceCode', 'year'] })
export class IndicatorObservation extends Provenance {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => String, { description: 'Two-digit code of the province (after the 1 July 2025 merger).' })
  @Property({ type: 'string', length: 2 })
  provinceCode!: string;

  @Field(() => String, { description: 'Crop or livestock name, e.g. "Vải", "Lúa", "Cà phê"; "_T" is the series over all crops.' })
  @Property({ type: 'string', length: 64 })
  crop!: string;

  @Field(() => Int)
  @Property({ type: 'smallint' })
  year!: number;

  @Field(() => Float, { nullable: true, description: 'Production (sản lượng), in tonnes.' })
  @Property({ type: 'double', nullable: true })
  productionTonnes?: number | null;

  @Field(() => Float, { nullable: true, description: 'Area planted or harvested (diện tích), in hectares.' })
  @Property({ type: 'double', nullable: true })
  areaHa?: number | null;

  @Field(() => Int, { nullable: true, description: 'Number of farming households (số hộ sản xuất) growing the crop.' })
  @Property({ type: 'integer', nullable: true })
  farmingHouseholds?: number | null;

  /** Per measure, the message and the observations (rows, keys) it was read from. */
  @Property({ type: 'json', nullable: true })
  measureSources?: Partial<Record<IndicatorMeasure, MeasureSource>> | null;
}
