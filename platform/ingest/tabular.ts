import fs from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { normaliseText } from '../identity/normalise';

/** One data row of a table file: its number as a spreadsheet shows it (the header is row 1) and its cells. */
export interface TableRow {
  row: number;
  /** Cell text by header, NFC-normalised and trimmed; empty cells are "". */
  cells: Record<string, string>;
}

export interface Table {
  headers: string[];
  rows: AsyncIterable<TableRow>;
}

export const TABLE_FORMATS = ['.csv', '.xlsx'] as const;

/**
 * Opens a CSV (comma or semicolon separated, UTF-8 with or without BOM) or XLSX file (its first sheet, or the
 * named one) and streams its rows, so a file of a million rows never sits in memory.
 */
export async function openTable(file: string, options: { sheet?: string } = {}): Promise<Table> {
  if (!fs.existsSync(file)) throw new Error(`${file}: no such file`);
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv') return openCsv(file);
  if (extension === '.xlsx') return openXlsx(file, options.sheet);
  throw new Error(`${path.basename(file)}: unsupported file type "${extension || '(none)'}"; use ${TABLE_FORMATS.join(' or ')}`);
}

async function openCsv(file: string): Promise<Table> {
  const delimiter = await sniffDelimiter(file);
  const parser = fs.createReadStream(file).pipe(
    parse({ bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, relax_quotes: true }),
  );
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const first = await records.next();
  if (first.done) throw new Error(`${path.basename(file)} is empty: expected a header row`);
  const headers = (first.value as string[]).map(normaliseText);
  assertHeaders(file, headers);
  return {
    headers,
    rows: (async function* rows() {
      let row = 1;
      for (let next = await records.next(); !next.done; next = await records.next()) {
        row += 1;
        yield { row, cells: cellsByHeader(headers, (next.value as string[]).map((cell) => normaliseText(cell ?? ''))) };
      }
    })(),
  };
}

/** Excel in a Vietnamese locale saves "CSV" with semicolons: pick whichever separates the header. */
async function sniffDelimiter(file: string): Promise<string> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(65536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    assertUtf8(file, buffer.subarray(0, bytesRead), bytesRead === buffer.length);
    const firstLine = buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/)[0] ?? '';
    return (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  } finally {
    await handle.close();
  }
}

/**
 * A CSV from Excel in a Vietnamese Windows is often saved in Windows-1258 (or the older TCVN3), whose letters are not
 * UTF-8: refused with what to do, instead of names full of "�". The first 64 KiB are checked.
 */
function assertUtf8(file: string, head: Buffer, cutShort: boolean): void {
  // A letter cut by the end of the sample is not an error: drop up to 3 trailing bytes of an unfinished sequence.
  let end = head.length;
  if (cutShort) while (end > 0 && end > head.length - 4 && (head[end - 1] & 0xc0) === 0x80) end--;
  if (cutShort && end > 0 && head[end - 1] >= 0xc0) end--;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
  } catch {
    throw new Error(
      `${path.basename(file)} is not in UTF-8 (it looks like Windows-1258 or TCVN3, as older Excel saves Vietnamese): ` +
        'in Excel use Save As "CSV UTF-8 (Comma delimited)", or convert it with: iconv -f CP1258 -t UTF-8',
    );
  }
}

/** exceljs's own errors ("FILE_ENDED", "invalid signature: 0x...") mean nothing to the person who sent the file. */
function unreadableWorkbook(file: string, error: unknown): Error {
  const reason = (error as Error).message ?? String(error);
  if (/^row \d+, column/.test(reason)) return new Error(`${path.basename(file)}, ${reason}`);
  if (/no sheet|is empty|appears twice/.test(reason)) return error as Error;
  return new Error(
    `${path.basename(file)} is not a readable Excel workbook (.xlsx): it may be cut short, damaged, or another kind of file renamed .xlsx. ` +
      'Open it in Excel and save it again as "Excel Workbook (.xlsx)", or export it as "CSV UTF-8".',
  );
}

async function openXlsx(file: string, sheetName?: string): Promise<Table> {
  try {
    const table = await openXlsxSheet(file, sheetName);
    return {
      headers: table.headers,
      rows: (async function* rows() {
        try {
          yield* table.rows;
        } catch (error) {
          throw unreadableWorkbook(file, error);
        }
      })(),
    };
  } catch (error) {
    throw unreadableWorkbook(file, error);
  }
}

