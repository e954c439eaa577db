import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-node';
import { readSupergraph } from '../../gateway/main';
import { EXAMPLE_QUERY, EXAMPLE_VARIABLES, startGateway } from '../../gateway/server';
import { startTracing, stopTracing } from '../../platform/observability';
import { startSubgraph } from '../../platform/server/subgraph-server';
import { SUBGRAPHS } from '../../subgraphs';
import type { HubEnvironment } from './hub';

/**
 * Runs the Journey query once through a gateway and the four subgraphs of its own (real HTTP between them, on the test
 * hub's database) with tracing on, and prints the finished spans as JSON: tests cannot start MikroORM inside jest.
 */
async function main(): Promise<void> {
  const hub = JSON.parse(process.env.NONGSAN_TEST_HUB!) as HubEnvironment;
  const exporter = new InMemorySpanExporter();
  startTracing('nongsan-trace-test', exporter);
  const subgraphs = [];
  for (const subgraph of SUBGRAPHS) subgraphs.push(await startSubgraph(subgraph, { databaseUrl: hub.databaseUrl, port: 0 }));
  const gateway = await startGateway({
    supergraphSdl: readSupergraph(),
    port: 0,
    subgraphUrls: Object.fromEntries(subgraphs.map((running) => [running.name, running.url])),
  });
  exporter.reset();
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'trace-test-1' },
    body: JSON.stringify({ query: EXAMPLE_QUERY, variables: EXAMPLE_VARIABLES }),
  });
  const answer = (await response.json()) as { errors?: unknown[] };
  await gateway.stop();
  for (const running of subgraphs) await running.stop();
  const spans = exporter.getFinishedSpans().map((span) => ({
    name: span.name,
    kind: span.kind,
    traceId: span.spanContext().traceId,
    spanId: span.spanContext().spanId,
    parentId: span.parentSpanContext?.spanId,
    attributes: span.attributes,
  }));
  await stopTracing();
  process.stdout.write(`${JSON.stringify({ errors: answer.errors ?? [], requestId: response.headers.get('x-request-id'), spans })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
