// One id per request, chosen once by the HTTP front (platform/server/request-id.ts): logs, spans, the answer's header
// and error extensions all read that one.
export { REQUEST_ID_HEADER, type RequestScope } from '../server/request-id';
import { currentRequestScope, withRequestScope, type RequestScope } from '../server/request-id';

/**
 * Runs `work` with the request's service (and later its operation) known. Inside the HTTP front's request the scope
 * it opened is filled in rather than a second one opened: every async-local store costs each promise of the request.
 */
export function runInRequest<T>(scope: RequestScope, work: () => T): T {
  const current = currentRequestScope();
  if (current?.requestId === scope.requestId) {
    Object.assign(current, scope);
    return work();
  }
  return withRequestScope(scope, work);
}

/** What code deep in a request (the gateway's subgraph calls, error logs) needs to know about it. */
export function currentRequest(): RequestScope | undefined {
  return currentRequestScope();
}