async function openXlsxSheet(file: string, sheetName?: string): Promise<Table> {
  const workbook = utf8SafeWorkbookReader(file, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  const sheets = workbook[Symbol.asyncIterator]();
  for (let sheet = await sheets.next(); !sheet.done; sheet = await sheets.next()) {
    const worksheet = sheet.value as ExcelJS.stream.xlsx.WorksheetReader & { name?: string };
    if (sheetName && worksheet.name !== sheetName) {
      // The reader must consume a sheet before it moves to the next one.
      for await (const _row of worksheet) void _row;
      continue;
    }
    const rowsOfSheet = worksheet[Symbol.asyncIterator]() as AsyncIterator<ExcelJS.Row>;
    let header = await rowsOfSheet.next();
    while (!header.done && rowValues(header.value).every((cell) => cell === '')) header = await rowsOfSheet.next();
    if (header.done) throw new Error(`${path.basename(file)}: sheet "${worksheet.name ?? 1}" is empty: expected a header row`);
    const headers = rowValues(header.value);
    assertHeaders(file, headers);
    return {
      headers,
      rows: (async function* rows() {
        for (let next = await rowsOfSheet.next(); !next.done; next = await rowsOfSheet.next()) {
          const values = rowValues(next.value);
          if (values.every((cell) => cell === '')) continue;
          yield { row: next.value.number, cells: cellsByHeader(headers, values) };
        }
      })(),
    };
  }
  throw new Error(`${path.basename(file)}: no sheet${sheetName ? ` named "${sheetName}"` : ''}`);
}

/**
 * exceljs's streaming reader turns each decompressed chunk of a sheet into text on its own, so a letter whose UTF-8
 * bytes straddle two chunks comes out as "��" (exceljs issues 2063 and 2316): in a big Vietnamese list, about
 * one row in five thousand ("Vật tư nông nghi��p"). The sheets and the shared strings are decoded here across
 * chunk boundaries before its XML parser sees them.
 */
function utf8SafeWorkbookReader(file: string, options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>): ExcelJS.stream.xlsx.WorkbookReader {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, options);
  const internals = reader as unknown as {
    _parseWorksheet(chunks: AsyncIterable<Buffer | string>, sheetNo: number): unknown;
    _parseSharedStrings(entry: NodeJS.ReadableStream): unknown;
  };
  const parseWorksheet = internals._parseWorksheet.bind(reader);
  const parseSharedStrings = internals._parseSharedStrings.bind(reader);
  internals._parseWorksheet = (chunks, sheetNo) => parseWorksheet(decodeUtf8(chunks), sheetNo);
  internals._parseSharedStrings = (entry) => {
    entry.setEncoding('utf8');
    return parseSharedStrings(entry);
  };
  // The reader parses a sheet as soon as it has the shared strings and the relationships, even when xl/workbook.xml
  // (which names the sheets) comes later in the zip, and then fails on its missing model. ExcelJS's own writer orders
  // its entries as its asynchronous writes finish, so this happens now and then: until the workbook is read, report
  // no relationships, which makes the reader set the sheet aside and parse it after the last entry.
  let relationships: unknown;
  Object.defineProperty(reader, 'workbookRels', {
    configurable: true,
    get: () => ((reader as unknown as { model?: unknown }).model ? relationships : undefined),
    set: (value: unknown) => {
      relationships = value;
    },
  });
  return reader;
}

async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

function rowValues(row: ExcelJS.Row): string[] {
  const values = row.values as ExcelJS.CellValue[];
  // `values` is 1-based: index 0 is always empty.
  return values.slice(1).map((value, index) => {
    try {
      return normaliseText(cellText(value));
    } catch (error) {
      throw new Error(`row ${row.number}, column ${columnLetter(index + 1)}: ${(error as Error).message}`);
    }
  });
}

/** The text a user sees in the cell: dates as YYYY-MM-DD, numbers without exponent, formulas by their result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    // A formula is read by the value Excel saved with it; a file written by a program may have none.
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined) throw new Error('a cell holds a formula with no saved value: open the file in Excel and save it again, or paste the values instead of the formulas');
    return typeof result === 'object' && result !== null && 'error' in result ? '' : cellText(result as ExcelJS.CellValue);
  }
  if ('result' in value) return cellText((value as unknown as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in value) return String((value as { text: unknown }).text);
  if ('error' in value) return '';
  return String(value);
}

function cellsByHeader(headers: string[], values: string[]): Record<string, string> {
  const cells: Record<string, string> = {};
  headers.forEach((header, index) => {
    if (header) cells[header] = values[index] ?? '';
  });
  return cells;
}

function assertHeaders(file: string, headers: string[]): void {
  const seen = new Set<string>();
  for (const header of headers.filter(Boolean)) {
    if (seen.has(header)) throw new Error(`${path.basename(file)}: the column "${header}" appears twice in the header row`);
    seen.add(header);
  }
}

function columnLetter(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}
