// One module for the telemetry of every service (gateway and subgraphs): logs, metrics, traces.
export { logger, serviceLogger } from './logger';
export { REQUEST_ID_HEADER } from '../server/request-id';
export { HttpMetrics, OperationNames, serviceRegistry, LATENCY_BUCKETS, SQL_BUCKETS } from './metrics';
export { metricsRoute, observabilityPlugin, observeRequest, serviceObservability, type ServiceObservability } from './http';
export { observeSql } from './sql';
export { observedFetcher, PER_REQUEST_HEADERS } from './subgraph-calls';
export { startTracing, stopTracing, tracingOn, tracer } from './tracing';
