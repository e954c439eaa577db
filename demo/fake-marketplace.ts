import http from 'node:http';
import { close, listen } from '../platform/server/http';

/**
 * A small stand-in for a marketplace's events API (the real ones are out of reach here), served over HTTP:
 *   GET /api/v1/events?limit=<n>&cursor=<cursor>   Authorization: Bearer <token>
 *   -> { "events": [...], "nextCursor": "...", "hasMore": bool }
 * It serves the events it was given, in order, and can misbehave on chosen requests the way real APIs do.
 */

/** What to do with the n-th request (from 1): answer normally, or fail in one of the usual ways. */
export type Fault = 'too-many-requests' | 'server-error' | 'repeat-previous-page' | null;

export interface FakeMarketplaceOptions {
  events: unknown[];
  token: string;
  port?: number;
  /** Largest page the API serves, whatever `limit` asks. */
  maxPageSize?: number;
  fault?: (requestNumber: number) => Fault;
}

export interface RecordedRequest {
  number: number;
  cursor: string | null;
  status: number;
}

export interface FakeMarketplace {
  url: string;
  requests: RecordedRequest[];
  /** Events published after the start, served to later pulls. */
  publish(events: unknown[]): void;
  stop(): Promise<void>;
}

const encodeCursor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');
function decodeCursor(cursor: string): number | null {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}

export async function startFakeMarketplace(options: FakeMarketplaceOptions): Promise<FakeMarketplace> {
  const events = [...options.events];
  const requests: RecordedRequest[] = [];
  let previousPage: string | null = null;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const cursor = url.searchParams.get('cursor');
    const record = { number: requests.length + 1, cursor, status: 200 };
    requests.push(record);
    const answer = (status: number, body: string, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body);
    };
    if (req.method !== 'GET' || url.pathname !== '/api/v1/events') return answer(404, JSON.stringify({ error: 'not found' }));
    if (req.headers.authorization !== `Bearer ${options.token}`) return answer(401, JSON.stringify({ error: 'invalid token' }));
    const fault = options.fault?.(record.number) ?? null;
    if (fault === 'too-many-requests') return answer(429, JSON.stringify({ error: 'rate limited' }), { 'retry-after': '0' });
    if (fault === 'server-error') return answer(503, JSON.stringify({ error: 'maintenance' }));
    if (fault === 'repeat-previous-page' && previousPage) return answer(200, previousPage);

    const offset = cursor ? decodeCursor(cursor) : 0;
    if (offset === null) return answer(400, JSON.stringify({ error: `invalid cursor ${cursor}` }));
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 100) || 100, options.maxPageSize ?? 1000);
    const page = events.slice(offset, offset + limit);
    const body = JSON.stringify({ events: page, nextCursor: encodeCursor(offset + page.length), hasMore: offset + page.length < events.length });
    previousPage = body;
    answer(200, body);
  });
  const port = await listen(server, options.port ?? 0);
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    publish: (more) => events.push(...more),
    stop: () => close(server),
  };
}
