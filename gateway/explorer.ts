import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { HttpRequest, HttpResponse } from '../platform/server/http';
import { repoRoot } from '../platform/repo-root';

/** What the explorer page is filled with. */
export interface ExplorerOptions {
  /** Where the page sends its operations (a path on the same origin). */
  endpoint: string;
  /** Pre-filled in the query editor. */
  exampleQuery: string;
  /** Pre-filled in the variables editor. */
  exampleVariables?: Record<string, unknown>;
}

let template: string | undefined;

/** explorer.html sits next to this file in the sources; the tsc build (dist/gateway/) reads it from the sources. */
function loadTemplate(): string {
  if (template === undefined) {
    const candidates = [path.join(__dirname, 'explorer.html'), path.join(repoRoot(), 'gateway', 'explorer.html')];
    const file = candidates.find((candidate) => fs.existsSync(candidate));
    if (!file) throw new Error(`The explorer page is missing: looked for ${candidates.join(' and ')}.`);
    template = fs.readFileSync(file, 'utf8');
  }
  return template;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The explorer page as HTML; `nonce` marks its one inline script and style block for the CSP header. */
export function renderExplorer(options: ExplorerOptions, nonce: string): string {
  const values: Record<string, string> = {
    NONCE: nonce,
    ENDPOINT: escapeHtml(options.endpoint),
    QUERY: escapeHtml(options.exampleQuery),
    VARIABLES: escapeHtml(JSON.stringify(options.exampleVariables ?? {}, null, 2)),
  };
  return loadTemplate().replace(/\{\{([A-Z]+)\}\}/g, (placeholder, key: string) => values[key] ?? placeholder);
}

/** The page with headers that forbid anything not served by this origin. */
export function explorerResponse(options: ExplorerOptions): HttpResponse {
  const nonce = randomBytes(16).toString('base64');
  return {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy':
        `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; ` +
        `img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
    body: renderExplorer(options, nonce),
  };
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
