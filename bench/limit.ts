import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../platform/repo-root';

/** A hand-written statement of the limit contender: bench/limit/<operation>.sql. */
export interface LimitQuery {
  operation: string;
  sql: string;
  /** The statement's $1, $2... from the operation's variables. */
  parameters(variables: Record<string, unknown>): unknown[];
}

/**
 * Reads every bench/limit/*.sql. Each file starts with a `-- parameters: a, filter.b` line naming, in order,
 * the variables (dotted paths into them) bound to $1, $2...; absent ones are bound as NULL.
 */
export function readLimitQueries(root = repoRoot()): LimitQuery[] {
  const dir = path.join(root, 'bench', 'limit');
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => parseLimitQuery(file.replace(/\.sql$/, ''), fs.readFileSync(path.join(dir, file), 'utf8')));
}

export function parseLimitQuery(operation: string, sql: string): LimitQuery {
  const header = /^--\s*parameters:(.*)$/m.exec(sql);
  if (!header) throw new Error(`bench/limit/${operation}.sql must start with a "-- parameters: ..." line.`);
  const paths = header[1].split(',').map((item) => item.trim()).filter(Boolean);
  return {
    operation,
    sql,
    parameters: (variables) => paths.map((dotted) => dotted.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], variables) ?? null),
  };
}
