import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findDifference } from '../bench/compare';
import { roundOrder } from '../bench/contenders';
import { parseLimitQuery } from '../bench/limit';
import { parseOptions, UsageError } from '../bench/options';
import { parseCpuSeconds, parseStatusField } from '../bench/processes';
import { addRatios, medianRun, writeResults, type BenchResult, type ContenderRun } from '../bench/results';
import { percentile, summariseLatencies } from '../bench/statistics';
import { withSubgraphUrls } from '../bench/supergraph-urls';

describe('the benchmark figures', () => {
  it('takes nearest-rank percentiles of the latencies', () => {
    const latencies = Array.from({ length: 200 }, (_, i) => 200 - i); // 200..1, unsorted on purpose
    expect(summariseLatencies(latencies)).toEqual({ p50: 100, p95: 190, p99: 198, mean: 100.5, max: 200 });
    expect(percentile(Float64Array.from([7]), 99)).toBe(7);
    expect(percentile(new Float64Array(0), 50)).toBeNaN();
  });

  it('reads memory and CPU time of a process from /proc', () => {
    expect(parseStatusField('Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n', 'VmHWM')).toBe(200 * 1024 * 1024);
    // The command name may hold spaces and parentheses; utime and stime are fields 14 and 15, in ticks of 1/100 s.
    const stat = '4242 (node (bench) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 75 0 0 20 0 11 0 5000 1000 200';
    expect(parseCpuSeconds(stat)).toBe(3.25);
  });

  it('writes the JSON and a Markdown table with every contender as a ratio to ours', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-bench-'));
    const result = addRatios(fakeResult());
    const files = writeResults(dir, result);
    const written = { json: fs.readFileSync(files.json, 'utf8'), markdown: fs.readFileSync(files.markdown, 'utf8') };
    fs.rmSync(dir, { recursive: true, force: true });

    expect(path.basename(files.json)).toBe('2026-01-02-demo.json');
    expect(JSON.parse(written.json).operations[0].runs[1].ratios).toEqual({
      requestsPerSecond: 0.5,
      p50: 2,
      p95: 2,
      p99: 2.5,
      peakRss: 1.5,
      cpuMsPerRequest: 2,
    });
    const { markdown } = written;
    expect(markdown).toContain('| journey | 400 | 200 (0.50×) |');
    expect(markdown).toContain('| Apollo Gateway | 200 (0.50×) | 20.0 (2.00×) | 40.0 (2.00×) | 50.0 (2.50×) | 3 (HTTP 1, GraphQL 2, connection 0) |');
    expect(markdown).toContain('Test CPU, 2 cores, 4 GiB RAM');
    // Each subgraph process's peak memory, named by the subgraphs it serves.
    expect(markdown).toContain('## Peak memory of the subgraph processes (whole run)\n\n| process | peak RSS MiB |\n| --- | ---: |\n| registry | 181 |\n| marketplace, traceability | 241 |');
    expect(markdown).toContain('in front of the same four subgraphs (one process each)');
  });

  it('reports the median round of several, with every round beside it', () => {
    const rounds = [run('ours', 300), run('ours', 100), run('ours', 200)];
    expect(medianRun(rounds)).toMatchObject({ requestsPerSecond: 200, roundsRequestsPerSecond: [300, 100, 200] });
    expect(medianRun([run('ours', 5)]).roundsRequestsPerSecond).toBeUndefined();
  });

  it('runs the limit first in every round and starts the gateways one further along each round', () => {
    const contenders = [
      { name: 'ours', kind: 'gateway' },
      { name: 'apollo', kind: 'gateway' },
      { name: 'hive', kind: 'gateway' },
      { name: 'limit', kind: 'sql' },
    ];
    const names = (round: number) => roundOrder(contenders, round).map((contender) => contender.name);
    expect(names(1)).toEqual(['limit', 'ours', 'apollo', 'hive']);
    expect(names(2)).toEqual(['limit', 'apollo', 'hive', 'ours']);
    expect(names(3)).toEqual(['limit', 'hive', 'ours', 'apollo']);
    expect(names(4)).toEqual(names(1));
  });
});

