import http from 'node:http';
import https from 'node:https';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { PER_REQUEST_HEADERS } from '../platform/observability/subgraph-calls';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherHeaders = FetcherResponse['headers'];

export interface SubgraphFetcher {
  fetch: Fetcher;
  /** The same fetch, for one subgraph: an answer slower than `timeoutMs` fails with SubgraphFetchError('timeout'). */
  forSubgraph(serviceName: string, timeoutMs: number): Fetcher;
  /** Closes the kept-alive connections (when the gateway stops). */
  close(): void;
}

/**
 * A subgraph that could not be reached or did not answer in time. The message names the subgraph; the URL and the
 * socket's reason stay in `detail`, for logs (clients get the subgraph's name, not where it runs).
 */
export class SubgraphFetchError extends Error {
  constructor(
    readonly kind: 'timeout' | 'unavailable',
    readonly serviceName: string | undefined,
    readonly detail: string,
    readonly timeoutMs?: number,
    options?: ErrorOptions,
  ) {
    const subgraph = serviceName ? `the ${serviceName} subgraph` : 'the subgraph';
    super(kind === 'timeout' ? `${subgraph} did not answer within ${timeoutMs} ms` : `${subgraph} could not be reached`, options);
    this.name = 'SubgraphFetchError';
  }
}

interface Service {
  serviceName?: string;
  timeoutMs?: number;
}

/** A subgraph's answer, read in full: several callers may share it. */
interface Answer {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/**
 * How the gateway calls its subgraphs. Apollo Gateway's default fetcher (make-fetch-happen over
 * @npmcli/agent and minipass-fetch) is made for npm's registry traffic: HTTP caching, retries, proxies, and
 * an agent that builds an Error to read its stack on every request. The subgraphs sit next to the gateway
 * and answer small JSON: plain Node.js HTTP over kept-alive connections does the same job with about a
 * quarter less gateway CPU per request (measured with npm run bench, see README, Benchmark).
 *
 * Identical queries in flight at the same time (same subgraph, headers and body: many clients asking for the
 * same province, say) are sent once and share the answer, as Hive Gateway and Apollo Router do by default.
 * Only queries: a mutation is always sent.
 */
export function keepAliveFetcher(): SubgraphFetcher {
  // LIFO reuses the most recently freed connection, so a burst does not keep every socket it opened warm.
  const agents = {
    'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo' }),
    'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo' }),
  };
  const inFlight = new Map<string, Promise<Answer>>();

  const send = (url: string, init: FetcherRequestInit, retryOnStaleConnection: boolean, service: Service): Promise<Answer> =>
    new Promise<Answer>((resolve, reject) => {
      const target = new URL(url);
      const agent = agents[target.protocol as keyof typeof agents];
      if (!agent) {
        reject(new Error(`Subgraph URL ${url} is neither http nor https.`));
        return;
      }
      const transport = target.protocol === 'https:' ? https : http;
      const request = transport.request(target, { method: init.method ?? 'GET', headers: init.headers, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) =>
          reject(new SubgraphFetchError('unavailable', service.serviceName, `reading the answer of ${url} failed, reason: ${error.message}`, undefined, { cause: error })),
        );
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', headers: response.headers, body: Buffer.concat(chunks) }),
        );
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        // The subgraph closed a kept-alive connection as idle just as it was reused: the query never reached it,
        // so it is sent again, once, on a fresh connection.
        if (retryOnStaleConnection && request.reusedSocket && error.code === 'ECONNRESET') {
          resolve(send(url, init, false, service));
          return;
        }
        if (error instanceof SubgraphFetchError) reject(error);
        else reject(new SubgraphFetchError('unavailable', service.serviceName, `request to ${url} failed, reason: ${error.message}`, undefined, { cause: error }));
      });
      if (service.timeoutMs !== undefined) {
        // Covers connecting, the subgraph's work and reading its answer: a frozen subgraph holds no caller for ever.
        const { timeoutMs } = service;
        const timer = setTimeout(
          () => request.destroy(new SubgraphFetchError('timeout', service.serviceName, `no answer from ${url} within ${timeoutMs} ms`, timeoutMs)),
          timeoutMs,
        );
        request.once('close', () => clearTimeout(timer));
      }
      request.end(init.body);
    });

  const fetchFor = (service: Service): Fetcher => async (url: string, init: FetcherRequestInit = {}) => {
    const query = isQuery(init);
    const key = query ? `${url}\n${JSON.stringify(sharedHeaders(init.headers))}\n${init.body}` : undefined;
    let answer = key === undefined ? undefined : inFlight.get(key);
    if (!answer) {
      // The first caller's request id goes along but is no part of the key: callers asking the same share one answer.
      answer = send(url, init, query, service);
      if (key !== undefined) {
        inFlight.set(key, answer);
        const forget = () => inFlight.delete(key);
        answer.then(forget, forget);
      }
    }
    return bufferedResponse(url, await answer);
  };

  return {
    fetch: fetchFor({}),
    forSubgraph: (serviceName, timeoutMs) => fetchFor({ serviceName, timeoutMs }),
    close: () => Object.values(agents).forEach((agent) => agent.destroy()),
  };
}

/** The headers that decide whether two queries may share an answer: all but the request id and trace context. */
function sharedHeaders(headers: FetcherRequestInit['headers']): Record<string, string> {
  const kept: Record<string, string> = { ...(headers as Record<string, string> | undefined) };
  for (const name of PER_REQUEST_HEADERS) delete kept[name];
  return kept;
}

/** Apollo Gateway writes the query first: `{"query":"query Name__subgraph__0(...` or `{"query":"{...`. */
function isQuery(init: FetcherRequestInit): boolean {
  return init.method === 'POST' && typeof init.body === 'string' && (init.body.startsWith('{"query":"query') || init.body.startsWith('{"query":"{'));
}

function bufferedResponse(url: string, answer: Answer): FetcherResponse {
  const { status, body } = answer;
  let used = false;
  const text = async () => {
    used = true;
    return body.toString('utf8');
  };
  return {
    get bodyUsed() {
      return used;
    },
    url,
    redirected: false,
    status,
    ok: status >= 200 && status < 300,
    statusText: answer.statusText,
    headers: responseHeaders(answer.headers),
    text,
    json: async () => JSON.parse(await text()),
    arrayBuffer: async () => {
      used = true;
      return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
    },
    clone: () => bufferedResponse(url, answer),
  };
}

function responseHeaders(received: http.IncomingHttpHeaders): FetcherHeaders {
  const map = new Map<string, string>();
  for (const [name, value] of Object.entries(received)) {
    if (value !== undefined) map.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return {
    get: (name) => map.get(name.toLowerCase()) ?? null,
    has: (name) => map.has(name.toLowerCase()),
    set: (name, value) => void map.set(name.toLowerCase(), value),
    append: (name, value) => {
      const key = name.toLowerCase();
      map.set(key, map.has(key) ? `${map.get(key)}, ${value}` : value);
    },
    delete: (name) => void map.delete(name.toLowerCase()),
    entries: () => map.entries(),
    keys: () => map.keys(),
    values: () => map.values(),
    [Symbol.iterator]: () => map.entries(),
  };
}
