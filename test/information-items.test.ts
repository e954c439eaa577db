import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openSubgraphDatabase, type SubgraphDatabase } from '../platform/database/orm';
import { describeProblem, runImport } from '../platform/ingest';
import type { SubgraphDefinition } from '../platform/subgraph';
import { registry } from '../subgraphs/registry';
import { informationItemsImporter } from '../subgraphs/registry/ingest/information-items';
import { as, closeKeyStore } from './support/access';
import { countStatements, hub, post, query, withDatabase } from './support/hub';

/*
 * The register of information items published to households (III.1 items published, III.2 updates per week): kept
 * by officials through the gateway or from a file, counted by the registry in the indicator report and the forms.
 */

const PROVINCE = '24';
const OTHER = '20';
const RECORD = `mutation ($items: [InformationItemInput!]!) { recordInformationItems(items: $items) { scope reference title channel publishedOn updatedOn } }`;
const REPORT = `query ($scope: String!, $period: String!) { indicatorReport(scope: $scope, period: $period) {
  householdRows { code unit achieved previous growthPct cumulative note } completion { code target completionPct } } }`;

interface Row { code: string; unit: string; achieved: number | null; previous: number | null; growthPct: number | null; cumulative: number | null; note: string }
interface Report { householdRows: Row[]; completion: { code: string; target: number | null; completionPct: number | null }[] }

let commune: string;
let otherCommune: string;
let database: SubgraphDatabase;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-information-'));

const stored = () => withDatabase(async (client) => (await client.query(
  `select i.scope, i.reference, to_char(i.published_on, 'YYYY-MM-DD') as published, array_agg(to_char(u.day, 'YYYY-MM-DD') order by u.day) as days
   from registry.information_item i join registry.information_update u on u.item_id = i.id group by i.id order by i.scope, i.reference`,
)).rows);

async function report(scope: string, period: string): Promise<{ row: (code: string) => Row; completion: (code: string) => Report['completion'][number] | undefined }> {
  const { indicatorReport } = await query<{ indicatorReport: Report }>(REPORT, { scope, period });
  return {
    row: (code) => indicatorReport.householdRows.find((row) => row.code === code)!,
    completion: (code) => indicatorReport.completion.find((row) => row.code === code),
  };
}

const clear = () => withDatabase((client) => client.query('delete from registry.information_item'));

