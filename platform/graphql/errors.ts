import type { GraphQLFormattedError } from 'graphql';
import { isProduction, showsInternalDetails } from '../server/environment';
import { currentRequestId } from '../server/request-id';

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

  const requestId = currentRequestId();
  logMaskedError({ requestId, code, serviceName, message: shown.message, path: shown.path });
  return {
    message: INTERNAL_ERROR_MESSAGE,
    ...location,
    extensions: { code: 'INTERNAL_SERVER_ERROR', ...(serviceName ? { serviceName } : {}), ...(requestId ? { requestId } : {}) },
  };
}

/** The original of a masked error goes to the server's log (never to the caller), with the request id to find it by. */
function logMaskedError(entry: Record<string, unknown>): void {
  process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'masked GraphQL error', ...entry })}\n`);
}
