import { Directive, Field, ObjectType } from 'type-graphql';
import { IndicatorRow } from '../../../platform/indicators/graphql';
import { communeReference, householdReference, provinceReference } from '../../../platform/graphql/entity-references';

/** The registry's household, extended here with its census record. */
export const Household = householdReference();
export type Household = InstanceType<typeof Household>;

/** The registry's province, extended here with its indicator series. */
export const Province = provinceReference();
export type Province = InstanceType<typeof Province>;

/** The registry's commune, pointed to by the review list. */
export const Commune = communeReference();
export type Commune = InstanceType<typeof Commune>;

/**
 * The registry's indicator report. Statistics holds the targets and their denominators, so it adds `completion`,
 * which needs the cumulative figures the other subgraphs compute: they arrive through `@requires`.
 */
@ObjectType('IndicatorReport')
@Directive('@key(fields: "scope period")')
export class IndicatorReport {
  @Field(() => String)
  scope!: string;

  @Field(() => String)
  period!: string;

  @Field(() => [IndicatorRow])
  @Directive('@external')
  householdRows?: IndicatorRow[];

  @Field(() => [IndicatorRow], { nullable: true })
  @Directive('@external')
  salesRows?: IndicatorRow[];

  @Field(() => [IndicatorRow], { nullable: true })
  @Directive('@external')
  traceabilityRows?: IndicatorRow[];
}
