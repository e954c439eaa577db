import crypto from 'node:crypto';
import type http from 'node:http';

/**
 * Every request's id (the caller's x-request-id, or a new one) travels in the request's own objects: HttpRequest,
 * the GraphQL context, the gateway's subgraph calls. Not in an AsyncLocalStorage: on Node.js 20 and 22 one store
 * running per request keeps async hooks on for every promise of the process, a quarter of a subgraph's CPU per call
 * (docs/performance.md).
 */
export const REQUEST_ID_HEADER = 'x-request-id';

/** The part of a GraphQL context (the gateway's and the subgraphs') that names its request in logs and subgraph calls. */
export interface RequestIdContext {
  requestId?: string;
}

/** A caller's own id is kept when it is short and plain (it ends up in logs); anything else gets a fresh one. */
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFor(headers: http.IncomingHttpHeaders): string {
  const given = headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && ACCEPTED_ID.test(given) ? given : crypto.randomUUID();
}
