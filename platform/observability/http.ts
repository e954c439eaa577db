import type { IncomingHttpHeaders } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { serviceLogger } from './logger';
import { HttpMetrics, serviceRegistry } from './metrics';
import type { RequestIdContext } from '../server/request-id';
import { extractedContext, inSpan, SpanKind, trace, tracingOn } from './tracing';

/** A service's telemetry: its logger, its Prometheus registry and the metrics of its HTTP front. */
export interface ServiceObservability {
  service: string;
  log: Logger;
  registry: Registry;
  http: HttpMetrics;
}

/** `prefix` names the HTTP metrics: `nongsan_gateway_…` at the gateway, `nongsan_subgraph_…` at subgraphs. */
export function serviceObservability(service: string, prefix: 'nongsan_gateway' | 'nongsan_subgraph'): ServiceObservability {
  const registry = serviceRegistry();
  return { service, log: serviceLogger(service), registry, http: new HttpMetrics(registry, prefix) };
}

/** Probes and scrapes come every few seconds: no span, no log line for them. */
const QUIET_PATHS = new Set(['/health', '/ready', '/metrics']);

interface ObservedResponse {
  status: number;
  headers?: Record<string, string>;
}

/**
 * Wraps one HTTP request (with the id the HTTP front chose, the caller's `x-request-id` or a new one): a server span
 * continuing the caller's trace, a log line and the route counters.
 */
export async function observeRequest<R extends ObservedResponse>(
  observability: ServiceObservability | undefined,
  request: { method: string; path: string; headers: IncomingHttpHeaders; requestId: string },
  graphqlPath: string | undefined,
  work: () => Promise<R>,
): Promise<R> {
  const { requestId } = request;
  if (!observability) return work();
  const quiet = QUIET_PATHS.has(request.path);
  const started = process.hrtime.bigint();
  const response =
    quiet || !tracingOn()
      ? await work()
      : await inSpan(
          `${request.method} ${request.path}`,
          {
            kind: SpanKind.SERVER,
            parent: extractedContext(request.headers),
            attributes: { 'http.request.method': request.method, 'url.path': request.path, 'nongsan.service': observability.service, 'nongsan.request_id': requestId },
          },
          async (span) => {
            const answer = await work();
            span.setAttribute('http.response.status_code', answer.status);
            return answer;
          },
        );
  if (request.path !== graphqlPath) {
    if (!quiet) observability.http.routes.labels(request.path, String(response.status)).inc();
    if (!quiet || response.status >= 500) {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      observability.log.info({ requestId, method: request.method, path: request.path, status: response.status, ms: Math.round(ms) }, 'request');
    }
  }
  return response;
}

/**
 * Operation metrics and log lines, once Apollo knows the operation: name, outcome, error codes, time. Never the
 * variables or the result (they may hold personal data).
 */
export function observabilityPlugin(observability: ServiceObservability): ApolloServerPlugin<RequestIdContext> {
  const { http: metrics, log } = observability;
  return {
    async requestDidStart({ request, contextValue }) {
      const started = process.hrtime.bigint();
      // Until the document is parsed (it may never be, if invalid), the name the client sent or the first one written.
      let operation = metrics.names.label(request.operationName ?? /^\s*(?:query|mutation|subscription)\s+([A-Za-z_]\w*)/.exec(request.query ?? '')?.[1]);
      return {
        async didResolveOperation({ operationName }) {
          operation = metrics.names.label(operationName);
          trace.getActiveSpan()?.updateName(`graphql ${operation}`);
          trace.getActiveSpan()?.setAttribute('graphql.operation.name', operation);
        },
        async willSendResponse({ response, errors }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const shown = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const codes = (shown.length ? shown : (errors ?? [])).map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          metrics.operationSeconds.labels(operation).observe(seconds);
          metrics.operations.labels(operation, codes.length ? 'error' : 'ok').inc();
          for (const code of codes) metrics.errors.labels(operation, code).inc();
          const line = { requestId: contextValue.requestId, operation, ms: Math.round(seconds * 1000), errors: codes.length ? codes : undefined };
          if (codes.length) log.warn(line, 'graphql');
          else log.info(line, 'graphql');
        },
      };
    },
  };
}

/** The `/metrics` route of a service. */
export function metricsRoute(observability: ServiceObservability) {
  return {
    method: 'GET' as const,
    path: '/metrics',
    handle: async () => ({
      status: 200,
      headers: { 'content-type': observability.registry.contentType },
      body: await observability.registry.metrics(),
    }),
  };
}
