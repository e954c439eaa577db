import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { openSubgraphDatabase, type SubgraphDatabase } from '../platform/database/orm';
import { nationalIdHash } from '../platform/identity/normalise';
import { describeProblem, ImportRejected, runImport, type Importer, type RunImportOptions } from '../platform/ingest';
import type { SubgraphDefinition } from '../platform/subgraph';
import { registry } from '../subgraphs/registry';
import { householdListImporter, registryImporters, type HouseholdListRecord } from '../subgraphs/registry/ingest';
import { createRegistryMatcher } from '../subgraphs/registry/linking';
import { BAD_SAMPLES, SAMPLE_ROWS } from '../demo/samples/generate-samples';
import { JourneyDocument } from './generated/graphql';
import { hub, query, withDatabase } from './support/hub';

const SAMPLES = path.join(__dirname, '..', 'subgraphs', 'registry', 'ingest', 'samples');
const IMPORTED_AT = new Date('2026-03-02T08:00:00Z');
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-registry-import-'));
let database: SubgraphDatabase;

/** Imports a copy of the file (so that a rejects file is never written into the repository). */
function copy(file: string, name = path.basename(file)): string {
  const target = path.join(directory, name);
  fs.copyFileSync(file, target);
  return target;
}

function importFile(file: string, options: Partial<RunImportOptions> = {}, importer: Importer<HouseholdListRecord> = householdListImporter) {
  return runImport(importer, file, { em: database.orm.em.fork(), quiet: true, importedAt: IMPORTED_AT, ...options });
}

/** Everything the registry stores about households and trainings, as one fingerprint. */
async function registryState(): Promise<{ households: number; trainings: number; fingerprint: string }> {
  return withDatabase(async (client) => {
    const households = await client.query(`select count(*)::int as n, md5(coalesce(string_agg(h::text, '|' order by h.id), '')) as f from registry.household h`);
    const trainings = await client.query(`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t.id), '')) as f from registry.training t`);
    return { households: households.rows[0].n, trainings: trainings.rows[0].n, fingerprint: households.rows[0].f + trainings.rows[0].f };
  });
}

async function householdByNationalId(nationalId: string) {
  return withDatabase(async (client) => {
    const result = await client.query(
      `select id, kind, display_name, commune_code, province_code, scale, product_groups, cooperative_id, payment_account, consents,
              to_char(registered_on, 'YYYY-MM-DD') as registered_on, head_name, phone, national_id, national_id_hash, previous_national_id_hash,
              source, source_ref, name_blocks,
              (select coalesce(array_agg(topic::text || '@' || to_char(completed_on, 'YYYY-MM-DD') order by topic), '{}') from registry.training t where t.household_id = h.id) as trainings
         from registry.household h where national_id_hash = $1 or previous_national_id_hash = $1`,
      [nationalIdHash(nationalId)],
    );
    return result.rows[0];
  });
}

async function removeImported(): Promise<void> {
  await withDatabase(async (client) => {
    await client.query(`delete from registry.training where household_id in (select id from registry.household where source like 'import:%')`);
    await client.query(`delete from registry.household where source like 'import:%'`);
  });
}

function readCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(file), { bom: true, columns: true }) as Record<string, string>[];
}

function writeCsv(file: string, rows: Record<string, string>[]): string {
  fs.writeFileSync(file, '\ufeff' + stringify(rows, { header: true }));
  return file;
}

beforeAll(async () => {
  database = await openSubgraphDatabase(registry as SubgraphDefinition, hub().databaseUrl, { migrate: false });
});

