import autocannon from 'autocannon';
import { SeededRandom } from '../demo/random';
import { summariseLatencies, type LatencySummary } from './statistics';

export interface LoadRequest {
  path: string;
  body: string;
}

export interface LoadOptions {
  /** e.g. http://127.0.0.1:4100 */
  origin: string;
  /** The requests to draw from at random, one per request sent. */
  requests: LoadRequest[];
  seconds: number;
  connections: number;
  seed: number;
  /** Requests per second over all connections (a steady load, for the soak); as fast as answers come without it. */
  overallRate?: number;
}

export interface LoadResult {
  /** Responses received. */
  requests: number;
  /** Requests sent, those cut off at the end included. */
  sent: number;
  seconds: number;
  requestsPerSecond: number;
  latencyMs: LatencySummary;
  errors: {
    /** Responses with a status other than 2xx. */
    http: number;
    /** 2xx responses whose body carries GraphQL `errors`. */
    graphql: number;
    /** Connection errors and timeouts. */
    transport: number;
    /** The first error body seen, to say what went wrong. */
    example?: string;
  };
}

/** GraphQL answers errors in an `errors` list; looking for it is cheap enough to do on every response. */
export function hasGraphqlErrors(body: string): boolean {
  return body.includes('"errors":');
}

/** Drives `connections` keep-alive connections for `seconds`, each request with variables drawn at random. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const random = new SeededRandom(options.seed);
  const latencies: number[] = [];
  let graphqlErrors = 0;
  let example: string | undefined;
  const instance = autocannon({
    url: options.origin,
    connections: options.connections,
    duration: options.seconds,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    timeout: 30,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const next = options.requests[Math.floor(random.next() * options.requests.length)];
          return { ...request, path: next.path, body: next.body };
        },
        onResponse: (status, body) => {
          if (status >= 200 && status < 300 && !hasGraphqlErrors(body)) return;
          if (status >= 200 && status < 300) graphqlErrors += 1;
          example ??= `HTTP ${status}: ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => {
    latencies.push(responseTimeMs);
  });
  const result = await instance;
  return {
    requests: latencies.length,
    sent: result.requests.sent,
    seconds: result.duration,
    requestsPerSecond: latencies.length / result.duration,
    latencyMs: summariseLatencies(latencies),
    errors: { http: result.non2xx, graphql: graphqlErrors, transport: result.errors + result.timeouts, example },
  };
}
