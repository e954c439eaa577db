import fs from 'node:fs';
import path from 'node:path';
import { generateNationalDataset } from '../demo/national/load';
import { startEmbeddedPostgres } from '../platform/database/embedded';
import { repoRoot } from '../platform/repo-root';
import { startHub } from '../scripts/hub';
import { describeMachine } from './machine';

/**
 * Indicator report latency through the gateway on a generated national data set:
 *   npm run bench:indicators -- <households, default 1000000> [runs, default 20]
 * Starts its own embedded PostgreSQL under .bench-indicators/ (port BENCH_PG_PORT, default 25433), generates the
 * data set once (kept for the next run), starts the hub, then asks a province-month report and a national-year
 * report (every row, completion included) `runs` times each, one at a time. Writes
 * bench/results/indicator-report-<size>.json and .md.
 */

const OPERATIONS = {
  'province-month': { scope: '01', period: '2025-10' },
  'national-year': { scope: 'VN', period: '2025' },
};

const REPORT = `query ($scope: String!, $period: String!) { indicatorReport(scope: $scope, period: $period) {
  householdRows { code achieved previous growthPct cumulative } salesRows { code achieved previous growthPct cumulative }
  traceabilityRows { code achieved previous growthPct cumulative } completion { code target completionPct } } }`;

async function main(): Promise<void> {
  const households = Number(process.argv[2] ?? 1_000_000);
  const runs = Number(process.argv[3] ?? 20);
  const size = households >= 1_000_000 ? `${households / 1_000_000}M` : `${households / 1000}k`;
  const dataDir = path.join(repoRoot(), '.bench-indicators', size);
  const fresh = !fs.existsSync(dataDir);
  // Made here with the default mode: the cluster's own 0700 directory must sit in one the server account can enter.
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const database = await startEmbeddedPostgres({ dataDir, port: Number(process.env.BENCH_PG_PORT ?? 25433) });
  try {
    if (fresh) {
      console.error(`Generating ${size} households...`);
      await generateNationalDataset({ households, seed: 42, databaseUrl: database.url, log: (line) => console.error(line) });
    }
    const hub = await startHub({ databaseUrl: database.url, gatewayPort: 0, subgraphPort: () => 0, loadDemoData: false });
    try {
      const results: Record<string, { p50: number; p95: number; max: number; runs: number }> = {};
      for (const [name, variables] of Object.entries(OPERATIONS)) {
        const timings: number[] = [];
        for (let run = 0; run <= runs; run++) {
          const started = process.hrtime.bigint();
          const response = await fetch(hub.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: REPORT, variables }) });
          const body = (await response.json()) as { errors?: { message: string }[] };
          if (body.errors?.length) throw new Error(`${name}: ${body.errors[0].message}`);
          // the first run warms caches and connections
          if (run > 0) timings.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        timings.sort((a, b) => a - b);
        const at = (q: number) => Math.round(timings[Math.min(timings.length - 1, Math.ceil(q * timings.length) - 1)]);
        results[name] = { p50: at(0.5), p95: at(0.95), max: Math.round(timings[timings.length - 1]), runs };
        console.error(`${name}: p50 ${results[name].p50} ms, p95 ${results[name].p95} ms`);
      }
      const result = { benchmark: 'indicator report through the gateway', date: new Date().toISOString(), households, machine: describeMachine(), operations: OPERATIONS, milliseconds: results };
      const base = path.join(repoRoot(), 'bench', 'results', `indicator-report-${size}`);
      fs.writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
      fs.writeFileSync(`${base}.md`, [
        `# Indicator report, ${size} households (${result.date.slice(0, 10)})`, '',
        `Machine: ${result.machine.cpu}, ${result.machine.cores} cores, load average ${result.machine.loadAverage} at start.`, '',
        '| Operation | scope | period | p50 ms | p95 ms | max ms | runs |', '|---|---|---|---|---|---|---|',
        ...Object.entries(results).map(([name, figures]) => `| ${name} | ${OPERATIONS[name as keyof typeof OPERATIONS].scope} | ${OPERATIONS[name as keyof typeof OPERATIONS].period} | ${figures.p50} | ${figures.p95} | ${figures.max} | ${figures.runs} |`),
        '',
      ].join('\n'));
      console.error(`Wrote ${base}.json and .md`);
    } finally {
      await hub.stop();
    }
  } finally {
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
