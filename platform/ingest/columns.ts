import fs from 'node:fs';
import path from 'node:path';
import { foldVietnamese } from '../identity/normalise';
import { ImportRejected, type ImportProblem } from './problems';
import type { TableRow } from './tabular';

/** A column an importer reads, with the headers officials are known to give it. */
export interface ColumnSpec<Key extends string = string> {
  key: Key;
  /** Headers this column goes by; matched with case, diacritics, punctuation and spacing ignored. */
  headers: string[];
  required: boolean;
  description: string;
  example?: string;
  /** Longest text the column's database field holds; 255 when not given (the size of most text fields). */
  maxLength?: number;
}

/** For one file whose headers are unusual: column key -> the header used in that file. */
export type ColumnOverrides = Record<string, string>;

export type ColumnMap<Key extends string> = Map<Key, string>;

/** Reads `--columns mapping.json` ({ "nationalId": "CCCD/CMND", ... }), checking that it names known columns. */
export function readColumnOverrides(file: string, specs: ColumnSpec[]): ColumnOverrides {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${path.basename(file)}: not a JSON object of column -> header (${(error as Error).message})`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${path.basename(file)}: expected a JSON object such as {"nationalId": "CCCD/CMND"}`);
  const known = new Set(specs.map((spec) => spec.key));
  for (const [key, header] of Object.entries(parsed)) {
    if (!known.has(key)) throw new Error(`${path.basename(file)}: "${key}" is not a column of this import; known: ${[...known].join(', ')}`);
    if (typeof header !== 'string') throw new Error(`${path.basename(file)}: the header for "${key}" must be a string`);
  }
  return parsed as ColumnOverrides;
}

/**
 * Finds each column's header in the file. A missing required column rejects the file at once, naming the column
 * and the headers that were expected, since no row could be read without it.
 */
export function mapColumns<Key extends string>(
  origin: string,
  headers: string[],
  specs: ColumnSpec<Key>[],
  overrides: ColumnOverrides = {},
): ColumnMap<Key> {
  const byFolded = new Map(headers.map((header) => [foldVietnamese(header), header]));
  const columns: ColumnMap<Key> = new Map();
  const problems: ImportProblem[] = [];
  for (const spec of specs) {
    const wanted = overrides[spec.key] !== undefined ? [overrides[spec.key]!] : spec.headers;
    const found = wanted.map((header) => byFolded.get(foldVietnamese(header))).find((header) => header !== undefined);
    if (found !== undefined) columns.set(spec.key, found);
    else if (spec.required) {
      problems.push({
        row: 1,
        field: wanted[0],
        message: `required column missing (expected one of: ${wanted.map((header) => `"${header}"`).join(', ')}; found: ${headers.filter(Boolean).map((header) => `"${header}"`).join(', ')})`,
      });
    }
  }
  if (problems.length > 0) throw new ImportRejected(origin, problems);
  return columns;
}

/** The row's cells by column key ("" for a column the file does not have). */
export function cellsOf<Key extends string>(row: TableRow, columns: ColumnMap<Key>, specs: ColumnSpec<Key>[]): Record<Key, string> {
  const values = {} as Record<Key, string>;
  for (const spec of specs) {
    const header = columns.get(spec.key);
    values[spec.key] = header === undefined ? '' : (row.cells[header] ?? '');
  }
  return values;
}
