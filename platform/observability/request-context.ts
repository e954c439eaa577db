import { AsyncLocalStorage } from 'node:async_hooks';

// One id per request, chosen once by the HTTP front (platform/server/request-id.ts): logs, spans, the answer's header
// and error extensions all read that one.
export { REQUEST_ID_HEADER } from '../server/request-id';

/** What code deep in a request (the gateway's subgraph calls, error logs) needs to know about it. */
export interface RequestScope {
  requestId: string;
  service: string;
  /** Set once the GraphQL operation is known: labels metrics and logs. */
  operation?: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequest<T>(scope: RequestScope, work: () => T): T {
  return storage.run(scope, work);
}

export function currentRequest(): RequestScope | undefined {
  return storage.getStore();
}
