import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type BaseContext } from '@apollo/server';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface HttpRequest {
  method: string;
  path: string;
  search: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
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
}

/**
 * A small HTTP front for Apollo Server (no web framework): `/graphql` goes to Apollo, other routes
 * (health, metrics, landing page, ingest webhooks) to plain handlers. Without `graphql`, only the routes.
 */
export function createHttpServer<Context extends BaseContext>(
  graphql: GraphqlEndpoint<Context> | null,
  routes: Route[] = [],
): http.Server {
  const server = http.createServer((req, res) => {
    handle(graphql, routes, req).then(
      (response) => send(res, response),
      (error: Error) => send(res, { status: 500, body: JSON.stringify({ error: error.message }) }),
    );
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
): Promise<HttpResponse> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  const matching = routes.filter(
    (route) => route.method === method && (typeof route.path === 'string' ? route.path === url.pathname : route.path.test(url.pathname)),
  );
  const limit = matching[0]?.maxBodyBytes ?? MAX_BODY_BYTES;
  const body = await readBody(req, limit);
  if (body === null) return matching[0]?.tooLarge?.(limit) ?? json(413, { error: `Request body larger than ${limit} bytes.` });
  const request: HttpRequest = { method, path: url.pathname, search: url.search, headers: req.headers, body };

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
  const result = await graphql.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method, headers, search: request.search, body },
    context: () => graphql.context(request),
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

function send(res: http.ServerResponse, response: HttpResponse): void {
  res.writeHead(response.status, response.headers ?? {});
  res.end(response.body);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  // A declared length past the limit is refused before any of the body is kept; the bytes are drained, not stored.
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
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

export function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}