describe('the benchmark checks and inputs', () => {
  it('compares answers with keys in any order, lists in order except where told', () => {
    const expected = { data: { household: { id: 'A', crops: ['Vải', 'Lúa'], shops: [{ id: 1 }, { id: 2 }] } } };
    expect(findDifference(expected, { data: { household: { shops: [{ id: 1 }, { id: 2 }], crops: ['Vải', 'Lúa'], id: 'A' } } })).toBeNull();
    expect(findDifference(expected, { data: { household: { id: 'A', crops: ['Lúa', 'Vải'], shops: [{ id: 1 }, { id: 2 }] } } })).toBe(
      'data.household.crops[0]: expected "Vải", got "Lúa"',
    );
    expect(
      findDifference(expected, { data: { household: { id: 'A', crops: ['Lúa', 'Vải'], shops: [{ id: 1 }, { id: 2 }] } } }, ['data.household.crops']),
    ).toBeNull();
    expect(findDifference(expected, { data: { household: { id: 'A', crops: ['Vải', 'Lúa'], shops: [{ id: 1 }] } } })).toBe(
      'data.household.shops: expected 2 items, got 1',
    );
    expect(findDifference({ a: 1 }, { a: 1, b: null })).toBe('b: unexpected (null)');
  });

  it('binds the variables named in a limit statement header to $1, $2..., absent ones as NULL', () => {
    const query = parseLimitQuery('page', '-- parameters: filter.provinceCode, filter.kind, first\nSELECT 1');
    expect(query.parameters({ filter: { provinceCode: '20' }, first: 20 })).toEqual(['20', null, 20]);
    expect(() => parseLimitQuery('broken', 'SELECT 1')).toThrow('bench/limit/broken.sql must start with a "-- parameters: ..." line.');
  });

  it('points plain Apollo Gateway at other subgraph URLs through the supergraph', () => {
    const sdl = 'A @join__graph(name: "registry", url: "http://localhost:4001/graphql")\nB @join__graph(name: "statistics", url: "http://localhost:4002/graphql")';
    expect(withSubgraphUrls(sdl, { registry: 'http://127.0.0.1:4101/graphql' })).toBe(
      'A @join__graph(name: "registry", url: "http://127.0.0.1:4101/graphql")\nB @join__graph(name: "statistics", url: "http://localhost:4002/graphql")',
    );
  });

  it('reads its command line, always keeping our gateway as the reference', () => {
    const options = parseOptions(['--households', '1_000_000', '--gateways', 'limit,hive', '--operations=trace', '--duration', '2.5']);
    expect(options).toMatchObject({ households: 1_000_000, contenders: ['ours', 'hive', 'limit'], operations: ['trace'], duration: 2.5 });
    expect(parseOptions(['--demo']).households).toBe(0);
    expect(() => parseOptions(['--gateways', 'router'])).toThrow(new UsageError('--gateways: unknown "router"; choose from ours, apollo, hive, hive-rust, limit.'));
    expect(() => parseOptions(['--connections'])).toThrow('--connections needs a value.');
    // No soak unless asked: a default run stays as long as before.
    expect(parseOptions([]).soak).toBe(0);
    expect(parseOptions(['--soak', '600']).soak).toBe(600);
    // The subgraphs each in its own process unless asked to share one.
    expect(parseOptions([]).subgraphProcesses).toBe('each');
    expect(parseOptions(['--subgraphs-in-one-process']).subgraphProcesses).toBe('one');
  });
});

function run(contender: ContenderRun['contender'], requestsPerSecond: number, scale = 1): ContenderRun {
  return {
    contender,
    requests: requestsPerSecond * 10,
    seconds: 10,
    requestsPerSecond,
    latencyMs: { p50: 10 * scale, p95: 20 * scale, p99: 20 * scale, mean: 12 * scale, max: 30 * scale },
    errors: { http: 0, graphql: 0, transport: 0 },
    sqlStatementsPerRequest: 12,
    sqlStatementsPerRequestBySource: { registry: 4, marketplace: 8 },
    subgraphRequestsPerRequest: 6,
    peakRssMiB: 100 * scale,
    cpuMsPerRequest: 2 * scale,
    subgraphsCpuMsPerRequest: 5,
  };
}

function fakeResult(): BenchResult {
  const theirs: ContenderRun = {
    ...run('apollo', 200, 2),
    latencyMs: { p50: 20, p95: 40, p99: 50, mean: 25, max: 60 },
    errors: { http: 1, graphql: 2, transport: 0 },
    peakRssMiB: 150,
  };
  return {
    date: '2026-01-02',
    startedAt: '2026-01-02T03:04:05.000Z',
    size: 'demo',
    dataset: { kind: 'demo', households: 297, seed: null, rows: { households: 297 } },
    settings: { durationSeconds: 10, warmupSeconds: 3, connections: 10, rounds: 1, verifiedSamplesPerOperation: 20 },
    machine: { cpu: 'Test CPU', cores: 2, memoryGiB: 4, os: 'Linux', node: 'v20.0.0', loadAverage: 0.5 },
    contenders: [
      { name: 'ours', label: 'our gateway', peakRssMiB: 100, startupSeconds: 1 },
      { name: 'apollo', label: '@apollo/gateway, defaults', peakRssMiB: 150, startupSeconds: 2 },
    ],
    subgraphMemory: [
      { subgraphs: ['registry'], peakRssMiB: 181.4 },
      { subgraphs: ['marketplace', 'traceability'], peakRssMiB: 240.6 },
    ],
    operations: [{ name: 'journey', title: 'Journey', runs: [run('ours', 400), theirs], statementChecks: [] }],
    skippedOperations: [],
  };
}
