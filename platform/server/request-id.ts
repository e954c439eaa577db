import { AsyncLocalStorage } from 'node:async_hooks';
import crypto from 'node:crypto';
import type http from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** A caller's own id is kept when it is short and plain (it ends up in logs); anything else gets a fresh one. */
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** What code deep in a request (the gateway's subgraph calls, error logs) needs to know about it. */
export interface RequestScope {
  requestId: string;
  /** Set by the service's telemetry (platform/observability/http.ts) once it takes the request. */
  service?: string;
  /** Set once the GraphQL operation is known: labels metrics and logs. */
  operation?: string;
}

// The one async-local store of a request (Node.js 20 pays for each store on every promise the request creates).
const current = new AsyncLocalStorage<RequestScope>();

export function requestIdFor(headers: http.IncomingHttpHeaders): string {
  const given = headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && ACCEPTED_ID.test(given) ? given : crypto.randomUUID();
}

/**
 * Runs one request's work with its id in scope, so that error logs, the gateway's calls to subgraphs and the
 * subgraphs' own logs all carry it without threading it through every function.
 */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return current.run({ requestId }, work);
}

export function withRequestScope<T>(scope: RequestScope, work: () => T): T {
  return current.run(scope, work);
}

/** The id of the request being served, if any. */
export function currentRequestId(): string | undefined {
  return current.getStore()?.requestId;
}

export function currentRequestScope(): RequestScope | undefined {
  return current.getStore();
}
