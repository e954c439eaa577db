import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { isProduction, showsInternalDetails } from '../server/environment';
import type { RequestIdContext } from '../server/request-id';

/**
 * Error codes whose messages are written for callers (they say what to change). Anything else (an ORM error with
 * its SQL, a bug, a library's internal message) is replaced by a generic message and logged with the request id.
 * Branches that add a code a caller can act on add it here.
 */
export const PUBLIC_ERROR_CODES = new Set([
  // GraphQL and Apollo: the document or its variables
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  // the door: identity, limits, safelist
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
  'OPERATION_NOT_SAFELISTED',
  'OPERATION_NAME_REQUIRED',
  // a source that is down or slow: the caller keeps the other fields and may retry
  'SUBGRAPH_UNAVAILABLE',
  'SUBGRAPH_TIMEOUT',
  'DATABASE_TIMEOUT',
  'NOT_FOUND',
]);

export const INTERNAL_ERROR_MESSAGE = 'Internal error: the hub could not answer this part. Give support the x-request-id of this response.';

/** The gateway's own message when a subgraph cannot be reached ("request to http://… failed, reason: …"). */
const UNREACHABLE = /^request to \S+ failed, reason:/;

/**
 * The one `formatError` of the gateway and every subgraph. Known codes pass (without server internals such as a
 * subgraph's URL and raw answer); the rest is masked, unless NODE_ENV=development is set on purpose.
 */
export function formatError(shown: GraphQLFormattedError, _original?: unknown): GraphQLFormattedError {
  if (showsInternalDetails()) return shown;
  const { stacktrace: _stack, response: _response, exception: _exception, ...extensions } = shown.extensions ?? {};
  const code = typeof extensions.code === 'string' ? extensions.code : undefined;
  const serviceName = typeof extensions.serviceName === 'string' ? extensions.serviceName : undefined;
  const location = { ...(shown.locations ? { locations: shown.locations } : {}), ...(shown.path ? { path: shown.path } : {}) };

  if (UNREACHABLE.test(shown.message)) {
    // Which source is down helps a partner; its address and socket error help only whoever runs the hub.
    const source = serviceName ? `The ${serviceName} subgraph` : 'A subgraph';
    const detail = isProduction() ? '' : ` (${shown.message})`;
    return {
      message: `${source} could not be reached: its fields are missing from this answer; try again later.${detail}`,
      ...location,
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', ...(serviceName ? { serviceName } : {}) },
    };
  }

  if (code !== undefined && PUBLIC_ERROR_CODES.has(code)) return { message: shown.message, ...location, extensions };

  const masked: MaskedError = {
    message: INTERNAL_ERROR_MESSAGE,
    ...location,
    extensions: { code: 'INTERNAL_SERVER_ERROR', ...(serviceName ? { serviceName } : {}) },
  };
  // formatError has no context: the request id is added, and the original logged, by maskedErrorsPlugin.
  masked[ORIGINAL] = { code, serviceName, message: shown.message, path: shown.path };
  return masked;
}

const ORIGINAL = Symbol('the masked error as it was');
type MaskedError = GraphQLFormattedError & { [ORIGINAL]?: Record<string, unknown> };

/**
 * The request's id on each error formatError masked, and the error as it was in the server's log (never to the
 * caller) with that id to find it by.
 */
export function reportMaskedErrors(errors: readonly GraphQLFormattedError[], requestId: string | undefined): void {
  for (const error of errors as readonly MaskedError[]) {
    const original = error[ORIGINAL];
    if (!original) continue;
    delete error[ORIGINAL];
    logMaskedError({ requestId, ...original });
    if (requestId) (error.extensions as Record<string, unknown>).requestId = requestId;
  }
}

/**
 * A context that could not be made (a key store down, say) answers before any plugin runs: its original goes to the
 * log here, with the request id, unless it has a code written for callers.
 */
export function reportContextFailure(error: unknown, requestId: string): void {
  const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  if (typeof code === 'string' && PUBLIC_ERROR_CODES.has(code)) return;
  logMaskedError({ requestId, code, message: error instanceof Error ? error.message : String(error) });
}

function logMaskedError(entry: Record<string, unknown>): void {
  process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'masked GraphQL error', ...entry })}\n`);
}

/** Runs reportMaskedErrors on every answer of the gateway and the subgraphs, whose contexts carry the request id. */
export function maskedErrorsPlugin(): ApolloServerPlugin<RequestIdContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind === 'single') reportMaskedErrors(response.body.singleResult.errors ?? [], contextValue.requestId);
        },
      };
    },
  };
}
