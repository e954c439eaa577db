import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nationalIdHash } from '../platform/identity/normalise';
import { as, closeKeyStore } from './support/access';
import { runScript } from './support/commands';
import { hub, query, withDatabase } from './support/hub';

/*
 * An official gives the registry a household's members and the head's birth year in the household list
 * ("Thành viên hộ", "Năm sinh chủ hộ"), with `nongsan import registry`; a census round later written under the
 * wife's name finds the household with `nongsan import census`, as long as her birth year is hers.
 */

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-registry-members-'));
// Family names the demo data never uses, so that no demo household of the commune is a namesake.
const HEAD_CCCD = '024080446012';
const HEAD_CMND = '121446012';
const RECORD_KEYS = ['MEM24-0001', 'MEM24-0002'];
let householdId: string;

function writeCsv(name: string, rows: string[][]): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, '\ufeff' + rows.map((row) => row.map((cell) => `"${cell}"`).join(',')).join('\r\n'));
  return file;
}

async function cli(...args: string[]) {
  const result = await runScript('scripts/cli.ts', args, { DATABASE_URL: hub().databaseUrl });
  if (result.code !== 0) throw new Error(`nongsan ${args.join(' ')} failed:\n${result.stderr}`);
  return result;
}

beforeAll(async () => {
  await cli('import', 'registry', writeCsv('ho-co-thanh-vien.csv', [
    ['Họ và tên chủ hộ', 'Năm sinh chủ hộ', 'Số CCCD', 'Thành viên hộ', 'Thôn/Ấp', 'Mã xã'],
    ['Triệu Văn Khoa', '1980', HEAD_CCCD, 'Lạc Thị Huyền; vợ; 1979 | Triệu Minh Đạt; con; 2003', 'Thôn Đông', '07582'],
    ['Khổng Văn Tài', '1962', HEAD_CMND, 'Mạc Thị Nhàn; vợ', 'Thôn Đông', '07582'],
  ]));
}, 60_000);

afterAll(async () => {
  await withDatabase(async (client) => {
    await client.query(`delete from statistics.census_record where record_key = any($1)`, [RECORD_KEYS]);
    await client.query(`delete from registry.household where national_id_hash = any($1)`, [[nationalIdHash(HEAD_CCCD), nationalIdHash(HEAD_CMND)]]);
  });
  await closeKeyStore();
    fs.rmSync(scratch, { recursive: true, force: true });
});

describe('a household list with members and birth years', () => {
  it('stores the members with their relations and birth years, and the head birth year a CMND does not carry', async () => {
    const rows = await withDatabase(async (client) => (await client.query(
      `select id, national_id_hash, head_birth_year, members from registry.household where national_id_hash = any($1)`,
      [[nationalIdHash(HEAD_CCCD), nationalIdHash(HEAD_CMND)]],
    )).rows);
    const byCccd = rows.find((row) => row.national_id_hash === nationalIdHash(HEAD_CCCD))!;
    const byCmnd = rows.find((row) => row.national_id_hash === nationalIdHash(HEAD_CMND))!;
    householdId = byCccd.id;
    expect(byCccd).toMatchObject({
      head_birth_year: 1980,
      members: [{ name: 'Lạc Thị Huyền', relation: 'SPOUSE', birthYear: 1979 }, { name: 'Triệu Minh Đạt', relation: 'CHILD', birthYear: 2003 }],
    });
    expect(byCmnd).toMatchObject({ head_birth_year: 1962, members: [{ name: 'Mạc Thị Nhàn', relation: 'SPOUSE', birthYear: null }] });
  });

  it("links a census record written under the wife's name with her birth year, and not one with another birth year", async () => {
    const census = await cli('import', 'census', writeCsv('dieu-tra-2024.csv', [
      ['Mã hộ điều tra', 'Họ tên chủ hộ', 'Mã xã', 'Xã/Phường', 'Năm điều tra', 'Diện tích đất nông nghiệp (ha)', 'Số lao động', 'Năm sinh', 'Thôn/Ấp'],
      [RECORD_KEYS[0], 'Lạc Thị Huyền', '07582', '', '2024', '0.8', '2', '1979', 'Thôn Đông'],
      [RECORD_KEYS[1], 'Lạc Thị Huyền', '07582', '', '2024', '0.5', '1', '1991', 'Thôn Đông'],
    ]));
    expect(census.stdout + census.stderr).toContain('linking: 1 linked');
    const official = await as('official');
    const record = (recordKey: string) => query<{ censusRecords: { nodes: { linkStatus: string; household: { id: string } | null }[] } }>(
      `query ($recordKey: String) { censusRecords(recordKey: $recordKey, first: 5) { nodes { linkStatus household { id } } } }`,
      { recordKey },
      official,
    );
    expect((await record(RECORD_KEYS[0])).censusRecords.nodes).toEqual([{ linkStatus: 'LINKED', household: { id: householdId } }]);
    const other = (await record(RECORD_KEYS[1])).censusRecords.nodes;
    expect(other).toHaveLength(1);
    expect(other[0].linkStatus).not.toBe('LINKED');
  });
});
