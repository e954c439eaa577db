import path from 'node:path';
import { Client } from 'pg';
import { readSupergraph, supergraphSubgraphs } from '../gateway/main';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../platform/database/embedded';
import { repoRoot } from '../platform/repo-root';
import { findDifference } from './compare';
import { CONTENDERS, roundOrder, type Contender, type ContenderContext } from './contenders';
import { countRows, prepareDataset, sizeLabel, type BenchDatabase } from './dataset';
import { runLoad } from './load';
import { describeMachine } from './machine';
import { readCounters, type CounterReading } from './metrics';
import type { ContenderName } from './names';
import { loadOperations, verificationSamples, type Operation, type SkippedOperation, type Variables } from './operations';
import { HELP, parseOptions, UsageError, type BenchOptions } from './options';
import { delay, samplePeakRss, startSubgraphProcess, type ServerProcess } from './processes';
import { addRatios, medianRun, perSubgraphCall, renderMarkdown, writeResults, type BenchResult, type ContenderRun, type ContenderSummary, type OperationResult, type StatementCheck } from './results';
import { counterDeltas, sum } from './statistics';
import { soak, type SoakResult } from './soak';

/** The embedded PostgreSQL of the benchmark, apart from the hub's (54329) so both can run. */
const DEFAULT_BENCH_DATABASE_PORT = 54339;
const HOST = '127.0.0.1';
const MIB = 1024 * 1024;

interface GraphqlAnswer {
  data?: unknown;
  errors?: { message: string }[];
}

/** What stays running until the end (or Ctrl+C): stopped in reverse order. */
const running: { name: string; stop(): Promise<void> }[] = [];

async function stopAll(): Promise<void> {
  while (running.length > 0) {
    const item = running.pop()!;
    await item.stop().catch((error: Error) => console.error(`Could not stop ${item.name}: ${error.message}`));
  }
}

