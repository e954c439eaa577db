import os from 'node:os';
import path from 'node:path';
import { runImport, type ImportSummary } from '../platform/ingest';
import { householdListImporter } from '../subgraphs/registry/ingest';
import { writeTable } from '../demo/samples/generate-samples';
import { SAMPLE_HEADERS, sampleHouseholdRows } from '../demo/samples/sample-rows';
import { benchRegistry, machine, writeBenchResults } from './registry-database';

/**
 * Throughput of the registry's household-list import:
 *   npm run bench:registry-import            (REGISTRY_IMPORT_ROWS=100000 by default)
 * A list of 100,000 households in every current commune (by code and name, one cooperative per commune that
 * half the households belong to), as CSV and as XLSX, each imported into an empty registry, then again (nothing
 * to change). Writes bench/results/registry-import-<date>.json and .md.
 */

const ROWS = Number(process.env.REGISTRY_IMPORT_ROWS ?? 100_000);
const SEED = 4461;

interface Phase {
  phase: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

async function main(): Promise<void> {
  const bench = await benchRegistry();
  const phases: Phase[] = [];
  const loadBefore = os.loadavg();
  try {
    const rows = sampleHouseholdRows({ seed: SEED, count: ROWS, places: 'national' });
    const csv = path.join(bench.workDir, 'danh-sach-ho.csv');
    const xlsx = path.join(bench.workDir, 'danh-sach-ho.xlsx');
    await writeTable(csv, [...SAMPLE_HEADERS], rows);
    await writeTable(xlsx, [...SAMPLE_HEADERS], rows);
    const run = async (phase: string, file: string) => {
      const summary = await runImport(householdListImporter, file, { em: bench.database.orm.em.fork() });
      phases.push(figures(phase, summary));
      console.error(`${phase}: ${phases[phases.length - 1].rowsPerSecond} rows/s`);
    };
    await run('CSV into an empty registry', csv);
    await run('the same CSV again (nothing changes)', csv);
    await bench.database.orm.em.getConnection().execute(`delete from registry.training where household_id in (select id from registry.household where source = 'import:registry')`);
    await bench.database.orm.em.getConnection().execute(`delete from registry.household where source = 'import:registry'`);
    await run('XLSX into an empty registry', xlsx);
    await run('the same XLSX again (nothing changes)', xlsx);
  } finally {
    await bench.stop();
  }
  const result = {
    benchmark: 'registry household-list import',
    date: new Date().toISOString(),
    machine: machine(),
    loadAverage: { before: loadBefore.map(round), after: os.loadavg().map(round) },
    rows: ROWS,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    phases,
  };
  const lines = [
    `# Registry import throughput (${result.date.slice(0, 10)})`,
    '',
    `${ROWS.toLocaleString('en-US')} households in all 3,321 communes; ${machine()}; load average ${result.loadAverage.before.join(' / ')} before, ${result.loadAverage.after.join(' / ')} after (other work shared the machine); peak memory ${result.peakRssMiB} MiB.`,
    '',
    '| phase | rows/s | seconds | inserted | updated | unchanged | rejected |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...phases.map((phase) => `| ${phase.phase} | ${phase.rowsPerSecond.toLocaleString('en-US')} | ${phase.seconds} | ${phase.inserted} | ${phase.updated} | ${phase.unchanged} | ${phase.rejected} |`),
    '',
  ];
  const written = writeBenchResults('registry-import', result, lines.join('\n'));
  console.log(lines.join('\n'));
  console.log(`Wrote ${written.json} and ${written.md}`);
}

function figures(phase: string, summary: ImportSummary): Phase {
  return {
    phase,
    rows: summary.read,
    seconds: round(summary.seconds),
    rowsPerSecond: Math.round(summary.read / summary.seconds),
    inserted: summary.inserted,
    updated: summary.updated,
    unchanged: summary.unchanged,
    rejected: summary.rejected,
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
