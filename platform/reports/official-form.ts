import ExcelJS from 'exceljs';
import { INDICATOR_GROUPS, INDICATORS } from '../indicators/definitions';
import { neutraliseFormula, toCsv, type CellValue } from '../export/spreadsheet';
import { FORMS, type FormKind } from './form-kinds';

/*
 * The weekly and monthly forms of the plans (Phụ lục II and III): title, due time, "I. THÔNG TIN CHUNG" with the
 * reporter, and "II. KẾT QUẢ THỰC HIỆN" with one row per indicator, as the forms lay them out, on A4. The plans have
 * no quarterly or annual annex: those reports take Phụ lục III's layout (docs/reports.md says so). The figures come
 * from the federated IndicatorReport (FORM_QUERY), asked through the gateway with the caller's credential.
 */

export const FORM_QUERY = `query OfficialForm($scope: String!, $period: String!) {
  indicatorReport(scope: $scope, period: $period) {
    scope scopeName period from to
    householdRows { code achieved growthPct cumulative note }
    salesRows { code achieved growthPct cumulative note }
    traceabilityRows { code achieved growthPct cumulative note }
    completion { code completionPct targetNote }
  }
}`;

export interface FormRowData { code: string; achieved: number | null; growthPct: number | null; cumulative: number | null; note: string }
export interface FormReport {
  scope: string;
  scopeName: string;
  period: string;
  from: string;
  to: string;
  householdRows: FormRowData[];
  salesRows: FormRowData[];
  traceabilityRows: FormRowData[];
  completion: { code: string; completionPct: number | null; targetNote: string }[];
}

/** "I. THÔNG TIN CHUNG": who reports. Empty fields stay as the form's dotted lines. */
export interface Reporter {
  organisation?: string;
  name?: string;
  phone?: string;
  email?: string;
}

export function formHeaders(kind: FormKind): string[] {
  const { word } = FORMS[kind];
  return [
    'TT', 'Chỉ tiêu', 'Đơn vị tính', `Chỉ tiêu đạt được trong ${word} (Số lượng)`, `Tăng trưởng so với ${word} trước (%)`,
    'Chỉ tiêu đạt được lũy kế đến hiện tại (Số lượng)', 'Tỉ lệ hoàn thành chỉ tiêu đến thời điểm hiện tại (%)', 'Ghi chú thông tin bổ sung',
  ];
}

/** The table of "II. KẾT QUẢ THỰC HIỆN": group rows (I, II, III) and indicator rows numbered within their group. */
export function formRows(report: FormReport): CellValue[][] {
  const rows = new Map([...report.householdRows, ...report.salesRows, ...report.traceabilityRows].map((row) => [row.code, row]));
  const completion = new Map(report.completion.map((row) => [row.code, row]));
  const table: CellValue[][] = [];
  for (const [group, labels] of Object.entries(INDICATOR_GROUPS)) {
    table.push([group, labels.labelVi, null, null, null, null, null, null]);
    const ofGroup = INDICATORS.filter((candidate) => candidate.group === group);
    ofGroup.sort((a, b) => Number(a.code.split('.')[1]) - Number(b.code.split('.')[1]));
    for (const definition of ofGroup) {
      const row = rows.get(definition.code);
      const done = completion.get(definition.code);
      table.push([
        Number(definition.code.split('.')[1]), definition.labelVi, definition.unit,
        row?.achieved ?? null, row?.growthPct ?? null, row?.cumulative ?? null, done?.completionPct ?? null,
        row ? [row.note, done ? `Chỉ tiêu: ${done.targetNote}.` : ''].filter(Boolean).join(' ') : 'Chưa có số liệu trên hệ thống.',
      ]);
    }
  }
  return table;
}

/** Vietnamese number formats: "." for thousands, "," for decimals (Excel shows them by the reader's locale). */
const NUMBER_FORMAT = '#,##0.###';
const PERCENT_FORMAT = '0.0';

export async function formXlsx(kind: FormKind, report: FormReport, reporter: Reporter): Promise<Buffer> {
  const form = FORMS[kind];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Nông sản Graph';
  const sheet = workbook.addWorksheet(form.sheet, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
  });
  sheet.columns = [{ width: 6 }, { width: 60 }, { width: 14 }, { width: 16 }, { width: 14 }, { width: 16 }, { width: 16 }, { width: 40 }];
  const text = (value: string) => neutraliseFormula(value) as string;
  const line = (value: string, options: { bold?: boolean; center?: boolean; italic?: boolean } = {}) => {
    const row = sheet.addRow([text(value)]);
    sheet.mergeCells(row.number, 1, row.number, 8);
    row.getCell(1).font = { bold: options.bold, italic: options.italic };
    if (options.center) row.getCell(1).alignment = { horizontal: 'center' };
    return row;
  };
  // The whole cell is neutralised by line(); a value after its label cannot start a formula.
  const dotted = (value: string | undefined) => value || '..............................';

  line(form.annex, { bold: true, center: true });
  line(form.title, { bold: true, center: true });
  line(form.due, { italic: true, center: true });
  line(`${report.scopeName} (${report.scope}): ${form.word} ${report.period}, từ ${viDate(report.from)} đến ${viDate(report.to)}`, { center: true });
  line('I. THÔNG TIN CHUNG', { bold: true });
  line(`1. Doanh nghiệp: ${dotted(reporter.organisation)}`);
  line('2. Thông tin cán bộ báo cáo:');
  line(`2.1. Họ và tên: ${dotted(reporter.name)}`);
  line(`2.2. Số điện thoại: ${dotted(reporter.phone)}`);
  line(`2.3. Hộp thư điện tử: ${dotted(reporter.email)}`);
  line('II. KẾT QUẢ THỰC HIỆN', { bold: true });

  const border: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
  const header = sheet.addRow(formHeaders(kind));
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = border;
  });
  sheet.pageSetup.printTitlesRow = `${header.number}:${header.number}`;
  for (const values of formRows(report)) {
    const row = sheet.addRow(values.map((value) => neutraliseFormula(value) ?? null));
    const isGroup = typeof values[0] === 'string';
    if (isGroup) {
      sheet.mergeCells(row.number, 2, row.number, 8);
      row.font = { bold: true };
    }
    for (let column = 1; column <= 8; column++) {
      const cell = row.getCell(column);
      cell.border = border;
      cell.alignment = { vertical: 'top', wrapText: column === 2 || column === 8, horizontal: column === 1 || column === 3 ? 'center' : undefined };
      if (column === 4 || column === 6) cell.numFmt = NUMBER_FORMAT;
      if (column === 5 || column === 7) cell.numFmt = PERCENT_FORMAT;
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The same table as CSV (UTF-8 with BOM), one row per indicator after the header. */
export function formCsv(kind: FormKind, report: FormReport): Buffer {
  return toCsv(formHeaders(kind), formRows(report));
}

const viDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
