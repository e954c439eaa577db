import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../platform/database/embedded';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { runImport, type Importer, type ImportSummary } from '../platform/ingest';
import type { HouseholdMatcher } from '../platform/linking/types';
import { repoRoot } from '../platform/repo-root';

/*
 * What the ingest benchmarks (bench:marketplace, bench:epcis, bench:statistics, bench:traceability) share: their
 * command-line values, a scratch PostgreSQL, the machine written beside the figures, and the figures' file.
 */

/** `--name value` from the command line. */
export function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

export interface ScratchDatabase {
  url: string;
  /** What the figures were measured on. */
  label: string;
  /** A folder for the benchmark's input files, removed by `stop()`. */
  folder: string;
  stop(): Promise<void>;
}

/** A fresh embedded PostgreSQL in a temporary folder (or DATABASE_URL), gone after `stop()`. */
export async function scratchDatabase(prefix: string, defaultPort: number): Promise<ScratchDatabase> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `nongsan-bench-${prefix}-`));
  // The embedded PostgreSQL runs as its own user, who must reach the folder.
  fs.chmodSync(folder, 0o755);
  const embedded = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: path.join(folder, 'pg'), port: Number(argument('--port') ?? defaultPort), persistent: false });
  return {
    url: process.env.DATABASE_URL ?? embedded!.url,
    label: embedded ? 'embedded PostgreSQL 17, fresh cluster' : 'DATABASE_URL',
    folder,
    stop: async () => {
      await embedded?.stop();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** The machine, with the load average at the end: other work on the machine slows the figures down. */
export function machineFigures() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverageAtEnd: Math.round(os.loadavg()[0] * 10) / 10,
  };
}

/** An import's figures: rows read, what happened to them, and rows per second. */
export function importFigures(summary: ImportSummary) {
  const { read, inserted, updated, unchanged, seconds } = summary;
  return { read, inserted, updated, unchanged, seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(read / seconds) };
}

/** An importer over a file as `npx nongsan import` runs it; a benchmark file with a rejected row is a bug of the benchmark. */
export function importer(em: EntityManager, householdMatcher: HouseholdMatcher) {
  return async (source: Importer<unknown>, file: string): Promise<ImportSummary> => {
    const summary = await runImport(source, file, { em: em.fork(), householdMatcher });
    if (summary.rejected) throw new Error(`${path.basename(file)}: ${summary.rejected} rows rejected, e.g. ${summary.problems[0]?.message}`);
    return summary;
  };
}

/** Rows of each table of a schema after the run, to say what the figures were measured on. */
export async function countRows(knex: Knex, schema: string, tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [{ count }] = await knex.withSchema(schema).from(table).count({ count: '*' });
    counts[table] = Number(count);
  }
  return counts;
}

/** Writes the figures to bench/results/<name> and says where. */
export function writeFigures(name: string, figures: unknown): void {
  const target = path.join(repoRoot(), 'bench', 'results', name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, JSON.stringify(figures, null, 2) + '\n');
  console.log(`Wrote ${path.relative(repoRoot(), target)}`);
}

export function runBenchmark(main: () => Promise<void>): void {
  main().catch((error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  });
}
