import type { ApolloServer, BaseContext } from '@apollo/server';

/**
 * Runs an operation against the hub's own graph (planned by the gateway, answered by the subgraphs over HTTP), as
 * part of the HTTP request `requestId` names (its subgraph calls carry that id).
 */
export type GraphExecutor = <Data>(query: string, variables: Record<string, unknown>, requestId?: string) => Promise<Data>;

/** An error of the graph itself (a subgraph down, say), as opposed to an unknown code. */
export class GraphUnavailableError extends Error {}

export function graphExecutor<Context extends BaseContext>(apollo: ApolloServer<Context>, context: (requestId?: string) => Context): GraphExecutor {
  return async <Data>(query: string, variables: Record<string, unknown>, requestId?: string): Promise<Data> => {
    const response = await apollo.executeOperation({ query, variables }, { contextValue: context(requestId) });
    if (response.body.kind !== 'single') throw new GraphUnavailableError('Incremental delivery is not expected here.');
    const { data, errors } = response.body.singleResult;
    if (errors?.length || !data) throw new GraphUnavailableError(errors?.map((error) => error.message).join('; ') ?? 'No data.');
    return data as Data;
  };
}
