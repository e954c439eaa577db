import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { normaliseText } from '../../platform/identity/normalise';
import { cellText, openTable } from '../../platform/ingest';
import { repoRoot } from '../../platform/repo-root';
import { SAMPLE_HEADERS, sampleHouseholdRows, type SampleRow } from './sample-rows';

/**
 * Writes the sample household lists of `subgraphs/registry/ingest/samples/`:
 *   npm run samples:registry
 * The same seed gives the same files; the tests import them and name the rows below.
 */

export const SAMPLE_SEED = 20250715;
export const SAMPLE_ROWS = 45;

/** One file per kind of mistake: a few good rows and one bad one (spreadsheet row `row`, header = row 1). */
export interface BadSample {
  file: string;
  what: string;
  /** Where the problem is reported and a phrase of the message. */
  row: number;
  column: string;
  says: string;
  make(rows: SampleRow[]): { headers: string[]; rows: (SampleRow | Record<string, string | number>)[] };
}

const good = (count = 4) => sampleHouseholdRows({ seed: SAMPLE_SEED + 1, count, places: 'demo' }).map((row) => ({ ...row, 'Thành viên HTX': '' }));
const headers = [...SAMPLE_HEADERS];
/** Row 4 of the sheet is the third data row. */
const withThird = (change: Partial<Record<string, string | number>>) => (rows: SampleRow[]) => ({ headers, rows: rows.map((row, index) => (index === 2 ? { ...row, ...change } : row)) });

export const BAD_SAMPLES: BadSample[] = [
  {
    file: 'loi-thieu-cot-cccd.csv', what: 'no ID number column', row: 1, column: 'Số CCCD', says: 'required column missing',
    make: (rows) => ({ headers: headers.filter((header) => header !== 'Số CCCD'), rows }),
  },
  { file: 'loi-so-cccd.csv', what: 'an ID number of the wrong length', row: 4, column: 'Số CCCD', says: 'has 5 digits; a CCCD has 12 and an old CMND 9', make: withThird({ 'Số CCCD': '12345' }) },
  {
    file: 'loi-cccd-mat-so-0.xlsx', what: 'a CCCD typed as a number, its leading 0 dropped by Excel', row: 4, column: 'Số CCCD', says: 'dropped a leading 0',
    make: (rows) => withThird({ 'Số CCCD': Number(rows[2]['Số CCCD'].replace(/^0+/, '').padEnd(11, '1')) })(rows),
  },
  { file: 'loi-so-dien-thoai.csv', what: 'an old 11-digit mobile number', row: 4, column: 'Số điện thoại', says: 'renumbered in 2018', make: withThird({ 'Số điện thoại': '0166 234 5678' }) },
  { file: 'loi-xa-khong-co.csv', what: 'a commune that does not exist', row: 4, column: 'Xã/Phường', says: 'is not a commune we know', make: withThird({ 'Xã/Phường': 'Xã Hồng Đào Mơ', 'Mã xã': '', 'Huyện': '', 'Xã mới': '' }) },
  {
    file: 'loi-xa-da-chia-tach.csv', what: 'an old commune divided in 2025, without the new one', row: 4, column: 'Xã/Phường', says: 'was divided in July 2025',
    make: withThird({ 'Xã/Phường': 'Xã Ea BHốk', 'Huyện': 'Huyện Cư Kuin', 'Tỉnh': 'Tỉnh Đắk Lắk', 'Mã xã': '', 'Xã mới': '' }),
  },
  {
    file: 'loi-ma-xa-khong-khop.csv', what: 'a commune code that contradicts the commune name', row: 4, column: 'Mã xã', says: 'but the commune column says',
    make: withThird({ 'Xã/Phường': 'Xã Chi Lăng', 'Tỉnh': 'Lạng Sơn', 'Mã xã': '07582', 'Huyện': '', 'Xã mới': '' }),
  },
  { file: 'loi-trung-cccd.csv', what: 'one head listed twice', row: 4, column: 'Số CCCD', says: 'the same ID number already appears in row 2', make: (rows) => withThird({ 'Số CCCD': rows[0]['Số CCCD'] })(rows) },
  { file: 'loi-loai-hinh.csv', what: 'an unknown kind of producer', row: 4, column: 'Loại hình', says: 'is not a kind of producer', make: withThird({ 'Loại hình': 'Doanh nghiệp tư nhân' }) },
  { file: 'loi-htx-thieu-ten.csv', what: 'a cooperative without its name', row: 4, column: 'Tên cơ sở/HTX', says: 'needs its name', make: withThird({ 'Loại hình': 'Hợp tác xã', 'Tên cơ sở/HTX': '' }) },
  { file: 'loi-nhom-san-pham.csv', what: 'an unknown product group', row: 4, column: 'Nhóm sản phẩm', says: 'is not a product group', make: withThird({ 'Nhóm sản phẩm': 'Trái cây; Xe máy' }) },
  { file: 'loi-tap-huan.csv', what: 'a training cell that is neither yes, no nor a date', row: 4, column: 'Đã tập huấn kỹ năng số', says: 'should be Có, Không', make: withThird({ 'Đã tập huấn kỹ năng số': 'đăng ký rồi' }) },
  { file: 'loi-ngay-dang-ky.csv', what: 'a date that does not exist', row: 4, column: 'Ngày đăng ký', says: 'is not a date', make: withThird({ 'Ngày đăng ký': '31/02/2024' }) },
  { file: 'loi-thanh-vien-htx.csv', what: 'membership of a cooperative nobody registered', row: 4, column: 'Thành viên HTX', says: 'no cooperative or group called', make: withThird({ 'Thành viên HTX': 'HTX Nông nghiệp Không Tên' }) },
  {
    file: 'loi-nam-sinh-chu-ho.csv', what: "a head's birth year the CCCD contradicts", row: 4, column: 'Năm sinh chủ hộ', says: 'is not the birth year the CCCD in column "Số CCCD" encodes',
    // A CCCD of a head born in 1985 (its digits 4-6: 0, 85).
    make: withThird({ 'Số CCCD': '024085004460', 'Năm sinh chủ hộ': '1978' }),
  },
  { file: 'loi-nam-sinh-khong-hop-le.csv', what: "a head's birth year that is not a year", row: 4, column: 'Năm sinh chủ hộ', says: 'is not a year of birth', make: withThird({ 'Năm sinh chủ hộ': 'năm 78' }) },
  {
    file: 'loi-thanh-vien-quan-he.csv', what: 'a member whose relation is not one of the list', row: 4, column: 'Thành viên hộ', says: 'entry "Lê Thị Mai; bạn; 1978": "bạn" is not a relation',
    make: withThird({ 'Thành viên hộ': 'Lê Thị Mai; bạn; 1978 | Nguyễn Văn Nam; con; 2001' }),
  },
  {
    file: 'loi-thanh-vien-nam-sinh.csv', what: "a member's birth year that is not a year", row: 4, column: 'Thành viên hộ', says: 'entry "Nguyễn Văn Nam; con; 20O1": "20O1" is not a year of birth',
    make: withThird({ 'Thành viên hộ': 'Lê Thị Mai; vợ; 1978 | Nguyễn Văn Nam; con; 20O1' }),
  },
  {
    file: 'loi-thanh-vien-dinh-dang.csv', what: 'members not written as name; relation; birth year', row: 4, column: 'Thành viên hộ', says: 'write each member as "name; relation; birth year"',
    make: withThird({ 'Thành viên hộ': 'Lê Thị Mai, vợ, 1978' }),
  },
  { file: 'loi-thieu-ten-chu-ho.csv', what: "no head's name", row: 4, column: 'Họ và tên chủ hộ', says: "the head's name is empty", make: withThird({ 'Họ và tên chủ hộ': '' }) },
];

