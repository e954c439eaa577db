import { AsyncLocalStorage } from 'node:async_hooks';
import crypto from 'node:crypto';
import type http from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** A caller's own id is kept when it is short and plain (it ends up in logs); anything else gets a fresh one. */
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const current = new AsyncLocalStorage<string>();

export function requestIdFor(headers: http.IncomingHttpHeaders): string {
  const given = headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && ACCEPTED_ID.test(given) ? given : crypto.randomUUID();
}

/**
 * Runs one request's work with its id in scope, so that error logs, the gateway's calls to subgraphs and the
 * subgraphs' own logs all carry it without threading it through every function.
 */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return current.run(requestId, work);
}

/** The id of the request being served, if any. */
export function currentRequestId(): string | undefined {
  return current.getStore();
}