afterAll(async () => {
  await removeImported();
  await database.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('importing a household list', () => {
  const sample = readCsv(path.join(SAMPLES, 'ho-dan-mau.csv'));
  const rowOf = (commune: string) => sample.find((row) => row['Xã/Phường'] === commune)!;

  beforeAll(removeImported);

  it('is exported for the command line under the name "registry" (beside the register of information items)', () => {
    expect(registryImporters.map((importer) => importer.name)).toEqual(['registry', 'information-items']);
  });

  it('takes in every row of the sample XLSX and the households show up through the gateway', async () => {
    const before = await registryState();
    const lastInLucNgan = await withDatabase(async (client) => (await client.query(`select max(id) as id from registry.household where id like 'HH-07582-%'`)).rows[0].id as string);
    const summary = await importFile(copy(path.join(SAMPLES, 'ho-dan-mau.xlsx')));
    expect(summary.problems.map((problem) => describeProblem('ho-dan-mau.xlsx', problem))).toEqual([]);
    expect(summary).toMatchObject({ read: SAMPLE_ROWS, inserted: SAMPLE_ROWS, updated: 0, unchanged: 0, rejected: 0, written: true });
    expect((await registryState()).households).toBe(before.households + SAMPLE_ROWS);

    // An old commune of the old province (Xã Tân Hoa, Huyện Lục Ngạn, Tỉnh Bắc Giang) is today's Lục Ngạn, Bắc Ninh;
    // the new household is numbered after the last one registered there.
    const cooperative = await householdByNationalId(rowOf('Xã Tân Hoa')['Số CCCD']);
    expect(cooperative).toMatchObject({
      id: `HH-07582-${String(Number(lastInLucNgan.slice(9)) + 1).padStart(5, '0')}`,
      kind: 'COOPERATIVE',
      display_name: 'HTX Vải thiều Tân Hoa',
      commune_code: '07582',
      province_code: '24',
      source: 'import:registry',
      source_ref: 'ho-dan-mau.xlsx#row=2',
    });

    const { households } = await query<{ households: { totalCount: number; nodes: { id: string; displayName: string; kindLabel: string; commune: { name: string; province: { name: string } } }[] } }>(
      `{ households(filter: { communeCode: "07582", kind: COOPERATIVE }, first: 10) { totalCount nodes { id displayName kindLabel commune { name province { name } } } } }`,
    );
    expect(households.nodes).toContainEqual({ id: cooperative.id, displayName: 'HTX Vải thiều Tân Hoa', kindLabel: 'Hợp tác xã', commune: { name: 'Lục Ngạn', province: { name: 'Bắc Ninh' } } });

    const { household } = await query(JourneyDocument, { id: cooperative.id });
    expect(household).toMatchObject({ id: cooperative.id, displayName: 'HTX Vải thiều Tân Hoa', commune: { code: '07582', province: { name: 'Bắc Ninh' } }, census: null, shops: [] });
  });

  it('normalises names, phones and places, and keeps the ID number only as the registry holds it', async () => {
    // An old commune divided in 2025 goes where the "Xã mới" column says.
    const split = sample.find((row) => row['Xã/Phường'] === 'Xã Ea BHốk')!;
    expect(await householdByNationalId(split['Số CCCD'])).toMatchObject({ commune_code: '24544', province_code: '66' });
    // An old commune of an old province: Xã Đại Ân 2 (Sóc Trăng) is now Trần Đề, Cần Thơ.
    expect(await householdByNationalId(rowOf('Xã Đại Ân 2')['Số CCCD'])).toMatchObject({ commune_code: '31673', province_code: '92' });
    // An old commune code (24274, Xã Ea H'đing) is today's Cư M'gar.
    expect(await householdByNationalId(rowOf("Xã Ea H'đing")['Số CCCD'])).toMatchObject({ commune_code: '24280' });

    const shouting = sample.find((row) => /^[^a-zđ]+$/u.test(row['Họ và tên chủ hộ']))!;
    const stored = await householdByNationalId(shouting['Số CCCD']);
    expect(stored.head_name).toBe(shouting['Họ và tên chủ hộ'].toLocaleLowerCase('vi').replace(/(^| )(\p{L})/gu, (_, space: string, letter: string) => space + letter.toLocaleUpperCase('vi')));
    expect(stored.national_id).toBe(shouting['Số CCCD']);

    const withPhone = sample.filter((row) => row['Số điện thoại']);
    for (const row of withPhone) {
      const household = await householdByNationalId(row['Số CCCD']);
      expect(household.phone).toBe(`+84${row['Số điện thoại'].replace(/\D/g, '').replace(/^(84|0)/, '')}`);
    }

    // A family household is published under an anonymous label, never the head's name.
    const family = sample.find((row) => row['Loại hình'] === 'Hộ gia đình')!;
    const familyHousehold = await householdByNationalId(family['Số CCCD']);
    expect(familyHousehold.display_name).toMatch(/^Hộ sản xuất .+ số \d+$/);
    expect(familyHousehold.display_name).not.toContain(family['Họ và tên chủ hộ'].split(' ').pop());
  });

  it('links members to the cooperative named in the same file', async () => {
    const cooperative = await householdByNationalId(rowOf('Xã Tân Hoa')['Số CCCD']);
    const members = sample.filter((row) => row['Thành viên HTX'] === 'HTX Vải thiều Tân Hoa');
    expect(members.length).toBeGreaterThan(0);
    for (const member of members) expect((await householdByNationalId(member['Số CCCD'])).cooperative_id).toBe(cooperative.id);
  });

  it('links members to a cooperative already registered, by its name written loosely or by its household ID', async () => {
    // The ID numbers below are made up: the sample's birth year would not be the one they encode.
    const base = { ...sample[10], 'Loại hình': 'Hộ gia đình', 'Tên cơ sở/HTX': '', 'Huyện': '', 'Mã xã': '', 'Xã mới': '', 'Năm sinh chủ hộ': '' };
    const rows = [
      { ...base, 'Số CCCD': '020088000111', 'Xã/Phường': 'Xã Chi Lăng', 'Tỉnh': 'Lạng Sơn', 'Thành viên HTX': 'htx na chi lang' },
      { ...base, 'Số CCCD': '024088000222', 'Xã/Phường': 'Xã Lục Ngạn', 'Tỉnh': 'Bắc Ninh', 'Thành viên HTX': 'HH-07582-00001' },
    ];
    const summary = await importFile(writeCsv(path.join(directory, 'thanh-vien.csv'), rows));
    expect(summary).toMatchObject({ inserted: 2, rejected: 0 });
    expect((await householdByNationalId('020088000111')).cooperative_id).toBe('HH-06463-00001');
    expect((await householdByNationalId('024088000222')).cooperative_id).toBe('HH-07582-00001');
  });

  it('records trainings, dated when the file gives a date', async () => {
    const dated = sample.find((row) => /^\d+\/\d+\/\d{4}$/.test(row['Đã tập huấn kỹ năng số']))!;
    const [day, month, year] = dated['Đã tập huấn kỹ năng số'].split('/');
    expect((await householdByNationalId(dated['Số CCCD'])).trainings).toContain(`DIGITAL_SKILLS@${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`);
    const notTrained = sample.find((row) => ['Không', 'Chưa', ''].includes(row['Đã tập huấn kỹ năng số']) && ['Không', 'Chưa', ''].includes(row['Đã tập huấn đóng gói, kết nối, giao hàng']))!;
    expect((await householdByNationalId(notTrained['Số CCCD'])).trainings).toEqual([]);
  });

  it('changes nothing when the same list is imported again, as XLSX or as CSV', async () => {
    const before = await registryState();
    const again = await importFile(copy(path.join(SAMPLES, 'ho-dan-mau.xlsx')));
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: SAMPLE_ROWS, rejected: 0 });
    const asCsv = await importFile(copy(path.join(SAMPLES, 'ho-dan-mau.csv')));
    expect(asCsv).toMatchObject({ inserted: 0, updated: 0, unchanged: SAMPLE_ROWS, rejected: 0 });
    expect(await registryState()).toEqual(before);
  });

  it('reads the sheet asked for (--sheet) in a workbook whose first sheet is a cover page', async () => {
    const sample = new ExcelJS.Workbook();
    await sample.xlsx.readFile(path.join(SAMPLES, 'ho-dan-mau.xlsx'));
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Bìa').addRow(['DANH SÁCH HỘ SẢN XUẤT NÔNG NGHIỆP']);
    const list = workbook.addWorksheet('Danh sách hộ');
    sample.worksheets[0].eachRow((row) => list.addRow((row.values as unknown[]).slice(1)));
    const file = path.join(directory, 'co-bia.xlsx');
    await workbook.xlsx.writeFile(file);
    await expect(importFile(file)).rejects.toThrow('required column missing');
    const summary = await importFile(file, { sheet: 'Danh sách hộ' });
    expect(summary).toMatchObject({ read: SAMPLE_ROWS, rejected: 0 });
    expect(summary.inserted + summary.unchanged).toBe(SAMPLE_ROWS);
  });

  it('updates only what a corrected list changes, and records where the change came from', async () => {
    const rows = readCsv(path.join(SAMPLES, 'ho-dan-mau.csv'));
    const target = rows.findIndex((row) => row['Loại hình'] === 'Hộ gia đình' && row['Quy mô'] !== 'Trang trại');
    rows[target] = { ...rows[target], 'Số điện thoại': '0987 654 321', 'Đã tập huấn kỹ năng số': '03/03/2026', 'Quy mô': 'Trang trại' };
    const file = writeCsv(path.join(directory, 'ho-dan-mau-da-sua.csv'), rows);
    const summary = await importFile(file);
    expect(summary).toMatchObject({ inserted: 0, updated: 1, unchanged: SAMPLE_ROWS - 1, rejected: 0 });
    expect(await householdByNationalId(rows[target]['Số CCCD'])).toMatchObject({
      phone: '+84987654321',
      scale: 'FARM',
      trainings: expect.arrayContaining(['DIGITAL_SKILLS@2026-03-03']),
      source_ref: `ho-dan-mau-da-sua.csv#row=${target + 2}`,
    });
  });

  it('updates a head listed by CMND when a later list gives the CCCD and the old CMND, and an older list does not undo it', async () => {
    const cmnd = '123456789';
    const cccd = '024088123456';
    const base = { ...readCsv(path.join(SAMPLES, 'ho-dan-mau.csv'))[10], 'Thành viên HTX': '', 'Năm sinh chủ hộ': '' };
    const first = await importFile(writeCsv(path.join(directory, 'cmnd.csv'), [{ ...base, 'Số CCCD': cmnd }]));
    expect(first).toMatchObject({ inserted: 1, rejected: 0 });
    const registered = await householdByNationalId(cmnd);

    const later = await importFile(writeCsv(path.join(directory, 'cccd.csv'), [{ ...base, 'Số CCCD': cccd, 'Số CMND cũ': cmnd }]));
    expect(later).toMatchObject({ inserted: 0, updated: 1, rejected: 0 });
    const updated = await householdByNationalId(cccd);
    expect(updated).toMatchObject({ id: registered.id, national_id: cccd, national_id_hash: nationalIdHash(cccd), previous_national_id_hash: nationalIdHash(cmnd) });
    // Sources that still carry the old CMND find the household too.
    const matches = await createRegistryMatcher(database.orm.em.fork()).match([{ nationalIdHash: nationalIdHash(cmnd) }, { nationalIdHash: nationalIdHash(cccd) }]);
    expect(matches.map((match) => [match.status, match.householdId])).toEqual([['LINKED', registered.id], ['LINKED', registered.id]]);

    const older = await importFile(writeCsv(path.join(directory, 'cmnd-again.csv'), [{ ...base, 'Số CCCD': cmnd }]));
    expect(older).toMatchObject({ inserted: 0, rejected: 0 });
    expect(await householdByNationalId(cmnd)).toMatchObject({ id: registered.id, national_id: cccd });
  });
});