export function samplesDirectory(): string {
  return path.join(repoRoot(), 'subgraphs', 'registry', 'ingest', 'samples');
}

export async function writeTable(file: string, headers: string[], rows: Record<string, string | number>[]): Promise<void> {
  if (file.endsWith('.csv')) {
    // UTF-8 with a BOM, as Excel writes it, so that Vietnamese opens correctly when an official double-clicks it.
    fs.writeFileSync(file, '\ufeff' + stringify([headers, ...rows.map((row) => headers.map((header) => row[header] ?? ''))]));
    return;
  }
  // An XLSX is a zip whose entries carry the time of writing: rewrite it only when its content changes.
  if (fs.existsSync(file) && (await sameTable(file, headers, rows))) return;
  // Streamed, so that the benchmark's 100,000-row lists are written without holding the sheet in memory.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  workbook.created = workbook.modified = new Date(Date.UTC(2025, 6, 15));
  const sheet = workbook.addWorksheet('Danh sách hộ');
  sheet.columns = headers.map((header) => ({ header, key: header, width: Math.max(10, header.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(Object.fromEntries(headers.map((header) => [header, dateCell(header, row[header])]))).commit();
  }
  sheet.commit();
  await workbook.commit();
}

async function sameTable(file: string, headers: string[], rows: Record<string, string | number>[]): Promise<boolean> {
  const table = await openTable(file);
  if (JSON.stringify(table.headers) !== JSON.stringify(headers)) return false;
  const stored: string[] = [];
  for await (const row of table.rows) stored.push(JSON.stringify(headers.map((header) => row.cells[header])));
  const wanted = rows.map((row) => JSON.stringify(headers.map((header) => normaliseText(cellText(dateCell(header, row[header]))))));
  return JSON.stringify(stored) === JSON.stringify(wanted);
}

/** Registration dates go in as real dates, as a spreadsheet holds them. */
function dateCell(header: string, value: string | number | undefined): string | number | Date {
  if (header !== 'Ngày đăng ký' || typeof value !== 'string') return value ?? '';
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  return match ? new Date(Date.UTC(Number(match[3]), Number(match[2]) - 1, Number(match[1]))) : value;
}

async function main(): Promise<void> {
  const directory = samplesDirectory();
  const rows = sampleHouseholdRows({ seed: SAMPLE_SEED, count: SAMPLE_ROWS, places: 'demo' });
  await writeTable(path.join(directory, 'ho-dan-mau.xlsx'), [...SAMPLE_HEADERS], rows);
  await writeTable(path.join(directory, 'ho-dan-mau.csv'), [...SAMPLE_HEADERS], rows);
  const bad = path.join(directory, 'bad');
  fs.mkdirSync(bad, { recursive: true });
  for (const sample of BAD_SAMPLES) {
    const made = sample.make(good());
    await writeTable(path.join(bad, sample.file), made.headers, made.rows);
  }
  console.log(`Wrote ho-dan-mau.xlsx, ho-dan-mau.csv (${rows.length} households) and ${BAD_SAMPLES.length} files in bad/ to ${directory}`);
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
