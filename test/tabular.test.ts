import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { openTable } from '../platform/ingest/tabular';

/** Writes a workbook whose zip lists the shared strings before the sheets and the workbook part (sheet names) last. */
async function workbookWithSheetNamesLast(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Bìa').addRow(['DANH SÁCH HỘ SẢN XUẤT']);
  const list = workbook.addWorksheet('Danh sách hộ');
  list.addRow(['Mã hộ', 'Họ tên chủ hộ']);
  list.addRow(['HH-1', 'Nguyễn Văn An']);
  const written = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  const names = Object.keys(written.files).filter((name) => !written.files[name].dir);
  const first = ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'];
  const order = [...first, ...names.filter((name) => !first.includes(name) && name !== 'xl/workbook.xml'), 'xl/workbook.xml'];
  const reordered = new JSZip();
  for (const name of order) reordered.file(name, await written.files[name].async('nodebuffer'));
  fs.writeFileSync(file, await reordered.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

describe('reading a workbook', () => {
  it('finds the sheet asked for by name whatever order the zip lists its parts in', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tabular-')), 'thu-tu-khac.xlsx');
    await workbookWithSheetNamesLast(file);
    const table = await openTable(file, { sheet: 'Danh sách hộ' });
    expect(table.headers).toEqual(['Mã hộ', 'Họ tên chủ hộ']);
    const rows = [];
    for await (const row of table.rows) rows.push(row.cells);
    expect(rows).toEqual([{ 'Mã hộ': 'HH-1', 'Họ tên chủ hộ': 'Nguyễn Văn An' }]);
  });
});
