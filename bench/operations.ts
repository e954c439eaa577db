import fs from 'node:fs';
import path from 'node:path';
import type { Client } from 'pg';
import { SeededRandom } from '../demo/random';
import { repoRoot } from '../platform/repo-root';

import type { OperationName } from './names';

export type Variables = Record<string, unknown>;

export interface Operation {
  name: OperationName;
  title: string;
  /** bench/operations/<name>.graphql */
  query: string;
  operationName: string;
  /** Sets of variables to draw from, taken from the data set so every one finds something. */
  variables: Variables[];
  /** Response paths (array indexes written `[]`) whose lists the schema leaves unordered. */
  unorderedPaths: string[];
}

interface OperationSpec {
  title: string;
  operationName: string;
  unorderedPaths?: string[];
  /** Draws up to `size` sets of variables from the database, the same ones for the same data and seed. */
  pool(client: Client, seed: number, size: number): Promise<Variables[]>;
}

/** How many sets of variables each operation draws from. */
export const POOL_SIZE = 2000;

const SPECS: Record<OperationName, OperationSpec> = {
  journey: {
    title: 'Journey (flagship query) of a random household',
    operationName: 'Journey',
    pool: async (client, seed, size) =>
      (await sample(client, 'registry.household', 'id', seed, size)).map((row) => ({ id: row.id })),
  },
  'province-sales': {
    title: "A province's sales by destination",
    operationName: 'ProvinceSales',
    // Provinces with sellers: at national scale all of them, in the demo data a dozen. Read from the province rollup
    // the operation itself answers from (Province.salesOutOf over all time), not from the orders.
    pool: async (client) =>
      (
        await client.query<{ code: string }>(
          'SELECT p.code FROM registry.province p WHERE EXISTS (SELECT 1 FROM marketplace.order_province_rollup r WHERE r.seller_province_code = p.code AND r.order_count > 0) ORDER BY p.code',
        )
      ).rows.map(({ code }) => ({ code })),
  },
  'cooperative-listings': {
    title: "A cooperative with its members' listings",
    operationName: 'CooperativeListings',
    pool: async (client, seed, size) =>
      (await sample(client, 'registry.household', 'id', seed, size, "kind IN ('COOPERATIVE', 'COOPERATIVE_GROUP')")).map((row) => ({ id: row.id })),
  },
  trace: {
    title: 'QR trace lookup',
    operationName: 'Trace',
    pool: async (client, seed, size) => (await sample(client, 'traceability.trace_code', 'code', seed, size)).map((row) => ({ code: row.code })),
  },
  'households-page': {
    title: 'A page of households with filters',
    operationName: 'HouseholdsPage',
    // Filters taken from sampled households, so no page is empty: by province and product group, or by commune and kind.
    pool: async (client, seed, size) => {
      const rows = await sample(client, 'registry.household', 'id, province_code, commune_code, kind, product_groups', seed, size);
      return rows.map((row, index) => ({
        filter:
          index % 2 === 0 && row.product_groups.length > 0
            ? { provinceCode: row.province_code, productGroup: row.product_groups[0] }
            : { communeCode: row.commune_code, kind: row.kind },
        first: 20,
      }));
    },
  },
};

export function operationFile(name: OperationName, root = repoRoot()): string {
  return path.join(root, 'bench', 'operations', `${name}.graphql`);
}

/** An operation the data set gives nothing to run on (no cooperative among a few thousand households, say). */
export interface SkippedOperation {
  name: OperationName;
  title: string;
}

/** The operations with their queries and pools of variables drawn from the data set in `client`. */
export async function loadOperations(
  names: readonly OperationName[],
  client: Client,
  seed: number,
): Promise<{ operations: Operation[]; skipped: SkippedOperation[] }> {
  const operations: Operation[] = [];
  const skipped: SkippedOperation[] = [];
  for (const name of names) {
    const spec = SPECS[name];
    const variables = await spec.pool(client, seed, POOL_SIZE);
    if (variables.length === 0) {
      skipped.push({ name, title: spec.title });
      continue;
    }
    operations.push({
      name,
      title: spec.title,
      query: fs.readFileSync(operationFile(name), 'utf8'),
      operationName: spec.operationName,
      variables,
      unorderedPaths: spec.unorderedPaths ?? [],
    });
  }
  return { operations, skipped };
}

/** The sets of variables every contender is checked on: `count` of the pool, spread over it, in a fixed order. */
export function verificationSamples(operation: Operation, count: number, seed: number): Variables[] {
  if (operation.variables.length <= count) return operation.variables;
  const random = new SeededRandom(seed);
  const picked = new Set<number>();
  while (picked.size < count) picked.add(Math.floor(random.next() * operation.variables.length));
  return [...picked].map((index) => operation.variables[index]);
}

/**
 * About `size` rows of a table, chosen by PostgreSQL's repeatable sampling (the same rows for the same data and
 * seed) without reading the whole table, ordered by `key` so the pool does not depend on the physical order.
 */
async function sample(
  client: Client,
  table: string,
  columns: string,
  seed: number,
  size: number,
  where?: string,
): Promise<Record<string, any>[]> {
  const key = columns.split(',')[0].trim();
  const condition = where ? `WHERE ${where}` : '';
  const { rows: counted } = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table} ${condition}`);
  const total = counted[0].count;
  if (total <= size) return (await client.query(`SELECT ${columns} FROM ${table} ${condition} ORDER BY ${key}`)).rows;
  // Each row is kept with the same probability before the filter, so the share is that of the matching rows wanted.
  const percent = Math.min(100, ((size * 1.2) / total) * 100);
  const { rows } = await client.query(
    `SELECT ${columns} FROM ${table} TABLESAMPLE BERNOULLI ($1) REPEATABLE ($2) ${condition} ORDER BY ${key} LIMIT $3`,
    [percent, seed, size],
  );
  return rows;
}