beforeAll(async () => {
  ({ commune, otherCommune } = await withDatabase(async (client) => (await client.query(
    `select (select min(code) from registry.commune where province_code = $1) as commune, (select min(code) from registry.commune where province_code = $2) as "otherCommune"`,
    [PROVINCE, OTHER],
  )).rows[0]));
  database = await openSubgraphDatabase(registry as SubgraphDefinition, hub().databaseUrl, { migrate: false });
  await clear();
});
afterAll(async () => {
  await clear();
  await database.close();
  await closeKeyStore();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('the register of information items', () => {
  it('is recorded by a province\'s official and counted as III.1 (items published) and III.2 (updates per week)', async () => {
    const official = await as('official', PROVINCE);
    const recorded = await query<{ recordInformationItems: unknown[] }>(RECORD, { items: [
      { scope: PROVINCE, reference: 'gia-na', title: 'Giá na hằng tuần', channel: 'POSTMART', publishedOn: '2026-11-03', updatedOn: '2026-11-10' },
      { scope: PROVINCE, reference: 'gia-na', title: 'Giá na Chi Lăng hằng tuần', channel: 'POSTMART', publishedOn: '2026-11-03', updatedOn: '2026-11-17' },
      { scope: PROVINCE, reference: 'thoi-tiet', title: 'Thời tiết nông vụ', channel: 'MOBILE_APP', publishedOn: '2026-11-20' },
      { scope: commune, reference: 'lich-thu-hoach', title: 'Lịch thu hoạch', channel: 'VOSO', publishedOn: '2026-10-15', updatedOn: '2026-11-05' },
    ] }, official);
    // one item per scope and code: the later entry's title, the earliest publication, the latest update
    expect(recorded.recordInformationItems).toEqual(expect.arrayContaining([
      { scope: PROVINCE, reference: 'gia-na', title: 'Giá na Chi Lăng hằng tuần', channel: 'POSTMART', publishedOn: '2026-11-03', updatedOn: '2026-11-17' },
      { scope: commune, reference: 'lich-thu-hoach', title: 'Lịch thu hoạch', channel: 'VOSO', publishedOn: '2026-10-15', updatedOn: '2026-11-05' },
    ]));
    expect(recorded.recordInformationItems).toHaveLength(3);
    // national and other provinces' items are not the province's
    await query(RECORD, { items: [
      { scope: 'VN', reference: 'gia-phan-bon', title: 'Giá phân bón', channel: 'OTHER', publishedOn: '2026-11-02' },
      { scope: OTHER, reference: 'gia-na', title: 'Giá na Lạng Sơn', channel: 'VOSO', publishedOn: '2026-11-04' },
    ] }, await as('admin'));

    const november = await report(PROVINCE, '2026-11');
    // published in November: gia-na, thoi-tiet; in October: lich-thu-hoach (a commune of the province)
    expect(november.row('III.1')).toMatchObject({ unit: 'Bài viết', achieved: 2, previous: 1, growthPct: 100, cumulative: 3 });
    // November's days: gia-na 3, 10, 17; thoi-tiet 20; lich-thu-hoach 5 -> 5 × 7 / 30 days; October: 1 × 7 / 31;
    // to the end of November: 6 days since 15 October (47 days)
    const iii2 = november.row('III.2');
    expect(iii2.unit).toBe('Lần/tuần');
    expect(iii2.achieved).toBeCloseTo((5 * 7) / 30, 2);
    expect(iii2.previous).toBeCloseTo((1 * 7) / 31, 2);
    expect(iii2.cumulative).toBeCloseTo((6 * 7) / 47, 2);
    // the plan's target: once a week
    expect(november.completion('III.2')?.target).toBe(1);
    expect(november.completion('III.2')?.completionPct).toBeCloseTo(((6 * 7) / 47) * 100, 0);

    expect((await report('VN', '2026-11')).row('III.1')).toMatchObject({ achieved: 4, cumulative: 5 });
    expect((await report(commune, '2026-10')).row('III.1')).toMatchObject({ achieved: 1, cumulative: 1 });
    expect((await report(commune, '2026-W46')).row('III.2')).toMatchObject({ achieved: 0, cumulative: expect.any(Number) });
    expect((await report(otherCommune, '2026-11')).row('III.1')).toMatchObject({ achieved: 0, cumulative: 0 });

    const page = await query<{ informationItems: { nodes: { reference: string }[] } }>('{ informationItems(scope: "24") { nodes { reference } } }');
    expect(page.informationItems.nodes.map((node) => node.reference).sort()).toEqual(['gia-na', 'lich-thu-hoach', 'thoi-tiet']);
  });

  it('answers every scope of a batch of reports with the same registry statements as one scope', async () => {
    const ask = (scopes: string[]) => countStatements(() => query('query ($scopes: [String!]!) { indicatorReports(scopes: $scopes, period: "2026-11") { householdRows { code achieved } } }', { scopes }));
    const one = await ask([PROVINCE]);
    expect(one.registry).toBeGreaterThan(0);
    expect((await ask([PROVINCE, OTHER, '01', '04'])).registry).toBe(one.registry);
  });

  it('is refused to callers who are not officials, and to an official outside their province; nothing is written', async () => {
    const before = await stored();
    const item = { reference: 'x', title: 'X', channel: 'VOSO', publishedOn: '2026-11-01' };
    for (const headers of [{}, await as('journalist'), await as('trade', PROVINCE)]) {
      const answer = await post(hub().gatewayUrl, RECORD, { items: [{ ...item, scope: PROVINCE }] }, headers);
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    const official = await as('official', PROVINCE);
    const other = await post(hub().gatewayUrl, RECORD, { items: [{ ...item, scope: PROVINCE }, { ...item, scope: otherCommune }] }, official);
    expect(other.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(new RegExp(`province 24.*scope ${otherCommune}.*outside`)) });
    const nation = await post(hub().gatewayUrl, RECORD, { items: [{ ...item, scope: 'VN' }] }, official);
    expect(nation.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const future = await post(hub().gatewayUrl, RECORD, { items: [{ ...item, scope: PROVINCE }, { ...item, scope: PROVINCE, reference: 'y', publishedOn: '2099-01-01' }] }, official);
    expect(future.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/Item 2 \(y of 24\): publishedOn: 2099-01-01 is in the future/) });
    const nowhere = await post(hub().gatewayUrl, RECORD, { items: [{ ...item, scope: '99999' }] }, await as('admin'));
    expect(nowhere.errors?.[0].message).toMatch(/no commune with code "99999"/);
    expect(await stored()).toEqual(before);
  });

  it('is imported from a file all or nothing, each problem named by row and column', async () => {
    await clear();
    const bad = path.join(scratch, 'bad.csv');
    fs.writeFileSync(bad, [
      'Phạm vi,Mã hạng mục,Hạng mục thông tin,Kênh,Ngày đăng,Ngày cập nhật',
      `${PROVINCE},gia-vai,Giá vải,Postmart,02/11/2026,`,
      `${PROVINCE},gia-vai,Giá vải,Zalo,02/11/2026,`,
      `${PROVINCE},bao-gia,Báo giá,Voso,31/11/2026,`,
      `${PROVINCE},sau-benh,Sâu bệnh,Voso,10/11/2026,01/11/2026`,
    ].join('\n'));
    const refused = await runImport(informationItemsImporter, bad, { em: database.orm.em.fork() as never, quiet: true });
    expect(refused).toMatchObject({ written: false, rejected: 3 });
    const problems = refused.problems.map((problem) => describeProblem('bad.csv', problem));
    expect(problems.map((problem) => problem.replace(/": .*/, '"'))).toEqual([
      'bad.csv, row 3, column "Kênh"', 'bad.csv, row 4, column "Ngày đăng"', 'bad.csv, row 5, column "Ngày cập nhật"',
    ]);
    expect(await stored()).toEqual([]);

    // an XLSX with a row per update day
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Hạng mục');
    sheet.addRow(['Phạm vi', 'Mã hạng mục', 'Hạng mục thông tin', 'Kênh', 'Ngày đăng', 'Ngày cập nhật']);
    sheet.addRow([PROVINCE, 'gia-vai', 'Giá vải', 'Postmart', '02/11/2026', '09/11/2026']);
    sheet.addRow([PROVINCE, 'gia-vai', 'Giá vải', 'Postmart', '02/11/2026', '16/11/2026']);
    sheet.addRow([commune, 'lich-mua', 'Lịch mùa vụ', 'Ứng dụng di động', '20/11/2026', '']);
    const good = path.join(scratch, 'hang-muc.xlsx');
    await workbook.xlsx.writeFile(good);
    const imported = await runImport(informationItemsImporter, good, { em: database.orm.em.fork() as never, quiet: true });
    expect(imported).toMatchObject({ written: true, inserted: 2, updated: 0, rejected: 0 });
    expect(await stored()).toEqual([
      { scope: PROVINCE, reference: 'gia-vai', published: '2026-11-02', days: ['2026-11-02', '2026-11-09', '2026-11-16'] },
      { scope: commune, reference: 'lich-mua', published: '2026-11-20', days: ['2026-11-20'] },
    ].sort((a, b) => a.scope.localeCompare(b.scope)));
    const november = await report(PROVINCE, '2026-11');
    expect(november.row('III.1')).toMatchObject({ achieved: 2, cumulative: 2 });
    expect(november.row('III.2').achieved).toBeCloseTo((4 * 7) / 30, 2);

    // the same file again changes no item and adds no day
    const again = await runImport(informationItemsImporter, good, { em: database.orm.em.fork() as never, quiet: true });
    expect(again).toMatchObject({ inserted: 0, updated: 2 });
    expect((await stored()).flatMap((row: { days: string[] }) => row.days)).toHaveLength(4);
  });

  it('fills rows III.1 and III.2 of the monthly form', async () => {
    const response = await fetch(`${hub().gatewayUrl.replace(/\/graphql$/, '')}/reports/monthly.xlsx?province=${PROVINCE}&month=2026-11`);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const rows = new Map<string, ExcelJS.Row>();
    workbook.worksheets[0].eachRow((row) => rows.set(String(row.getCell(2).value ?? ''), row));
    const items = rows.get('Số hạng mục thông tin (số liệu, thông tin) được cung cấp qua sàn/apps di động đến các hộ SXNN')!;
    expect([items.getCell(3).value, items.getCell(4).value, items.getCell(6).value]).toEqual(['Bài viết', 2, 2]);
    const frequency = rows.get('Tần suất cập nhật thông tin (số liệu, thông tin) được cung cấp qua sàn/apps di động đến các hộ SXNN')!;
    expect(frequency.getCell(3).value).toBe('Lần/tuần');
    expect(frequency.getCell(4).value).toBeCloseTo((4 * 7) / 30, 2);
    expect(String(frequency.getCell(8).value)).toMatch(/Chỉ tiêu: 1/);
  });
});
