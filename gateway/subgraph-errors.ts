import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { OutageAwareDataSource } from './outages';

type FetcherResponse = Awaited<ReturnType<RemoteGraphQLDataSource['fetcher']>>;

/**
 * A subgraph refuses some values only it can check (a `DateTimeISO` of `sales(period:)`, say) with HTTP 400 and a
 * GraphQL error saying why. Apollo Gateway would show the caller "400: Bad Request" with the subgraph's URL; the
 * caller gets the subgraph's own message instead, as an input error, with the subgraph's name.
 */
export class HubDataSource<Context extends Record<string, any> = Record<string, any>> extends OutageAwareDataSource<Context> {
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const fallback = await super.errorFromResponse(response);
    const body = (fallback.extensions.response as { body?: unknown } | undefined)?.body;
    const errors = (body as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | undefined)?.errors;
    if (response.status !== 400 || !Array.isArray(errors) || errors.length === 0) return fallback;
    const message = errors.map((error) => String(error.message)).join(' ');
    return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', serviceName: this.serviceName } });
  }
}
