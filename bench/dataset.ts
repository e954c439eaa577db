import type { Client } from 'pg';
import { GENERATOR_VERSION } from '../demo/national/generator';
import { generateNationalDataset, readDatasetRecords } from '../demo/national/load';
import { BULK_LOAD_SETTINGS } from '../scripts/generate';

export interface DatasetPlan {
  /** 0: the demo data set, which the subgraphs load themselves into empty tables. */
  households: number;
  seed: number;
}

/** "demo" or the number of households: names the data folder (.data/bench-<size>) and the result files. */
export function sizeLabel(households: number): string {
  return households === 0 ? 'demo' : String(households);
}

/** The database the benchmark runs on, which it may have to restart for a bulk load. */
export interface BenchDatabase {
  url: string;
  /** The benchmark's own embedded PostgreSQL (its data may be replaced); false for DATABASE_URL. */
  own: boolean;
  /** Restarts the embedded PostgreSQL with these settings for one load, then as usual. */
  withSettings?<T>(settings: Record<string, string>, work: (url: string) => Promise<T>): Promise<T>;
}

/**
 * Makes sure the database holds the generated data set of this size and seed. The generator records what it
 * loaded, so a data set already there is reused; otherwise it is generated, replacing whatever the benchmark's
 * own database held (in DATABASE_URL the generator refuses to overwrite tables that hold rows, and says so).
 * The demo data set needs nothing here: the subgraphs load it into empty tables.
 */
export async function prepareDataset(plan: DatasetPlan, database: BenchDatabase, log: (line: string) => void): Promise<void> {
  if (plan.households === 0) return;
  const records = await readDatasetRecords(database.url);
  const current =
    records.length > 0 &&
    records.every((record) => record.households === plan.households && record.seed === plan.seed && record.generatorVersion === GENERATOR_VERSION);
  if (current) {
    log(`Data set: ${plan.households} households (seed ${plan.seed}), generated ${records[0].finishedAt}: reused.`);
    return;
  }
  // Another size, seed or generator version (or the demo data) is there, or nothing yet.
  log(`Data set: generating ${plan.households} households (seed ${plan.seed}); it is kept for the next runs.`);
  const generate = (url: string) =>
    generateNationalDataset({ households: plan.households, seed: plan.seed, databaseUrl: url, replace: database.own, log });
  const summary = database.withSettings ? await database.withSettings(BULK_LOAD_SETTINGS, generate) : await generate(database.url);
  log(`  ${summary.totalRows} rows in ${summary.seconds.total.toFixed(0)} s (${Math.round(summary.rowsPerSecond)} rows/s).`);
}

/** Rows of the main tables, written next to the figures so a result says what it was measured on. */
export const COUNTED_TABLES: Record<string, string> = {
  households: 'registry.household',
  'census records': 'statistics.census_record',
  shops: 'marketplace.shop',
  listings: 'marketplace.listing',
  orders: 'marketplace."order"',
  lots: 'traceability.lot',
  'trace events': 'traceability.trace_event',
  'QR codes': 'traceability.trace_code',
};

export async function countRows(client: Client): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [label, table] of Object.entries(COUNTED_TABLES)) {
    counts[label] = (await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table}`)).rows[0].count;
  }
  return counts;
}
