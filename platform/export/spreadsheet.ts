import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

/*
 * The one place the hub writes spreadsheets and CSV files (reports, downloads). A cell that starts like a formula
 * ("=HYPERLINK(...)", "+cmd|...", "@SUM", "-2+3", a tab or carriage return) would run when a user opens the file:
 * it is written as text, behind an apostrophe, as OWASP's CSV-injection advice says.
 */

export type CellValue = string | number | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as it is safe to write: numbers, dates and booleans as they are; text that could be a formula behind "'". */
export function neutraliseFormula(value: CellValue): CellValue {
  if (typeof value !== 'string' || !FORMULA_START.test(value)) return value;
  // A number written as text ("-12.5") is a number, not a formula: keep it readable as one.
  if (/^[+-]?\d+([.,]\d+)?$/.test(value)) return value;
  return `'${value}`;
}

/** A CSV file (UTF-8 with BOM, so that Excel reads Vietnamese correctly) of a header row and rows. */
export function toCsv(headers: string[], rows: CellValue[][]): Buffer {
  const text = stringify([headers, ...rows].map((row) => row.map((cell) => {
    const safe = neutraliseFormula(cell);
    return safe instanceof Date ? safe.toISOString() : safe;
  })));
  return Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(text, 'utf8')]);
}

/** An XLSX workbook of one sheet; every text cell is a string cell, never a formula. */
export async function toXlsx(sheetName: string, headers: string[], rows: CellValue[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(headers.map((header) => neutraliseFormula(header)));
  for (const row of rows) sheet.addRow(row.map((cell) => neutraliseFormula(cell) ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
