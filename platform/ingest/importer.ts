import path from 'node:path';
import fs from 'node:fs';
import { toCsv } from '../export/spreadsheet';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createProgress } from '../cli/progress';
import type { ColumnOverrides, ColumnSpec } from './columns';
import { describeProblem, ImportRejected, type ImportProblem } from './problems';
import type { WriteCounts } from './upsert';
import type { HouseholdMatcher } from '../linking/types';
import type { HouseholdDirectory } from '../linking/household-directory';
import { describeLinking } from '../linking/summary';

/** One unit of input (a row, an event) after validation: a record to write, or the problems that stop it. */
export interface Candidate<Record> {
  /** Where it is in the input, for messages: a row number or an event index. */
  row?: number;
  eventIndex?: number;
  record?: Record;
  problems: ImportProblem[];
  /** The input as read (cells by header), copied to the rejects file when it is refused. */
  raw?: { [field: string]: string };
}

/** What every write of one import shares: where it came from and when. */
export interface ImportContext {
  /** Provenance source, e.g. "import:registry". */
  source: string;
  /** The file's name, for provenance references such as "ho-dan.xlsx#row=14". */
  origin: string;
  importedAt: Date;
  /** Links records to registry households; given by whoever runs the import (the CLI opens the registry). */
  householdMatcher?: HouseholdMatcher;
  /** Tells which household ids the registry knows; given by whoever runs the import (the CLI opens the registry). */
  householdDirectory?: HouseholdDirectory;
}

export interface ReadOptions {
  em: EntityManager;
  /** Headers of this file that differ from the usual ones. */
  columns?: ColumnOverrides;
  /** The XLSX sheet to read; the first by default. */
  sheet?: string;
}

/** One source of data the `nongsan import` command can take in; each subgraph's `ingest/` exports its own. */
export interface Importer<Record> {
  /** The command-line name: `nongsan import <name> <file>`. */
  name: string;
  /** One line for `--help`. */
  title: string;
  /** The subgraph whose database the records go to. */
  subgraph: string;
  /** File formats, for `--help` (e.g. "XLSX or CSV"). */
  formats: string;
  /** Columns of a tabular source, documented by `--help`. */
  columns?: ColumnSpec[];
  /** More help lines: rules, examples. */
  notes?: string[];
  /** Reads and validates the file row by row; problems found in one row never stop the others from being read. */
  read(file: string, options: ReadOptions): AsyncIterable<Candidate<Record>>;
  /**
   * Checks that need the database or the registry (references to other records, holders to find), for all
   * candidates at once; adds problems.
   */
  check?(em: EntityManager, candidates: Candidate<Record>[], context: ImportContext): Promise<void>;
  /** Writes the accepted records inside the import's transaction. */
  write(em: EntityManager, accepted: Candidate<Record>[], context: ImportContext): Promise<WriteCounts>;
}

export interface ImportSummary extends WriteCounts {
  importer: string;
  file: string;
  /** Units of input read (rows, events). */
  read: number;
  rejected: number;
  problems: ImportProblem[];
  /** True when the accepted records were written. */
  written: boolean;
  /** With `partial`, where the refused rows went. */
  rejectsFile?: string;
  seconds: number;
}

export interface RunImportOptions {
  em: EntityManager;
  /** Write the valid rows even when others are refused, and put the refused ones in a file next to the input. */
  partial?: boolean;
  columns?: ColumnOverrides;
  sheet?: string;
  /** No progress output (tests). */
  quiet?: boolean;
  /** Defaults to now; tests pin it. */
  importedAt?: Date;
  householdMatcher?: HouseholdMatcher;
  /** Tells which household ids the registry knows; given by whoever runs the import (the CLI opens the registry). */
  householdDirectory?: HouseholdDirectory;
}

/**
 * Reads, checks and writes one file. Without `partial` the file goes in whole or not at all; the write is one
 * transaction either way, so a crash or a killed process leaves the database as it was.
 */
