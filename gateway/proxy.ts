import { GraphQLError } from 'graphql';
import type { GatewayAccess } from '../platform/access/gateway-identity';
import { IDENTITY_HEADER, signIdentity } from '../platform/access/identity-header';
import type { HttpRequest, HttpResponse, Route } from '../platform/server/http';
import { problemResponse } from '../platform/server/problem';

/**
 * The write doors partners use besides GraphQL, reachable at the gateway's address too (one base URL per partner):
 * the request goes on to the subgraph that serves the path with the caller's identity, read here from their key
 * and signed as for GraphQL; the subgraph applies its own rules (source claims, webhook signatures) as when called
 * directly. Only paths and subgraph names are known here, no subgraph code.
 */
const FORWARDED: { method: 'GET' | 'POST'; path: RegExp; subgraph: string; maxBodyBytes?: number }[] = [
  // EPCIS capture documents run large (the subgraph sets its own limit, by default 100 MiB).
  { method: 'POST', path: /^\/epcis\/capture$/, subgraph: 'traceability', maxBodyBytes: 100 * 1024 * 1024 },
  { method: 'GET', path: /^\/epcis\/capture\/[A-Za-z0-9-]{1,40}$/, subgraph: 'traceability' },
  { method: 'POST', path: /^\/ingest\/marketplace\/[A-Za-z0-9_-]{1,32}$/, subgraph: 'marketplace' },
];

/** Headers the gateway never passes on: credentials stay here, an identity comes only from the gateway itself. */
const DROPPED = new Set(['host', 'authorization', 'x-api-key', IDENTITY_HEADER, 'content-length', 'connection', 'keep-alive', 'transfer-encoding']);

export function forwardingRoutes(subgraphUrl: (name: string) => string | undefined, access: GatewayAccess, secret: string): Route[] {
  return FORWARDED.map(({ method, path, subgraph, maxBodyBytes }) => ({
    method,
    path,
    maxBodyBytes,
    handle: (request: HttpRequest) => forward(request, subgraph, subgraphUrl(subgraph), access, secret),
  }));
}

async function forward(request: HttpRequest, subgraph: string, graphqlUrl: string | undefined, access: GatewayAccess, secret: string): Promise<HttpResponse> {
  if (!graphqlUrl) return problemResponse({ type: 'about:blank', title: 'Not served here', status: 404, detail: `The ${subgraph} subgraph is not part of this gateway's supergraph.` });
  let headers: Record<string, string>;
  try {
    const viewer = await access.viewerOf(request.headers);
    headers = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined && !DROPPED.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    if (viewer.role !== 'public') headers[IDENTITY_HEADER] = signIdentity(viewer, secret);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return problemResponse({ type: 'about:blank', title: 'Credential refused', status: 401, detail: error.message });
  }
  const target = new URL(request.path + request.search, graphqlUrl);
  let response: Response;
  try {
    response = await fetch(target, { method: request.method, headers, body: request.method === 'GET' ? undefined : request.body });
  } catch (error) {
    return problemResponse({ type: 'about:blank', title: 'Subgraph unreachable', status: 502, detail: `The ${subgraph} subgraph could not be reached (${(error as Error).message}); nothing was stored. Try again later.` });
  }
  const answer: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!DROPPED.has(name) && name !== 'content-encoding' && name !== 'date') answer[name] = value;
  });
  return { status: response.status, headers: answer, body: Buffer.from(await response.arrayBuffer()) };
}
