/**
 * Turns a GraphQL result into tables for download: every list of objects in `data` can become CSV rows,
 * each row flattened into dotted column names ("commune.province.name", "events.0.bizStep").
 * Pure functions, shared by the explorer, the dashboard and their tests.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface ListInResult {
  /** Dotted path of the list in the result, e.g. "provinces" or "household.shops". */
  path: string;
  rows: Json[];
}

/** Every list in a result (lists of objects, or of scalars), outermost first, with its dotted path. */
export function findLists(data: Json, path = ''): ListInResult[] {
  const found: ListInResult[] = [];
  if (Array.isArray(data)) {
    found.push({ path, rows: data });
    // Lists nested in the first element name the other elements' lists too; they stay columns of the outer list.
    return found;
  }
  if (data !== null && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) found.push(...findLists(value, path ? `${path}.${key}` : key));
  }
  return found;
}

/** The list a download takes by default: the longest, the outermost on a tie. */
export function mainList(data: Json): ListInResult | undefined {
  return findLists(data).reduce<ListInResult | undefined>((best, list) => (!best || list.rows.length > best.rows.length ? list : best), undefined);
}

/** A row as dotted column -> scalar; nested lists are numbered ("lots.0.lotNumber"). */
export function flatten(value: Json, prefix = '', into: Record<string, string | number | boolean | null> = {}): Record<string, string | number | boolean | null> {
  if (value === null || typeof value !== 'object') {
    into[prefix || 'value'] = value;
    return into;
  }
  const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
  for (const [key, item] of entries) flatten(item, prefix ? `${prefix}.${key}` : key, into);
  return into;
}

/** Column names in the order they first appear across rows. */
export function columnsOf(rows: Record<string, unknown>[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const column of Object.keys(row)) columns.add(column);
  return [...columns];
}

// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection); a leading quote keeps it text.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a UTF-8 byte order mark, so Excel shows Vietnamese letters correctly. */
export function toCsv(rows: Json[]): string {
  const flat = rows.map((row) => flatten(row));
  const columns = columnsOf(flat);
  const lines = [columns.map(csvCell).join(',')];
  for (const row of flat) lines.push(columns.map((column) => csvCell(row[column])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