describe('a list with a mistake', () => {
  beforeAll(removeImported);

  it.each(BAD_SAMPLES.map((sample) => [sample.what, sample] as const))('%s: is refused whole, the message names file, row and column', async (_what, sample) => {
    const before = await registryState();
    const file = copy(path.join(SAMPLES, 'bad', sample.file));
    let messages: string[];
    try {
      const summary = await importFile(file);
      expect(summary.written).toBe(false);
      messages = summary.problems.map((problem) => describeProblem(sample.file, problem));
    } catch (error) {
      expect(error).toBeInstanceOf(ImportRejected);
      messages = (error as ImportRejected).problems.map((problem) => describeProblem(sample.file, problem));
    }
    expect(messages).toEqual([expect.stringContaining(`${sample.file}, row ${sample.row}, column "${sample.column}": `)]);
    expect(messages[0]).toContain(sample.says);
    expect(await registryState()).toEqual(before);
  });

  it('never repeats an ID number in a message', async () => {
    const sample = BAD_SAMPLES.find((bad) => bad.file === 'loi-trung-cccd.csv')!;
    const summary = await importFile(copy(path.join(SAMPLES, 'bad', sample.file)));
    const repeated = readCsv(path.join(SAMPLES, 'bad', sample.file))[0]['Số CCCD'];
    const text = summary.problems.map((problem) => describeProblem(sample.file, problem) + JSON.stringify(problem)).join('\n');
    expect(text).not.toContain(repeated);
    expect(text).not.toContain(nationalIdHash(repeated));
  });

  it('with --partial, writes the valid rows and puts the refused one in a rejects file beside the input', async () => {
    const before = await registryState();
    const file = copy(path.join(SAMPLES, 'bad', 'loi-so-dien-thoai.csv'));
    const summary = await importFile(file, { partial: true });
    expect(summary).toMatchObject({ read: 4, inserted: 3, rejected: 1, written: true, rejectsFile: path.join(directory, 'loi-so-dien-thoai.rejects.csv') });
    expect((await registryState()).households).toBe(before.households + 3);
    const rejects = readCsv(summary.rejectsFile!);
    expect(rejects).toEqual([expect.objectContaining({ row: '4', 'Số điện thoại': '0166 234 5678', problem: expect.stringContaining('loi-so-dien-thoai.csv, row 4, column "Số điện thoại": ') })]);
  });

  it('leaves the registry as it was when the import dies half-way through writing', async () => {
    const before = await registryState();
    const dying: Importer<HouseholdListRecord> = {
      ...householdListImporter,
      async write(em, accepted, context) {
        await householdListImporter.write(em, accepted.slice(0, 20), context);
        throw new Error('process killed');
      },
    };
    await expect(importFile(copy(path.join(SAMPLES, 'ho-dan-mau.xlsx'), 'dying.xlsx'), {}, dying)).rejects.toThrow('process killed');
    expect(await registryState()).toEqual(before);
  });
});
