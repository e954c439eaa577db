import http from 'node:http';
import https from 'node:https';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherHeaders = FetcherResponse['headers'];

/**
 * How the gateway calls its subgraphs. Apollo Gateway's default fetcher (make-fetch-happen over
 * @npmcli/agent and minipass-fetch) is made for npm's registry traffic: HTTP caching, retries, proxies, and
 * an agent that builds an Error to read its stack on every request. The subgraphs sit next to the gateway
 * and answer small JSON: plain Node.js HTTP over kept-alive connections does the same job with a fraction
 * of the CPU (measured with npm run bench: see README, Benchmark).
 */
export interface SubgraphFetcher {
  fetch: Fetcher;
  /** Closes the kept-alive connections (when the gateway stops). */
  close(): void;
}

export function keepAliveFetcher(): SubgraphFetcher {
  // LIFO reuses the most recently freed connection, so a burst does not keep every socket it opened warm.
  const agents = {
    'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo' }),
    'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo' }),
  };
  const fetch: Fetcher = (url: string, init: FetcherRequestInit = {}) =>
    new Promise<FetcherResponse>((resolve, reject) => {
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
        response.on('error', (error) => reject(new Error(`reading the answer of ${url} failed, reason: ${error.message}`, { cause: error })));
        response.on('end', () => resolve(bufferedResponse(url, response, Buffer.concat(chunks))));
      });
      // Like the default fetcher, the message names the subgraph URL, so a client can tell which one is down.
      request.on('error', (error) => reject(new Error(`request to ${url} failed, reason: ${error.message}`, { cause: error })));
      request.end(init.body);
    });
  return {
    fetch,
    close: () => Object.values(agents).forEach((agent) => agent.destroy()),
  };
}

function bufferedResponse(url: string, response: http.IncomingMessage, body: Buffer): FetcherResponse {
  const status = response.statusCode ?? 0;
  const headers = responseHeaders(response);
  let used = false;
  const text = async () => {
    used = true;
    return body.toString('utf8');
  };
  const result: FetcherResponse = {
    get bodyUsed() {
      return used;
    },
    url,
    redirected: false,
    status,
    ok: status >= 200 && status < 300,
    statusText: response.statusMessage ?? '',
    headers,
    text,
    json: async () => JSON.parse(await text()),
    arrayBuffer: async () => {
      used = true;
      return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
    },
    clone: () => bufferedResponse(url, response, body),
  };
  return result;
}

function responseHeaders(response: http.IncomingMessage): FetcherHeaders {
  const map = new Map<string, string>();
  for (const [name, value] of Object.entries(response.headers)) {
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
