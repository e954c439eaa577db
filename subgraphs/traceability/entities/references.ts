import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Entities owned by other subgraphs. Traceability only holds their keys; the gateway fetches the rest from
 * the owner. `Household` and `Listing` are resolvable here because this subgraph adds fields to them.
 */

@ObjectType({ description: 'A farming household (hộ SXNN), owned by the registry subgraph.' })
@Directive('@key(fields: "id")')
export class Household {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: 'A marketplace listing (sản phẩm trên sàn), owned by the marketplace subgraph.' })
@Directive('@key(fields: "id")')
export class Listing {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: 'A commune (xã, phường), owned by the registry subgraph.' })
@Directive('@key(fields: "code", resolvable: false)')
export class Commune {
  @Field(() => String)
  code!: string;
}
