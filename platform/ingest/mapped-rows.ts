import path from 'node:path';
import { cellsOf, mapColumns, type ColumnMap, type ColumnSpec } from './columns';
import type { Candidate, ReadOptions } from './importer';
import type { ImportProblem } from './problems';
import { openTable } from './tabular';
import { textProblem } from './values';

/** A text column's size when its spec does not say: most text fields are varchar(255). */
const DEFAULT_MAX_LENGTH = 255;

/** One row of a tabular file being read: where it is, the file's headers, and the problems found in it. */
export interface RowReading<Key extends string> {
  row: number;
  /** The file's header of each column it has. */
  columns: ColumnMap<Key>;
  problems: ImportProblem[];
  /** Records a problem of this row in a column, named by the file's header (the usual one when the file lacks it). */
  problem(key: Key, message: string, value?: string): void;
}

/**
 * The `read` of a tabular importer: opens the CSV or XLSX file (the sheet asked for), maps its headers to the
 * importer's columns (with the user's `--columns`), and reads it row by row with `readRow`, which turns a row's
 * cells into a record and reports its problems. `checkColumns` may refuse the file as a whole first (a column one
 * of several headers must give, say).
 */
export async function* readMappedRows<Key extends string, Record>(
  file: string,
  options: Pick<ReadOptions, 'columns' | 'sheet'>,
  specs: ColumnSpec<Key>[],
  readRow: (cells: { [key in Key]: string }, reading: RowReading<Key>) => Record | undefined,
  checkColumns?: (columns: ColumnMap<Key>, headers: string[], origin: string) => void,
): AsyncGenerator<Candidate<Record>> {
  const origin = path.basename(file);
  const table = await openTable(file, { sheet: options.sheet });
  const columns = mapColumns(origin, table.headers, specs, options.columns);
  checkColumns?.(columns, table.headers, origin);
  const usualHeader = (key: Key) => specs.find((spec) => spec.key === key)!.headers[0];
  for await (const tableRow of table.rows) {
    const problems: ImportProblem[] = [];
    const reading: RowReading<Key> = {
      row: tableRow.row,
      columns,
      problems,
      problem: (key, message, value) =>
        problems.push({ row: tableRow.row, field: columns.get(key) ?? usualHeader(key), message, ...(value !== undefined ? { value } : {}) }),
    };
    const cells = cellsOf(tableRow, columns, specs);
    // Every cell passes the shared text rules before the importer reads it: a refused cell refuses its row,
    // which --partial leaves out while it keeps the valid rows.
    for (const spec of specs) {
      const text = cells[spec.key];
      const problem = text ? textProblem(text, { maxLength: spec.maxLength ?? DEFAULT_MAX_LENGTH, multiline: true }) : undefined;
      // Without the value: the cell may hold an ID number, which never appears in messages.
      if (problem) reading.problem(spec.key, problem);
    }
    const record = problems.length > 0 ? undefined : readRow(cells, reading);
    yield { row: tableRow.row, record, problems, raw: tableRow.cells };
  }
}
