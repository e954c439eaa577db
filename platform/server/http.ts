import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type BaseContext } from '@apollo/server';
import { allowedOrigins, corsHeaders, preflightResponse } from './cors';
import { REQUEST_ID_HEADER, requestIdFor } from './request-id';
import { observeRequest, type ServiceObservability } from '../observability';
import { reportContextFailure } from '../graphql/errors';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface HttpRequest {
  method: string;
  path: string;
  search: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The caller's address (the first X-Forwarded-For entry when NONGSAN_TRUST_PROXY=on): anonymous rate limits use it. */
  remoteAddress?: string;
  /** The x-request-id of this request (the caller's, or a new one): every answer carries it, subgraph calls too. */
  requestId: string;
}

export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

export interface Route {
  method: 'GET' | 'POST';
  /** Exact path, or a pattern whose groups are passed on as params. */
  path: string | RegExp;
  /** `null` lets the request go on to the next route or to GraphQL (a page for browsers only, say). */
  handle(request: HttpRequest, params: string[]): Promise<HttpResponse | null> | HttpResponse | null;
  /** A larger (or smaller) body limit than MAX_BODY_BYTES for this route: bulk capture documents, say. */
  maxBodyBytes?: number;
  /** The answer when the body passes the limit, in the route's own error format. */
  tooLarge?(limit: number): HttpResponse;
}

export interface GraphqlEndpoint<Context extends BaseContext> {
  path: string;
  apollo: ApolloServer<Context>;
  context(request: HttpRequest): Promise<Context>;
  /** The body limit of GraphQL requests, smaller than MAX_BODY_BYTES at the gateway (NONGSAN_GRAPHQL_MAX_BODY_BYTES). */
  maxBodyBytes?: number;
  /**
   * Checks a request before Apollo Server parses it (limits, rate, safelist; platform/graphql/admission.ts): an answer
   * refuses it; `search` replaces a GET request's parameters. `context` is the same one Apollo Server then gets.
   */
  admit?(request: HttpRequest, body: unknown, context: () => Promise<Context>): Promise<{ response: HttpResponse } | { search?: string } | undefined>;
}

/**
 * A small HTTP front for Apollo Server (no web framework): `/graphql` goes to Apollo, other routes
 * (health, metrics, landing page, ingest webhooks) to plain handlers. Without `graphql`, only the routes.
 */
export function createHttpServer<Context extends BaseContext>(
  graphql: GraphqlEndpoint<Context> | null,
  routes: Route[] = [],
  options: { observability?: ServiceObservability } = {},
): http.Server {
  const origins = allowedOrigins();
  const server = http.createServer((req, res) => {
    const requestId = requestIdFor(req.headers);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    observeRequest(options.observability, { method: req.method ?? 'GET', path, headers: req.headers, requestId }, graphql?.path, () =>
      handle(graphql, routes, req, requestId, origins).catch((error: Error): HttpResponse => {
        // The error's message may carry internals (SQL, paths): the log has it, the caller gets the request id.
        options.observability?.log.error({ err: error, path, requestId }, 'request failed');
        return json(500, { error: `Internal error: give support the x-request-id ${requestId}.` });
      }),
    ).then((response) => send(res, response, requestId, draining.has(server)));
  });
  // The gateway keeps connections to subgraphs alive; if the server closed an idle one first (Node's default is
  // 5 s), a request sent on it just then fails with "socket hang up". Idle connections stay open longer than
  // any client's idle timeout instead.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

async function handle<Context extends BaseContext>(
  graphql: GraphqlEndpoint<Context> | null,
  routes: Route[],
  req: http.IncomingMessage,
  requestId: string,
  origins: string[],
): Promise<HttpResponse> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  const remoteAddress = clientAddress(req);
  if (method === 'OPTIONS') {
    return preflightResponse(req.headers, origins);
  }
  const response = await route(graphql, routes, req, url, method, remoteAddress, requestId);
  return { ...response, headers: { ...response.headers, ...corsHeaders(req.headers, origins) } };
}

