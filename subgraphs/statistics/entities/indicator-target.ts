import { Check, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A target an official set for one indicator, scope and year, replacing the plan's default (definitions.ts):
 * a percentage of the indicator's denominator, or an absolute number.
 */
@Entity({ tableName: 'indicator_target' })
@Check({ name: 'indicator_target_one_kind_check', expression: '(percent is null) <> (absolute is null)' })
export class IndicatorTargetSetting {
  /** "VN", a province code or a commune code. */
  @PrimaryKey({ type: 'string', length: 5 })
  scope!: string;

  @PrimaryKey({ type: 'smallint' })
  year!: number;

  @PrimaryKey({ type: 'string', length: 8 })
  code!: string;

  @Property({ type: 'double', nullable: true })
  percent?: number | null;

  @Property({ type: 'double', nullable: true })
  absolute?: number | null;

  /** Who set it: the caller's subject, or the file it was imported from. */
  @Property({ type: 'string' })
  setBy!: string;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}
