import fs from 'node:fs';
import path from 'node:path';
import type { Machine } from './machine';
import type { ContenderName, OperationName } from './names';
import { ratio, type LatencySummary } from './statistics';
import { renderSoak, type SoakResult } from './soak';

/** One contender under load on one operation. */
export interface ContenderRun {
  contender: ContenderName;
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  latencyMs: LatencySummary;
  errors: { http: number; graphql: number; transport: number; example?: string };
  /** SQL statements sent to PostgreSQL per request, all subgraphs together (the limit's own for the limit). */
  sqlStatementsPerRequest: number | null;
  /** The same, by subgraph. */
  sqlStatementsPerRequestBySource: Record<string, number>;
  /** GraphQL requests the gateway sent to subgraphs per request (its query plan's fetches); null for the limit. */
  subgraphRequestsPerRequest: number | null;
  /** Peak resident memory of the contender's process sampled while this operation ran. */
  peakRssMiB: number | null;
  /**
   * CPU time the contender's process spent per request, in milliseconds: steadier than requests per second
   * on a machine that other work shares.
   */
  cpuMsPerRequest: number | null;
  /** CPU time the four subgraph processes spent per request (gateways), in milliseconds. */
  subgraphsCpuMsPerRequest: number | null;
  /** Figures divided by ours (filled in by addRatios). */
  ratios?: Ratios;
  /** With several rounds: requests per second of each round; this run is the median one. */
  roundsRequestsPerSecond?: number[];
}

export interface Ratios {
  requestsPerSecond: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  peakRss: number | null;
  cpuMsPerRequest: number | null;
}

/** Statements one request costs, measured request by request on the verification samples. */
export interface StatementCheck {
  contender: ContenderName;
  samples: number;
  /** Fewest and most statements one request cost, all subgraphs together. */
  min: number;
  max: number;
  /** Most statements one request cost in each subgraph. */
  maxBySource: Record<string, number>;
  /** Most subgraph fetches one request cost (gateways). */
  maxSubgraphRequests: number | null;
  /** Most list items in one answer: statements that do not grow with it show batching. */
  maxListItems: number;
}

export interface OperationResult {
  name: OperationName;
  title: string;
  runs: ContenderRun[];
  statementChecks: StatementCheck[];
}

export interface ContenderSummary {
  name: ContenderName;
  label: string;
  /** Peak resident memory of the process over the whole load phase (VmHWM). */
  peakRssMiB: number | null;
  startupSeconds: number;
}

export interface BenchResult {
  date: string;
  startedAt: string;
  /** "demo" or the number of households. */
  size: string;
  dataset: { kind: 'demo' | 'generated'; households: number; seed: number | null; rows: Record<string, number> };
  settings: {
    durationSeconds: number;
    warmupSeconds: number;
    connections: number;
    rounds: number;
    verifiedSamplesPerOperation: number;
    /** Older result files have none: each subgraph had its own process. */
    subgraphProcesses?: 'each' | 'one';
  };
  machine: Machine;
  contenders: ContenderSummary[];
  /** Peak resident memory (VmHWM) of each subgraph process over the whole run; older result files have none. */
  subgraphMemory?: { subgraphs: string[]; peakRssMiB: number | null }[];
  operations: OperationResult[];
  /** Operations the data set gave nothing to run on. */
  skippedOperations: { name: OperationName; title: string }[];
  /** With --soak: memory over a long run at a steady share of the peak rate. */
  soak?: SoakResult;
}

/**
 * The round with the median requests per second (the lower middle one of an even count), all its figures kept
 * together, with every round's requests per second beside it.
 */
export function medianRun(runs: ContenderRun[]): ContenderRun {
  if (runs.length === 0) throw new Error('No run to choose from.');
  const sorted = [...runs].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  return runs.length === 1 ? median : { ...median, roundsRequestsPerSecond: runs.map((run) => run.requestsPerSecond) };
}

