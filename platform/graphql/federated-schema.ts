import { buildSubgraphSchema } from '@apollo/subgraph';
import { type IResolvers, printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import type { SubgraphDefinition } from '../subgraph';
import { authChecker } from '../access/auth-checker';

/** The federation 2 directives the subgraphs use; one list so every subgraph links the same version. */
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])';

/**
 * Builds an Apollo Federation 2 subgraph schema from type-graphql classes: type-graphql gives the types
 * and field resolvers, @apollo/subgraph adds `_entities`/`_service` and the reference resolvers.
 */
export async function buildFederatedSchema(subgraph: SubgraphDefinition): Promise<GraphQLSchema> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: subgraph.resolvers,
    orphanedTypes: subgraph.orphanedTypes,
    // A subgraph may have no Query of its own (it only extends entities).
    skipCheck: true,
    validate: false,
    // Guards (`@Authorized`, `@Personal`) throw FORBIDDEN from the checker: the field is null, the request goes on.
    authChecker,
    authMode: 'error',
  });
  const typeDefs = parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeGraphqlSchema)}`);
  const resolvers = mergeResolvers(
    createResolversMap(typeGraphqlSchema) as IResolvers,
    subgraph.referenceResolvers as IResolvers,
  );
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as never });
}

function mergeResolvers(base: IResolvers, extra: IResolvers): IResolvers {
  const merged: IResolvers = { ...base };
  for (const [typeName, fields] of Object.entries(extra)) {
    merged[typeName] = { ...(base[typeName] as object), ...(fields as object) } as never;
  }
  return merged;
}