export async function runBenchmark(options: BenchOptions, log: (line: string) => void = console.log): Promise<BenchResult> {
  const root = repoRoot();
  const size = sizeLabel(options.households);
  const dataDir = path.join(root, '.data', `bench-${size}`);
  const logDir = path.join(dataDir, 'logs');
  const startedAt = new Date();
  const machine = describeMachine();
  log(`Benchmark on ${size === 'demo' ? 'the demo data set' : `${options.households} households`}: ${machine.cpu}, ${machine.cores} cores, Node.js ${machine.node}.`);

  let database: BenchDatabase;
  if (process.env.DATABASE_URL) {
    database = { url: process.env.DATABASE_URL, own: false };
  } else {
    const embeddedOptions = { dataDir: path.join(dataDir, 'postgres'), port: Number(process.env.DATABASE_PORT ?? DEFAULT_BENCH_DATABASE_PORT) };
    let embedded: EmbeddedDatabase = await startEmbeddedPostgres(embeddedOptions);
    running.push({ name: 'PostgreSQL', stop: () => embedded.stop() });
    database = {
      url: embedded.url,
      own: true,
      withSettings: async (settings, work) => {
        await embedded.stop();
        embedded = await startEmbeddedPostgres({ ...embeddedOptions, settings });
        try {
          return await work(embedded.url);
        } finally {
          await embedded.stop();
          embedded = await startEmbeddedPostgres(embeddedOptions);
        }
      },
    };
    log(`PostgreSQL (embedded) on port ${embeddedOptions.port}, data in ${path.relative(root, dataDir)}/postgres`);
  }
  await prepareDataset({ households: options.households, seed: options.seed }, database, log);
  const databaseUrl = database.url;

  // The four subgraphs, each in its own process (or all in one), started once and shared by every contender.
  const subgraphUrls: Record<string, string> = {};
  const metricsUrls: Record<string, string> = {};
  const subgraphProcesses: ServerProcess[] = [];
  const subgraphs = supergraphSubgraphs(readSupergraph(root)).map((subgraph, index) => ({ name: subgraph.name, port: options.port + 1 + index }));
  const processGroups = options.subgraphProcesses === 'one' ? [subgraphs] : subgraphs.map((subgraph) => [subgraph]);
  for (const group of processGroups) {
    const server = await startSubgraphProcess({ subgraphs: group, databaseUrl, logDir, demoData: options.households === 0 });
    running.push(server);
    subgraphProcesses.push(server);
    for (const { name, port } of group) {
      subgraphUrls[name] = `http://${HOST}:${port}/graphql`;
      metricsUrls[name] = `http://${HOST}:${port}/metrics`;
      log(`  ${name} subgraph on port ${port} (pid ${server.pid})`);
    }
  }

  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  let rows: Record<string, number>;
  let operations: Operation[];
  let skipped: SkippedOperation[];
  try {
    rows = await countRows(client);
    ({ operations, skipped } = await loadOperations(options.operations, client, options.seed));
  } finally {
    await client.end();
  }
  log(`Data: ${Object.entries(rows).map(([table, count]) => `${count} ${table}`).join(', ')}`);
  for (const operation of skipped) log(`Skipped ${operation.name} (${operation.title}): nothing to run it on in this data set.`);
  if (operations.length === 0) throw new Error('The data set has nothing to run any of the operations on.');

  const context: ContenderContext = { root, host: HOST, port: options.port, subgraphUrls, databaseUrl, logDir };
  const origin = `http://${HOST}:${options.port}`;
  const contenders = options.contenders.map((name) => CONTENDERS[name]);
  const statementSources = (contender: Contender) => (contender.kind === 'gateway' ? metricsUrls : { [contender.name]: `${origin}/metrics` });

  // 1. Every contender must give the same answers before any figure means anything.
  log(`\nChecking that every contender gives the same answers (${options.verifySamples} sets of variables per operation)...`);
  const reference = new Map<string, GraphqlAnswer[]>();
  const statementChecks = new Map<string, StatementCheck[]>(operations.map((operation) => [operation.name, []]));
  const problems: string[] = [];
  for (const contender of contenders) {
    const server = await contender.start(context);
    running.push(server);
    try {
      for (const operation of operations) {
        const samples = verificationSamples(operation, options.verifySamples, options.seed);
        const answers: GraphqlAnswer[] = [];
        const check: StatementCheck = {
          contender: contender.name, samples: samples.length, min: Infinity, max: 0, maxBySource: {},
          maxSubgraphRequests: contender.kind === 'gateway' ? 0 : null, maxListItems: 0,
        };
        for (const variables of samples) {
          const before = await readCounters(statementSources(contender));
          const answer = await ask(origin, contender, operation, variables);
          const after = await readCounters(statementSources(contender));
          answers.push(answer);
          const statements = counterDeltas(before.sqlStatements, after.sqlStatements);
          check.min = Math.min(check.min, sum(statements));
          check.max = Math.max(check.max, sum(statements));
          for (const [source, count] of Object.entries(statements)) check.maxBySource[source] = Math.max(check.maxBySource[source] ?? 0, count);
          if (check.maxSubgraphRequests !== null) {
            check.maxSubgraphRequests = Math.max(check.maxSubgraphRequests, sum(counterDeltas(before.graphqlRequests, after.graphqlRequests)));
          }
          check.maxListItems = Math.max(check.maxListItems, countListItems(answer.data));
        }
        statementChecks.get(operation.name)!.push(check);
        const expected = reference.get(operation.name);
        if (!expected) reference.set(operation.name, answers);
        samples.forEach((variables, index) => {
          const answer = answers[index];
          const where = `${contender.label}, ${operation.name} with ${JSON.stringify(variables)}`;
          if (answer.errors?.length) problems.push(`${where}: errors ${JSON.stringify(answer.errors).slice(0, 300)}`);
          else if (answer.data == null) problems.push(`${where}: no data`);
          else if (expected) {
            const difference = findDifference(expected[index].data, answer.data, operation.unorderedPaths, 'data');
            if (difference) problems.push(`${where}: differs from ${contenders[0].label} at ${difference}`);
          }
        });
      }
    } finally {
      await server.stop();
      running.splice(running.indexOf(server), 1);
    }
    log(`  ${contender.label}: ${problems.length === 0 ? 'same answers' : `${problems.length} problem(s) so far`}`);
  }
  if (problems.length > 0) {
    throw new Error(`The contenders do not give the same answers, so no figure would mean anything:\n  ${problems.slice(0, 20).join('\n  ')}` +
      (problems.length > 20 ? `\n  ... and ${problems.length - 20} more` : ''));
  }

  // 2. Load, one contender at a time, every operation in turn; with several rounds, the median round counts.
  const rounds = new Map<string, ContenderRun[]>();
  const summaries = new Map<ContenderName, ContenderSummary>();
  for (let round = 1; round <= options.rounds; round++) {
    const order = roundOrder(contenders, round);
    for (const contender of order) {
      log(`\n${contender.label}${options.rounds > 1 ? ` (round ${round} of ${options.rounds})` : ''}:`);
      const started = Date.now();
      const server = await contender.start(context);
      running.push(server);
      const startupSeconds = (Date.now() - started) / 1000;
      try {
        // The subgraphs warm up (JIT, PostgreSQL's cache) on the first gateway's requests of a round, after a minute
        // idle while the limit ran (or cold, in the first round): it gets twice the warm-up.
        const warmup = contender === order.find((each) => each.kind === 'gateway') ? options.warmup * 2 : options.warmup;
        for (const operation of operations) {
          const run = await measure(contender, operation, server, warmup);
          const key = `${operation.name}/${contender.name}`;
          rounds.set(key, [...(rounds.get(key) ?? []), run]);
          const errors = run.errors.http + run.errors.graphql + run.errors.transport;
          if (run.requests === 0) log(`  ${operation.name}: no answer came back within ${options.duration} s: give it a longer --duration.`);
          log(
            `  ${operation.name}: ${run.requestsPerSecond.toFixed(0)} req/s, p50 ${run.latencyMs.p50.toFixed(1)} ms, ` +
              `p99 ${run.latencyMs.p99.toFixed(1)} ms, ${run.sqlStatementsPerRequest?.toFixed(1)} SQL/request, ` +
              `CPU ${run.cpuMsPerRequest?.toFixed(2)} ms/request (subgraphs ${run.subgraphsCpuMsPerRequest?.toFixed(2) ?? 'n/a'}, ${perSubgraphCall(run)?.toFixed(2) ?? 'n/a'} per subgraph call)` +
              (errors ? `, ${errors} errors (${run.errors.example})` : ''),
          );
        }
        const peak = server.peakRss() ?? null;
        const previous = summaries.get(contender.name);
        summaries.set(contender.name, {
          name: contender.name,
          label: contender.label,
          peakRssMiB: Math.max(previous?.peakRssMiB ?? 0, peak === null ? 0 : peak / MIB) || null,
          startupSeconds: Math.min(previous?.startupSeconds ?? Infinity, startupSeconds),
        });
      } finally {
        await server.stop();
        running.splice(running.indexOf(server), 1);
      }
    }
  }

  async function measure(contender: Contender, operation: Operation, server: ServerProcess, warmup: number): Promise<ContenderRun> {
    const sources = statementSources(contender);
    const requests = operation.variables.map((variables) => contender.request(operation, variables));
    const load = { origin, requests, connections: options.connections, seed: options.seed };
    if (warmup > 0) await runLoad({ ...load, seconds: warmup });
    const subgraphsCpu = () => sumOrNull(subgraphProcesses.map((subgraph) => subgraph.cpuSeconds()));
    const before = await quietCounters(sources);
    const cpuBefore = { contender: server.cpuSeconds(), subgraphs: subgraphsCpu() };
    const { result, peakRss } = await samplePeakRss(server, () => runLoad({ ...load, seconds: options.duration }));
    // Requests cut off at the end of the run are still at work in the subgraphs: wait for them, count them.
    const after = await quietCounters(sources);
    const cpuAfter = { contender: server.cpuSeconds(), subgraphs: subgraphsCpu() };
    const cpuMsPerRequest = (from: number | null, to: number | null) =>
      from === null || to === null || !result.sent ? null : ((to - from) * 1000) / result.sent;
    const perRequest = (deltas: Record<string, number>) =>
      Object.fromEntries(Object.entries(deltas).map(([source, count]) => [source, result.sent ? count / result.sent : 0]));
    const statements = perRequest(counterDeltas(before.sqlStatements, after.sqlStatements));
    return {
      contender: contender.name,
      requests: result.requests,
      seconds: result.seconds,
      requestsPerSecond: result.requestsPerSecond,
      latencyMs: result.latencyMs,
      errors: result.errors,
      sqlStatementsPerRequest: result.sent ? sum(statements) : null,
      sqlStatementsPerRequestBySource: statements,
      subgraphRequestsPerRequest:
        contender.kind === 'gateway' && result.sent ? sum(counterDeltas(before.graphqlRequests, after.graphqlRequests)) / result.sent : null,
      peakRssMiB: peakRss === null ? null : peakRss / MIB,
      cpuMsPerRequest: cpuMsPerRequest(cpuBefore.contender, cpuAfter.contender),
      subgraphsCpuMsPerRequest: contender.kind === 'gateway' ? cpuMsPerRequest(cpuBefore.subgraphs, cpuAfter.subgraphs) : null,
    };
  }

  // 3. With --soak: memory of every process over a long steady run through our gateway.
  let soakResult: SoakResult | undefined;
  if (options.soak > 0) {
    const operation = operations[0];
    const ours = contenders.find((contender) => contender.name === 'ours')!;
    const peak = medianRun(rounds.get(`${operation.name}/ours`)!).requestsPerSecond;
    log(`\nSoak: ${operation.name} through ${ours.label} for ${options.soak} s at 70% of ${peak.toFixed(0)} req/s...`);
    const server = await ours.start(context);
    running.push(server);
    try {
      soakResult = await soak({
        origin, operation: operation.name, requests: operation.variables.map((variables) => ours.request(operation, variables)),
        peakRequestsPerSecond: peak, share: 0.7, seconds: options.soak, connections: options.connections, seed: options.seed,
        processes: [server, ...subgraphProcesses],
      });
    } finally {
      await server.stop();
      running.splice(running.indexOf(server), 1);
    }
    for (const row of soakResult.rssMiB) log(`  ${row.process}: RSS ${row.start?.toFixed(0)} -> ${row.end?.toFixed(0)} MiB`);
  }

  // Read before the processes stop: VmHWM goes with them.
  const subgraphMemory = subgraphProcesses.map((server, index) => {
    const peak = server.peakRss();
    return { subgraphs: processGroups[index].map((subgraph) => subgraph.name), peakRssMiB: peak === null ? null : peak / MIB };
  });
  const operationResults: OperationResult[] = operations.map((operation) => ({
    name: operation.name,
    title: operation.title,
    runs: contenders.map((contender) => medianRun(rounds.get(`${operation.name}/${contender.name}`)!)),
    statementChecks: statementChecks.get(operation.name)!,
  }));
  return addRatios({
    date: startedAt.toISOString().slice(0, 10),
    startedAt: startedAt.toISOString(),
    size,
    dataset: {
      kind: options.households === 0 ? 'demo' : 'generated',
      households: rows.households,
      seed: options.households === 0 ? null : options.seed,
      rows,
    },
    settings: {
      durationSeconds: options.duration,
      warmupSeconds: options.warmup,
      connections: options.connections,
      rounds: options.rounds,
      verifiedSamplesPerOperation: options.verifySamples,
      subgraphProcesses: options.subgraphProcesses,
    },
    machine,
    // In the order asked for (ours first), whatever order the rounds ran them in.
    contenders: contenders.flatMap((contender) => summaries.get(contender.name) ?? []),
    subgraphMemory,
    operations: operationResults,
    skippedOperations: skipped,
    soak: soakResult,
  });
}

