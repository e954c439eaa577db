import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Buckets for GraphQL and subgraph latency: from a cached lookup (2 ms) to a slow national report (10 s). */
export const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** SQL statements are mostly sub-millisecond index lookups. */
export const SQL_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5];

/**
 * One Prometheus registry per service, so the four subgraphs of the all-in-one hub (one process) each answer
 * `/metrics` with their own figures. Process figures (CPU, memory, event loop) are in each.
 */
export function serviceRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'nongsan_' });
  return registry;
}

/** Operation names come from clients: the first MAX_OPERATIONS well-formed names label metrics, later ones count as "other". */
const MAX_OPERATIONS = 200;

export class OperationNames {
  private readonly seen = new Set<string>();

  label(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'other';
    if (this.seen.has(name)) return name;
    if (this.seen.size >= MAX_OPERATIONS) return 'other';
    this.seen.add(name);
    return name;
  }
}

/** Metrics of the HTTP front every service shares: GraphQL operations and the other routes (webhooks, capture). */
export class HttpMetrics {
  readonly operations: Counter<'operation' | 'outcome'>;
  readonly operationSeconds: Histogram<'operation'>;
  readonly errors: Counter<'operation' | 'code'>;
  readonly routes: Counter<'route' | 'status'>;
  readonly names = new OperationNames();

  constructor(registry: Registry, prefix: string) {
    this.operations = new Counter({
      name: `${prefix}_graphql_operations_total`,
      help: 'GraphQL operations answered, by operation name and outcome (ok, error: any error in the answer).',
      labelNames: ['operation', 'outcome'],
      registers: [registry],
    });
    this.operationSeconds = new Histogram({
      name: `${prefix}_graphql_operation_duration_seconds`,
      help: 'Time to answer a GraphQL operation, by operation name.',
      labelNames: ['operation'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
    this.errors = new Counter({
      name: `${prefix}_graphql_errors_total`,
      help: 'GraphQL errors in answers, by operation name and error code.',
      labelNames: ['operation', 'code'],
      registers: [registry],
    });
    this.routes = new Counter({
      name: `${prefix}_http_route_requests_total`,
      help: 'Requests to routes other than GraphQL (ingest webhooks, EPCIS capture, health), by route and status.',
      labelNames: ['route', 'status'],
      registers: [registry],
    });
  }
}
