import type { Client } from 'pg';

export interface DatasetPlan {
  /** 0: the demo data set, which the subgraphs load themselves into empty tables. */
  households: number;
  seed: number;
}

export function sizeLabel(households: number): string {
  return households === 0 ? 'demo' : String(households);
}

/**
 * Makes sure the database holds the generated data set of this size and seed, generating it when it does not
 * (the generator records what it loaded, so a second run reuses it). The demo data set needs nothing here.
 */
export async function prepareDataset(plan: DatasetPlan, databaseUrl: string, log: (line: string) => void): Promise<void> {
  if (plan.households === 0) return;
  log(`Data set: ${plan.households} households, seed ${plan.seed} (databaseUrl ${databaseUrl.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')})`);
  throw new Error(
    'The national-scale generator (npm run generate) is not in this branch yet: run the benchmark on the demo data with --demo.',
  );
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
