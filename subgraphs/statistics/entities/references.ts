import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The registry's household, extended here with its census record. Stub descriptions repeat the owner's word for
 * word: composition keeps one description per type and warns when subgraphs disagree.
 */
@ObjectType({ description: 'A farming producer: household, business household, cooperative (HTX) or cooperative group.' })
@Directive('@key(fields: "id")')
export class Household {
  @Field(() => ID, { description: 'The standard household ID that every subgraph uses, e.g. "HH-07582-00001".' })
  id!: string;
}

/** The registry's province, extended here with its indicator series. */
@ObjectType({ description: 'A province-level unit (tỉnh, thành phố) after the 1 July 2025 reorganisation.' })
@Directive('@key(fields: "code")')
export class Province {
  @Field(() => String, { description: 'Two-digit code of the statistics office.' })
  code!: string;
}