export async function runImport<Record>(importer: Importer<Record>, file: string, options: RunImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const origin = path.basename(file);
  const progress = createProgress({ label: `Reading ${origin}`, unit: 'rows', quiet: options.quiet });
  const candidates: Candidate<Record>[] = [];
  for await (const candidate of importer.read(file, { columns: options.columns, sheet: options.sheet, em: options.em })) {
    candidates.push(candidate);
    progress.tick();
  }
  progress.done();
  const context: ImportContext = {
    source: `import:${importer.name}`,
    origin,
    importedAt: options.importedAt ?? new Date(),
    householdMatcher: options.householdMatcher,
    householdDirectory: options.householdDirectory,
  };
  await importer.check?.(options.em, candidates.filter((candidate) => candidate.problems.length === 0), context);

  const accepted = candidates.filter((candidate) => candidate.problems.length === 0 && candidate.record !== undefined);
  const refused = candidates.filter((candidate) => candidate.problems.length > 0);
  const problems = refused.flatMap((candidate) => candidate.problems);
  const summary: ImportSummary = {
    importer: importer.name,
    file,
    read: candidates.length,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: refused.length,
    problems,
    written: false,
    seconds: 0,
  };

  if (refused.length === 0 || options.partial) {
    const counts = await options.em.transactional((em) => importer.write(em as EntityManager, accepted, context));
    Object.assign(summary, counts, { written: true });
    if (refused.length > 0) summary.rejectsFile = writeRejects(file, refused);
  }
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

/** `households.xlsx` -> `households.rejects.csv` beside it: the problem, then the row as it was. */
function writeRejects(file: string, refused: Candidate<unknown>[]): string {
  const target = path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.rejects.csv`);
  const fields = [...new Set(refused.flatMap((candidate) => Object.keys(candidate.raw ?? {})))];
  const origin = path.basename(file);
  const lines = refused.map((candidate) => [
    candidate.row ?? candidate.eventIndex ?? '',
    candidate.problems.map((problem) => describeProblem(origin, problem)).join('; '),
    ...fields.map((field) => candidate.raw?.[field] ?? ''),
  ]);
  // The rows are written back as they came: a cell such as "=HYPERLINK(...)" must not run when the file is opened.
  fs.writeFileSync(target, toCsv(['row', 'problem', ...fields], lines));
  return target;
}

/** The problems of a summary as lines for a terminal or a log. */
export function describeSummary(summary: ImportSummary): string {
  const origin = path.basename(summary.file);
  const head = summary.written
    ? `${origin}: ${summary.read} read, ${summary.inserted} accepted (new), ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected} rejected`
    : `${origin}: nothing imported, ${summary.rejected} of ${summary.read} rows rejected (fix them, or use --partial to import the valid rows)`;
  const shown = summary.problems.slice(0, 50).map((problem) => `  - ${describeProblem(origin, problem)}`);
  if (summary.written && summary.linking) shown.unshift(`  ${describeLinking(summary.linking)}`);
  if (summary.problems.length > shown.length) shown.push(`  ... and ${summary.problems.length - shown.length} more`);
  if (summary.rejectsFile) shown.push(`Rejected rows written to ${summary.rejectsFile}`);
  return [head, ...shown].join('\n');
}

/**
 * Marks every candidate after the first that repeats a key, so one file cannot say two things of one record.
 * With `secret` the key (an ID number's hash, say) is left out of the message.
 */
export function rejectRepeatedKeys<Record>(
  candidates: Candidate<Record>[],
  keyOf: (record: Record) => string | undefined,
  field: string,
  label: string,
  options: { secret?: boolean } = {},
): void {
  const firstRow = new Map<string, number | undefined>();
  for (const candidate of candidates) {
    if (!candidate.record) continue;
    const key = keyOf(candidate.record);
    if (key === undefined) continue;
    if (firstRow.has(key)) {
      const first = firstRow.get(key);
      const where = first !== undefined ? `in row ${first}` : 'earlier in this input';
      candidate.problems.push(
        options.secret
          ? { row: candidate.row, eventIndex: candidate.eventIndex, field, message: `the same ${label} already appears ${where}` }
          : { row: candidate.row, eventIndex: candidate.eventIndex, field, value: key, message: `${label} ${key} already appears ${where}` },
      );
    } else firstRow.set(key, candidate.row ?? candidate.eventIndex);
  }
}

export { ImportRejected };
