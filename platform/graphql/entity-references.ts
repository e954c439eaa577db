import { GraphQLError } from 'graphql';
import { type ClassType, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { currentProvince } from '../places';

/*
 * Stubs of entities owned by another subgraph: a subgraph that adds fields to one of them, or merely points to
 * it, declares only its key. The key (and whether a subgraph other than the owner resolves references to it)
 * is chosen once, here, so every subgraph agrees. Stubs carry no descriptions: composition takes the owner's.
 *
 * Each function returns a new class, and a subgraph calls it once (in its entities/references.ts) for its own
 * copy. One class shared by several subgraphs would not do: type-graphql adds the fields of a resolver to the
 * metadata of the class it extends, and every schema built later in the same process (the hub, compose, the
 * tests) would carry them too.
 */

/**
 * Which subgraph owns each entity that several subgraphs share. A field another subgraph adds to it, or a field that
 * points to it from another subgraph, crosses a service boundary: it must be nullable, so that the owner or the adding
 * subgraph being down costs only that field (platform/graphql/nullable-boundaries.ts checks it at every compose).
 */
export const ENTITY_OWNERS: Readonly<Record<string, string>> = {
  Household: 'registry',
  Province: 'registry',
  Commune: 'registry',
  Listing: 'marketplace',
  IndicatorReport: 'registry',
};

/** The registry's household; the subgraphs that use it add fields to it. */
export const householdReference = () => entityReference('Household', 'id', ID);

/** The registry's province; the subgraphs that use it add fields to it. */
export const provinceReference = () => entityReference('Province', 'code', String);

/** The registry's commune: only pointed to, so other subgraphs cannot resolve references to it. */
export const communeReference = () => entityReference('Commune', 'code', String, { resolvable: false });

/** The marketplace's listing; the subgraphs that use it add fields to it. */
export const listingReference = () => entityReference('Listing', 'id', ID);

/** `@ObjectType(typeName) @Directive('@key(fields: "<key>")') class { @Field(() => keyType) <key>: string }` */
function entityReference<Key extends string>(
  typeName: string,
  key: Key,
  keyType: typeof ID | StringConstructor,
  { resolvable = true }: { resolvable?: boolean } = {},
): ClassType<Record<Key, string>> {
  // Decorators applied by hand, as TypeScript would apply them (fields first, then class decorators bottom-up),
  // because the key's name is a parameter.
  const Reference = { [typeName]: class {} }[typeName];
  Field(() => keyType)(Reference.prototype, key);
  Directive(`@key(fields: "${key}"${resolvable ? '' : ', resolvable: false'})`)(Reference);
  ObjectType(typeName)(Reference);
  return Reference as ClassType<Record<Key, string>>;
}

/**
 * `__resolveReference` for a stub whose added fields need only its key: the reference (its key alone) is the
 * entity, and no statement is run.
 */
export function keyOnlyReference<Key extends string>(key: Key) {
  return {
    __resolveReference: (reference: Record<Key, string>) => ({ [key]: reference[key] }) as Record<Key, string>,
  };
}

/**
 * `Province.name` answered by a subgraph other than the registry, from the places reference every process holds in
 * memory (platform/places, which the registry's province table is loaded from, so the two always agree). Shareable:
 * where a subgraph returns provinces (the marketplace's sales by destination), the gateway takes their names from
 * the same answer instead of a further call to the registry. Add the returned class to the subgraph's resolvers.
 */
export function provinceNameResolver(Province: ClassType<{ code: string }>): Function {
  @Resolver(() => Province)
  class ProvinceNameResolver {
    @FieldResolver(() => String)
    @Directive('@shareable')
    name(@Root() province: { code: string }): string {
      const unit = currentProvince(province.code);
      if (!unit) throw new GraphQLError(`No current province has the code "${province.code}".`, { extensions: { code: 'NOT_FOUND' } });
      return unit.name;
    }
  }
  return ProvinceNameResolver;
}
