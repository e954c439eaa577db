import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Counter, Histogram } from 'prom-client';
import type { ServiceObservability } from './http';
import { LATENCY_BUCKETS } from './metrics';
import { REQUEST_ID_HEADER } from '../server/request-id';
import { inSpan, injectTraceHeaders, SpanKind, tracingOn } from './tracing';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/** Headers that differ on every request: the gateway's in-flight sharing leaves them out of its key. */
export const PER_REQUEST_HEADERS = ['traceparent', 'tracestate', REQUEST_ID_HEADER];

/**
 * The gateway's calls to one subgraph, observed: the W3C trace context goes along in headers (the gateway's data
 * source sets the request id from the context), each call is a client span, and Prometheus gets its time and
 * failures by subgraph.
 */
export function observedFetcher(observability: ServiceObservability): (subgraph: string, fetcher: Fetcher) => Fetcher {
  const seconds = new Histogram({
    name: 'nongsan_gateway_subgraph_request_duration_seconds',
    help: "Time of the gateway's requests to each subgraph, by outcome (ok, http_error, network_error).",
    labelNames: ['subgraph', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [observability.registry],
  });
  const failures = new Counter({
    name: 'nongsan_gateway_subgraph_errors_total',
    help: "The gateway's failed requests to each subgraph, by reason (an HTTP status, or the network error's code).",
    labelNames: ['subgraph', 'reason'],
    registers: [observability.registry],
  });
  return (subgraph, fetcher) => async (url, init = {}) => {
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
    const call = async () => {
      const headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined) };
      if (tracingOn()) injectTraceHeaders(headers);
      try {
        const response = await fetcher(url, { ...init, headers });
        seconds.labels(subgraph, response.ok ? 'ok' : 'http_error').observe(elapsed());
        if (!response.ok) failures.labels(subgraph, String(response.status)).inc();
        return response;
      } catch (error) {
        seconds.labels(subgraph, 'network_error').observe(elapsed());
        const code = (error as { cause?: { code?: string } }).cause?.code;
        failures.labels(subgraph, code && /^[A-Z_]+$/.test(code) ? code : 'network').inc();
        throw error;
      }
    };
    if (!tracingOn()) return call();
    return inSpan(`POST ${subgraph}`, { kind: SpanKind.CLIENT, attributes: { 'nongsan.subgraph': subgraph, 'server.address': new URL(url).host } }, call);
  };
}