async function route<Context extends BaseContext>(
  graphql: GraphqlEndpoint<Context> | null,
  routes: Route[],
  req: http.IncomingMessage,
  url: URL,
  method: string,
  remoteAddress: string | undefined,
  requestId: string,
): Promise<HttpResponse> {
  const matching = routes.filter(
    (route) => route.method === method && (typeof route.path === 'string' ? route.path === url.pathname : route.path.test(url.pathname)),
  );
  const isGraphql = graphql !== null && url.pathname === graphql.path && matching.length === 0;
  const limit = matching[0]?.maxBodyBytes ?? (isGraphql ? graphql.maxBodyBytes : undefined) ?? MAX_BODY_BYTES;
  const body = await readBody(req, limit);
  if (body === null && isGraphql) {
    const message = `The request body is larger than the limit of ${limit} bytes: send a smaller document, or fewer variables per request.`;
    return json(413, { errors: [{ message, extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'body' } }] });
  }
  if (body === null) return matching[0]?.tooLarge?.(limit) ?? json(413, { error: `Request body larger than ${limit} bytes.` });
  const request: HttpRequest = { method, path: url.pathname, search: url.search, headers: req.headers, body, remoteAddress, requestId };

  for (const route of matching) {
    const params = typeof route.path === 'string' ? [] : (route.path.exec(request.path) ?? []).slice(1);
    const response = await route.handle(request, params);
    if (response) return response;
  }
  if (graphql && request.path === graphql.path) return executeGraphql(graphql, request);
  return json(404, { error: `No route for ${request.method} ${request.path}.${graphql ? ` GraphQL is at ${graphql.path}.` : ''}` });
}

async function executeGraphql<Context extends BaseContext>(
  graphql: GraphqlEndpoint<Context>,
  request: HttpRequest,
): Promise<HttpResponse> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown = undefined;
  if (request.body.length > 0) {
    try {
      body = JSON.parse(request.body.toString('utf8'));
    } catch {
      return json(400, { errors: [{ message: 'The request body is not valid JSON.' }] });
    }
  }
  let context: Promise<Context> | undefined;
  const contextOnce = () =>
    (context ??= graphql.context(request).catch((error: unknown) => {
      reportContextFailure(error, request.requestId);
      throw error;
    }));
  let search = request.search;
  if (graphql.admit) {
    const admission = await graphql.admit(request, body, contextOnce);
    if (admission && 'response' in admission) return admission.response;
    search = admission?.search ?? search;
  }
  const result = await graphql.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method, headers, search, body },
    context: contextOnce,
  });
  const responseHeaders: Record<string, string> = {};
  for (const [name, value] of result.headers) responseHeaders[name] = value;
  if (result.body.kind === 'complete') {
    return { status: result.status ?? 200, headers: responseHeaders, body: result.body.string };
  }
  // Incremental delivery is not enabled anywhere in the hub; collect chunks if it ever is.
  let text = '';
  for await (const chunk of result.body.asyncIterator) text += chunk;
  return { status: result.status ?? 200, headers: responseHeaders, body: text };
}

export function json(status: number, value: unknown): HttpResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(value) };
}

function send(res: http.ServerResponse, response: HttpResponse, requestId: string, closing: boolean): void {
  // While draining, kept-alive clients are told to reconnect (to another replica) after this answer.
  const headers = { ...response.headers, [REQUEST_ID_HEADER]: requestId };
  res.writeHead(response.status, closing ? { ...headers, connection: 'close' } : headers);
  res.end(response.body);
}

function clientAddress(req: http.IncomingMessage): string | undefined {
  const forwarded = req.headers['x-forwarded-for'];
  if (process.env.NONGSAN_TRUST_PROXY === 'on' && typeof forwarded === 'string') return forwarded.split(',')[0].trim();
  return req.socket.remoteAddress;
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  // A declared length past the limit is refused before any of the body is kept; the bytes are drained, not stored.
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    // A declared size over the limit is refused at once; the rest of the body is read and dropped.
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      req.resume();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Listens and resolves with the port actually bound (port 0 picks a free one, as the tests do). */
export function listen(server: http.Server, port: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} on ${host} is already in use: stop what runs there or choose another port.`)
          : error,
      );
    });
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** Servers that are shutting down: their answers close the connection, and `/ready` says 503. */
const draining = new WeakSet<http.Server>();

export function isDraining(server: http.Server): boolean {
  return draining.has(server);
}

/** How long a stopping server lets in-flight requests finish (SHUTDOWN_GRACE_MS, default 10 s). */
export function shutdownGraceMs(): number {
  const value = Number(process.env.SHUTDOWN_GRACE_MS ?? 10_000);
  return Number.isFinite(value) && value >= 0 ? value : 10_000;
}

/**
 * Graceful stop: no new connections, idle kept-alive ones closed, requests in flight answered; whatever still runs
 * after `graceMs` is cut.
 */
export function close(server: http.Server, graceMs = shutdownGraceMs()): Promise<void> {
  return new Promise((resolve) => {
    draining.add(server);
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
