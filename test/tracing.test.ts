import { runScript } from './support/commands';

interface SpanRecord {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentId?: string;
  attributes: Record<string, string | number>;
}

/** SpanKind of @opentelemetry/api: SERVER 1, CLIENT 2. */
const SERVER = 1;
const CLIENT = 2;

describe('traces', () => {
  it('show one Journey as one trace: the gateway, its call to each of the four subgraphs, and their SQL', async () => {
    const run = await runScript('test/support/trace-journey.ts', []);
    expect(run.stderr).toBe('');
    const { errors, requestId, spans } = JSON.parse(run.stdout) as { errors: unknown[]; requestId: string; spans: SpanRecord[] };
    expect(errors).toEqual([]);
    expect(requestId).toBe('trace-test-1');

    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const ancestors = (span: SpanRecord): SpanRecord[] => {
      const found: SpanRecord[] = [];
      for (let parent = byId.get(span.parentId!); parent; parent = byId.get(parent.parentId!)) found.push(parent);
      return found;
    };
    const root = spans.filter((span) => span.parentId === undefined);
    expect(root).toHaveLength(1);
    expect(root[0]).toMatchObject({ name: 'graphql Journey', kind: SERVER, attributes: { 'nongsan.service': 'gateway' } });
    expect(new Set(spans.map((span) => span.traceId))).toEqual(new Set([root[0].traceId]));

    // Each subgraph's server span is a child of one of the gateway's client spans to that subgraph (W3C traceparent over HTTP).
    const subgraphServers = spans.filter((span) => span.kind === SERVER && span.attributes['nongsan.service'] !== 'gateway');
    expect(new Set(subgraphServers.map((span) => span.attributes['nongsan.service']))).toEqual(
      new Set(['registry', 'statistics', 'marketplace', 'traceability']),
    );
    for (const server of subgraphServers) {
      const parent = byId.get(server.parentId!);
      expect(parent).toMatchObject({ kind: CLIENT, attributes: { 'nongsan.subgraph': server.attributes['nongsan.service'] } });
      // Under the gateway's request (Apollo Gateway's own plan and fetch spans sit in between), up to the root.
      expect(ancestors(parent!).at(-1)?.spanId).toBe(root[0].spanId);
      expect(ancestors(parent!).map((span) => span.name)).toContain('gateway.fetch');
    }

    // Every SQL statement sits under the server span of the subgraph that sent it, and shows no bound values.
    const sql = spans.filter((span) => span.attributes['db.system'] === 'postgresql');
    expect(new Set(sql.map((span) => span.attributes['nongsan.service']))).toEqual(new Set(['registry', 'statistics', 'marketplace', 'traceability']));
    for (const statement of sql) {
      const server = ancestors(statement).find((span) => span.kind === SERVER);
      expect(server?.attributes['nongsan.service']).toBe(statement.attributes['nongsan.service']);
      expect(ancestors(statement).at(-1)?.spanId).toBe(root[0].spanId);
      expect(String(statement.attributes['db.query.text'])).not.toContain('HH-07582-00001');
      expect(String(statement.attributes['db.query.text'])).not.toContain("'");
    }
  });
});