function sumOrNull(values: (number | null)[]): number | null {
  return values.some((value) => value === null) ? null : values.reduce<number>((total, value) => total + value!, 0);
}

/** Counter readings once they have stopped moving: no request is still at work behind the contender. */
async function quietCounters(sources: Record<string, string>): Promise<CounterReading> {
  let previous = await readCounters(sources);
  for (let attempt = 0; attempt < 100; attempt++) {
    await delay(200);
    const next = await readCounters(sources);
    if (sum(next.sqlStatements) === sum(previous.sqlStatements) && sum(next.graphqlRequests) === sum(previous.graphqlRequests)) return next;
    previous = next;
  }
  return previous;
}

async function ask(origin: string, contender: Contender, operation: Operation, variables: Variables): Promise<GraphqlAnswer> {
  const { path: requestPath, body } = contender.request(operation, variables);
  const response = await fetch(`${origin}${requestPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body,
  });
  const text = await response.text();
  try {
    return JSON.parse(text) as GraphqlAnswer;
  } catch {
    return { errors: [{ message: `HTTP ${response.status}, not JSON: ${text.slice(0, 200)}` }] };
  }
}

/** Items of every list in an answer: how much it carried. */
export function countListItems(value: unknown): number {
  if (Array.isArray(value)) return value.length + value.reduce((total: number, item) => total + countListItems(item), 0);
  if (value && typeof value === 'object') return Object.values(value).reduce((total: number, item) => total + countListItems(item), 0);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    console.log(HELP);
    return 0;
  }
  const interrupt = () => {
    console.error('\nInterrupted: stopping the servers...');
    void stopAll().then(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const result = await runBenchmark(options);
    const files = writeResults(path.resolve(repoRoot(), options.outDir), result);
    console.log(`\n${renderMarkdown(result)}`);
    console.log(`Wrote ${path.relative(process.cwd(), files.json)} and ${path.relative(process.cwd(), files.markdown)}.`);
    return 0;
  } finally {
    await stopAll();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`The benchmark stopped: ${error.message}`);
      void stopAll().then(() => process.exit(1));
    },
  );
}
