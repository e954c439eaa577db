import fs from 'node:fs';
import path from 'node:path';
import type { HttpRequest, HttpResponse, Route } from '../platform/server/http';
import { repoRoot } from '../platform/repo-root';

/**
 * The explorer (GraphiQL) and the dashboard: front-end sources in explorer/, bundled by Vite into dist/web by
 * `npm run build`, served here with everything they load (scripts, Monaco workers, fonts, styles): no CDN, works offline.
 */
export interface ExplorerOptions {
  /** Where the pages send their operations (a path on the same origin). */
  endpoint: string;
  /** Shown in the explorer's first tab. */
  exampleQuery: string;
  exampleVariables?: Record<string, unknown>;
  /** The built pages; default dist/web under the repository root. */
  webRoot?: string;
}

export const WEB_PREFIX = '/web/';

export function defaultWebRoot(): string {
  return path.join(repoRoot(), 'dist', 'web');
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

// Monaco styles itself at run time (inline styles) and runs its language services in workers from this origin.
const CSP =
  "default-src 'none'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; " +
  "img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const PAGE_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function notBuilt(webRoot: string): HttpResponse {
  return {
    status: 503,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: `The explorer is not built (${webRoot} is missing): run npm run build, which bundles it with Vite.`,
  };
}

/** JSON inside a <script type="application/json"> block: "</" and U+2028/2029 escaped so the text cannot end the block. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A built page, with the explorer's settings written into it (the endpoint and the first tab's query). */
function pageResponse(options: ExplorerOptions, file: string): HttpResponse {
  const webRoot = options.webRoot ?? defaultWebRoot();
  const full = path.join(webRoot, file);
  if (!fs.existsSync(full)) return notBuilt(webRoot);
  const settings = { endpoint: options.endpoint, defaultQuery: options.exampleQuery, defaultVariables: options.exampleVariables ?? {} };
  const html = fs
    .readFileSync(full, 'utf8')
    .replace('</head>', `<script type="application/json" id="explorer-config">${scriptJson(settings)}</script></head>`);
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', ...PAGE_HEADERS }, body: html };
}

export function explorerResponse(options: ExplorerOptions): HttpResponse {
  return pageResponse(options, 'explorer.html');
}

export function dashboardResponse(options: ExplorerOptions): HttpResponse {
  return pageResponse(options, 'dashboard.html');
}

/** A bundled file under /web/ (hashed names: cached for good); never a path outside the built folder. */
export function webAsset(options: ExplorerOptions, requestPath: string): HttpResponse | null {
  const webRoot = path.resolve(options.webRoot ?? defaultWebRoot());
  let relative: string;
  try {
    relative = decodeURIComponent(requestPath.slice(WEB_PREFIX.length));
  } catch {
    return null;
  }
  const full = path.resolve(webRoot, relative);
  if (!full.startsWith(webRoot + path.sep) || path.extname(full) === '.html') return null;
  if (!fs.existsSync(full) || !fs.statSync(full).isFile()) return null;
  return {
    status: 200,
    headers: {
      'content-type': CONTENT_TYPES[path.extname(full)] ?? 'application/octet-stream',
      'cache-control': relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    },
    body: fs.readFileSync(full),
  };
}

/** The explorer at / (and at the GraphQL path for browsers), the dashboard at /dashboard, their files under /web/. */
export function explorerRoutes(options: ExplorerOptions, graphqlPath: string): Route[] {
  return [
    { method: 'GET', path: '/', handle: () => explorerResponse(options) },
    // Browsers get the explorer; GraphQL over GET goes on to Apollo.
    { method: 'GET', path: graphqlPath, handle: (request) => (wantsExplorer(request) ? explorerResponse(options) : null) },
    { method: 'GET', path: /^\/dashboard\/?$/, handle: () => dashboardResponse(options) },
    { method: 'GET', path: /^\/web\/.+$/, handle: (request) => webAsset(options, request.path) },
  ];
}

/**
 * A browser opening the endpoint: a GET without query string whose Accept header prefers HTML to JSON
 * (a bare wildcard, as curl sends, does not count: such clients get GraphQL's answer).
 */
export function wantsExplorer(request: HttpRequest): boolean {
  if (request.method !== 'GET' || (request.search !== '' && request.search !== '?')) return false;
  const accept = request.headers.accept;
  if (!accept) return false;
  const header = Array.isArray(accept) ? accept.join(',') : accept;
  const html = acceptQuality(header, 'text', 'html');
  return html > 0 && html > acceptQuality(header, 'application', 'json');
}

/** The q-value an Accept header gives a media type, taken from its most specific matching range. */
export function acceptQuality(header: string, type: string, subtype: string): number {
  let best = { specificity: -1, q: 0 };
  for (const part of header.split(',')) {
    const [range, ...params] = part.trim().toLowerCase().split(';');
    const [rangeType, rangeSubtype] = range.trim().split('/');
    if (!rangeType || !rangeSubtype) continue;
    let specificity: number;
    if (rangeType === type && rangeSubtype === subtype) specificity = 2;
    else if (rangeType === type && rangeSubtype === '*') specificity = 1;
    else if (rangeType === '*' && rangeSubtype === '*') specificity = 0;
    else continue;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.trim().split('=');
      if (name === 'q') q = Number.isFinite(Number(value)) ? Number(value) : 0;
    }
    if (specificity > best.specificity) best = { specificity, q };
  }
  return best.q;
}
