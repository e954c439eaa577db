import type http from 'node:http';
import type { HttpResponse } from './http';
import { problemResponse } from './problem';

/**
 * Cross-origin access. By default only the hub's own pages (the explorer, served from the same origin, which needs
 * no CORS header) may call it from a browser; NONGSAN_CORS_ORIGINS lists other origins allowed
 * (`https://portal.example.vn,https://data.example.vn`, or `*` for any, without credentials). Apollo Server's CSRF
 * prevention still applies to every origin.
 */
export function allowedOrigins(env: NodeJS.ProcessEnv = process.env): string[] {
  const origins = (env.NONGSAN_CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim().replace(/\/$/, '')).filter(Boolean);
  for (const origin of origins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new Error(`NONGSAN_CORS_ORIGINS: "${origin}" is not an origin (scheme://host[:port], no path).`);
    }
  }
  return origins;
}

const ALLOWED_HEADERS = 'content-type, authorization, x-api-key, x-request-id, apollo-require-preflight, x-apollo-operation-name';

function originOf(headers: http.IncomingHttpHeaders): string | undefined {
  const origin = headers.origin;
  return typeof origin === 'string' ? origin : undefined;
}

/** The CORS headers of an answer to an allowed origin; none for others (the browser then withholds the answer). */
export function corsHeaders(headers: http.IncomingHttpHeaders, origins: string[]): Record<string, string> {
  const origin = originOf(headers);
  if (!origin || !(origins.includes('*') || origins.includes(origin))) return {};
  return { 'access-control-allow-origin': origins.includes('*') ? '*' : origin, 'access-control-expose-headers': 'x-request-id, retry-after', vary: 'Origin' };
}

/** The answer to a preflight (OPTIONS) request. */
export function preflightResponse(requestHeaders: http.IncomingHttpHeaders, origins: string[]): HttpResponse {
  const headers = corsHeaders(requestHeaders, origins);
  if (!headers['access-control-allow-origin']) {
    return problemResponse({
      type: 'https://nongsan-graph.example/problems/origin-not-allowed',
      title: 'Origin not allowed',
      status: 403,
      detail: `${originOf(requestHeaders) ?? 'This origin'} may not call the hub from a browser: its operators can add it to NONGSAN_CORS_ORIGINS.`,
    });
  }
  return {
    status: 204,
    headers: { ...headers, 'access-control-allow-methods': 'GET, POST, OPTIONS', 'access-control-allow-headers': ALLOWED_HEADERS, 'access-control-max-age': '600' },
    body: '',
  };
}
