import { Directive, Field, ID, ObjectType } from 'type-graphql';

/*
 * Entities owned by the registry. The marketplace only knows their keys: it adds fields to `Household` and
 * `Province` (so it resolves references to them) and merely points to `Commune`. Descriptions repeat the
 * registry's word for word, so that composition keeps the owner's.
 */

@ObjectType({ description: 'A farming producer: household, business household, cooperative (HTX) or cooperative group.' })
@Directive('@key(fields: "id")')
export class Household {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: 'A province-level unit (tỉnh, thành phố) after the 1 July 2025 reorganisation.' })
@Directive('@key(fields: "code")')
export class Province {
  @Field(() => String)
  code!: string;
}

@ObjectType({ description: 'A commune-level unit (xã, phường, đặc khu); there are no districts since July 2025.' })
@Directive('@key(fields: "code", resolvable: false)')
export class Commune {
  @Field(() => String)
  code!: string;
}
