import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';

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

/** The caller's id when it is a plain token (a proxy's or the gateway's), else a new one: ids end up in logs. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[\w.:-]{1,128}$/.test(value) ? value : randomUUID();
}
