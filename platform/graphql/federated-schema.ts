import { buildSubgraphSchema } from '@apollo/subgraph';
import { type IResolvers, printSchemaWithDirectives } from '@graphql-tools/utils';
import { DirectiveLocation, GraphQLDirective, GraphQLNonNull, GraphQLString, type GraphQLSchema, parse } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import type { SubgraphDefinition } from '../subgraph';
import { authChecker } from '../access/auth-checker';
import { processingLogResolver } from '../access/processing-log-resolver';

/** The federation 2 directives the subgraphs use; one list so every subgraph links the same version. */
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@composeDirective"])';

/**
 * `@personal(kind:)` marks the fields `@Personal` guards, so the contract (schema/*.graphql, the supergraph) shows
 * them; composed into the supergraph with `@composeDirective`. Enforcement stays in the subgraphs' authChecker.
 */
const ACCESS_LINK = 'extend schema @link(url: "https://nongsan-graph.example/access/v0.1", import: ["@personal"]) @composeDirective(name: "@personal")';
const personalDirective = new GraphQLDirective({
  name: 'personal',
  description: 'Personal data: shown only under its access rule, each read recorded in the processing log.',
  locations: [DirectiveLocation.FIELD_DEFINITION],
  args: { kind: { type: new GraphQLNonNull(GraphQLString) } },
});

/**
 * Builds an Apollo Federation 2 subgraph schema from type-graphql classes: type-graphql gives the types
 * and field resolvers, @apollo/subgraph adds `_entities`/`_service` and the reference resolvers.
 */
export async function buildFederatedSchema(subgraph: SubgraphDefinition): Promise<GraphQLSchema> {
  const typeGraphqlSchema = await buildSchema({
    // Every subgraph keeps a processing log of its personal fields; the platform adds the query for it.
    resolvers: [...subgraph.resolvers, processingLogResolver(subgraph.name)],
    orphanedTypes: subgraph.orphanedTypes,
    // A subgraph may have no Query of its own (it only extends entities).
    skipCheck: true,
    validate: false,
    // Guards (`@Authorized`, `@Personal`) throw FORBIDDEN from the checker: the field is null, the request goes on.
    authChecker,
    authMode: 'error',
    directives: [personalDirective],
  });
  const typeDefs = parse(`${FEDERATION_LINK}\n${ACCESS_LINK}\n\n${printSchemaWithDirectives(typeGraphqlSchema)}`);
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