/** Adds to every run its figures as a ratio to our gateway's on the same operation. */
export function addRatios(result: BenchResult): BenchResult {
  const oursPeak = result.contenders.find((contender) => contender.name === 'ours')?.peakRssMiB;
  for (const operation of result.operations) {
    const ours = operation.runs.find((run) => run.contender === 'ours');
    for (const run of operation.runs) {
      run.ratios = {
        requestsPerSecond: ratio(run.requestsPerSecond, ours?.requestsPerSecond),
        p50: ratio(run.latencyMs.p50, ours?.latencyMs.p50),
        p95: ratio(run.latencyMs.p95, ours?.latencyMs.p95),
        p99: ratio(run.latencyMs.p99, ours?.latencyMs.p99),
        peakRss: ratio(run.peakRssMiB, ours?.peakRssMiB ?? oursPeak),
        cpuMsPerRequest: ratio(run.cpuMsPerRequest, ours?.cpuMsPerRequest),
      };
    }
  }
  return result;
}

export function resultBaseName(result: Pick<BenchResult, 'date' | 'size'>): string {
  return `${result.date}-${result.size}`;
}

/** Writes <dir>/<date>-<size>.json and .md; returns their paths. */
export function writeResults(dir: string, result: BenchResult): { json: string; markdown: string } {
  fs.mkdirSync(dir, { recursive: true });
  const base = path.join(dir, resultBaseName(result));
  const files = { json: `${base}.json`, markdown: `${base}.md` };
  fs.writeFileSync(files.json, `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(files.markdown, renderMarkdown(result));
  return files;
}

const LABELS: Record<ContenderName, string> = {
  ours: 'ours',
  apollo: 'Apollo Gateway',
  hive: 'Hive Gateway',
  'hive-rust': 'Hive Gateway, Rust planner',
  limit: 'SQL limit',
};

function fixed(value: number | null | undefined, digits: number): string {
  return value == null || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
}

function withRatio(value: string, ratioValue: number | null | undefined, isOurs: boolean): string {
  if (isOurs || ratioValue == null) return value;
  return `${value} (${ratioValue.toFixed(2)}×)`;
}

function errorsCell(run: ContenderRun): string {
  const total = run.errors.http + run.errors.graphql + run.errors.transport;
  return total === 0 ? '0' : `${total} (HTTP ${run.errors.http}, GraphQL ${run.errors.graphql}, connection ${run.errors.transport})`;
}

export function renderMarkdown(result: BenchResult): string {
  const { machine, settings, dataset } = result;
  const names = result.contenders.map((contender) => contender.name);
  const lines: string[] = [];
  // One row per operation, one column per contender ("n/a" where it did not run).
  const summaryTable = (cell: (run: ContenderRun) => string): string[] => [
    `| operation | ${names.map((name) => LABELS[name]).join(' | ')} |`,
    `| --- | ${names.map(() => '---:').join(' | ')} |`,
    ...result.operations.map((operation) => {
      const cells = names.map((name) => {
        const run = operation.runs.find((candidate) => candidate.contender === name);
        return run ? cell(run) : 'n/a';
      });
      return `| ${operation.name} | ${cells.join(' | ')} |`;
    }),
  ];
  const rows = Object.entries(dataset.rows)
    .map(([table, count]) => `${count.toLocaleString('en-US')} ${table}`)
    .join(', ');
  lines.push(
    `# Benchmark ${result.date}: ${dataset.kind === 'demo' ? 'demo data set' : `${dataset.households.toLocaleString('en-US')} households (seed ${dataset.seed})`}`,
    '',
    `Data: ${rows}.`,
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, ${machine.os}, Node.js ${machine.node}; ` +
      `load average ${machine.loadAverage} at the start.`,
    `Load: ${settings.connections} connections for ${settings.durationSeconds} s per operation and contender, after ` +
      `${settings.warmupSeconds} s of warm-up${settings.rounds > 1 ? `; each figure from the median of ${settings.rounds} rounds in which the contenders took turns, the limit first and the gateways each round starting one further along` : ''}. Each gateway is one process in front of the same four subgraphs ${settings.subgraphProcesses === 'one' ? '(all four in one process)' : '(one process each)'}; ` +
      'the limit is one process running one hand-written SQL statement per request.',
    `Before the load every contender gave the same answers for ${settings.verifiedSamplesPerOperation} sets of variables per operation.`,
    '',
    ...(result.skippedOperations.length
      ? [`Not run, as the data set gives nothing to run them on: ${result.skippedOperations.map((operation) => `${operation.name} (${operation.title})`).join(', ')}.`, '']
      : []),
    'Ratios are to our gateway: above 1× means more requests per second, or more latency and memory, than ours.',
    '',
    '## Requests per second',
    '',
    ...summaryTable((run) => withRatio(fixed(run.requestsPerSecond, 0), run.ratios?.requestsPerSecond, run.contender === 'ours')),
    '',
    '## CPU time of the contender process per request (ms)',
    '',
    'Less disturbed than requests per second by other work on the machine; the subgraphs\' share is in the tables below.',
    '',
    ...summaryTable((run) => withRatio(fixed(run.cpuMsPerRequest, 2), run.ratios?.cpuMsPerRequest, run.contender === 'ours')),
  );
  lines.push(
    '',
    '## Peak memory of the gateway process (whole run)',
    '',
    '| contender | peak RSS MiB | started in s |',
    '| --- | ---: | ---: |',
  );
  const oursPeak = result.contenders.find((contender) => contender.name === 'ours')?.peakRssMiB;
  for (const contender of result.contenders) {
    const peak = withRatio(fixed(contender.peakRssMiB, 0), ratio(contender.peakRssMiB, oursPeak), contender.name === 'ours');
    lines.push(`| ${LABELS[contender.name]} (${contender.label}) | ${peak} | ${fixed(contender.startupSeconds, 1)} |`);
  }
  if (result.subgraphMemory?.length) {
    lines.push('', '## Peak memory of the subgraph processes (whole run)', '', '| process | peak RSS MiB |', '| --- | ---: |');
    for (const row of result.subgraphMemory) lines.push(`| ${row.subgraphs.join(', ')} | ${fixed(row.peakRssMiB, 0)} |`);
  }
  for (const operation of result.operations) {
    lines.push(
      '',
      `## ${operation.name}: ${operation.title}`,
      '',
      '| contender | req/s | p50 ms | p95 ms | p99 ms | errors | CPU ms/request | subgraphs CPU ms/request | subgraph CPU ms/call | SQL/request | subgraph calls/request | peak RSS MiB |',
      '| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const run of operation.runs) {
      const ours = run.contender === 'ours';
      lines.push(
        `| ${LABELS[run.contender]} | ${withRatio(fixed(run.requestsPerSecond, 0), run.ratios?.requestsPerSecond, ours)} | ` +
          `${withRatio(fixed(run.latencyMs.p50, 1), run.ratios?.p50, ours)} | ${withRatio(fixed(run.latencyMs.p95, 1), run.ratios?.p95, ours)} | ` +
          `${withRatio(fixed(run.latencyMs.p99, 1), run.ratios?.p99, ours)} | ${errorsCell(run)} | ` +
          `${withRatio(fixed(run.cpuMsPerRequest, 2), run.ratios?.cpuMsPerRequest, ours)} | ${fixed(run.subgraphsCpuMsPerRequest, 2)} | ${fixed(perSubgraphCall(run), 2)} | ${fixed(run.sqlStatementsPerRequest, 1)} | ` +
          `${fixed(run.subgraphRequestsPerRequest, 1)} | ${withRatio(fixed(run.peakRssMiB, 0), run.ratios?.peakRss, ours)} |`,
      );
    }
    const checks = operation.statementChecks.filter((check) => check.samples > 0);
    if (checks.length > 0) {
      lines.push(
        '',
        `Statements per request, one request at a time on the verification samples (answers of up to ${Math.max(...checks.map((check) => check.maxListItems))} list items): ` +
          checks
            .map(
              (check) =>
                `${LABELS[check.contender]} ${check.min === check.max ? check.max : `${check.min}-${check.max}`}` +
                (check.maxSubgraphRequests === null ? '' : ` in at most ${check.maxSubgraphRequests} subgraph calls`),
            )
            .join('; ') +
          '.',
      );
    }
  }
  lines.push('');
  if (result.soak) lines.push(...renderSoak(result.soak));
  return lines.join('\n');
}

/** The subgraphs' CPU divided by the query plan's fetches: what one subgraph call costs (issue 15's yardstick). */
export function perSubgraphCall(run: { subgraphsCpuMsPerRequest: number | null; subgraphRequestsPerRequest: number | null }): number | null {
  if (run.subgraphsCpuMsPerRequest === null || !run.subgraphRequestsPerRequest) return null;
  return run.subgraphsCpuMsPerRequest / run.subgraphRequestsPerRequest;
}
