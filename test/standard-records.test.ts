import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from 'pg';
import { openSubgraphDatabase, type SubgraphDatabase } from '../platform/database/orm';
import { runImport } from '../platform/ingest';
import type { SubgraphDefinition } from '../platform/subgraph';
import { registry } from '../subgraphs/registry';
import { householdListImporter } from '../subgraphs/registry/ingest';
import { as, closeKeyStore } from './support/access';
import { hub, query, withDatabase } from './support/hub';
import { expectItemRollupsEqualSources } from './support/indicator-items';

/*
 * Indicator A.2, households with standardised digital records (docs/indicators.md): after list imports that make
 * some records standard and leave others not, the report equals a count taken here straight from the households
 * with the definition written out in SQL, independently of the registry's trigger and rollups.
 */

const COMMUNE = '07582';
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-standard-records-'));
let database: SubgraphDatabase;

/** Today in Vietnam, as the trigger dates a record that becomes standard by an update. */
const vietnamToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

const HEADER = 'Họ và tên chủ hộ,Số CCCD,Số điện thoại,Loại hình,Tên cơ sở/HTX,Mã xã,Nhóm sản phẩm,Mã số thuế';

async function importList(name: string, rows: string[]): Promise<void> {
  const file = path.join(directory, name);
  fs.writeFileSync(file, `${HEADER}\n${rows.join('\n')}\n`);
  await runImport(householdListImporter, file, { em: database.orm.em.fork(), quiet: true });
}

/** The definition, written out: standard records of the commune, by the day they became standard. */
async function standardFromHouseholds(client: Client, from: string, to: string): Promise<{ achieved: number; cumulative: number }> {
  const { rows } = await client.query(
    `select count(*) filter (where h.record_standardised_on >= $2::date and h.record_standardised_on < $3::date)::int as achieved,
            count(*) filter (where h.record_standardised_on < $3::date)::int as cumulative,
            count(*) filter (where h.record_standardised_on is null)::int as dated_wrongly
       from registry.household h
       join registry.commune c on c.code = h.commune_code and c.province_code = h.province_code
      where h.commune_code = $1 and length(trim(h.head_name)) > 0 and array_length(h.product_groups, 1) >= 1 and length(h.phone) > 0
        and (h.national_id ~ '^\\d{12}$' or (h.kind in ('BUSINESS_HOUSEHOLD', 'COOPERATIVE', 'COOPERATIVE_GROUP') and h.registration_code ~ '^\\d{10}(\\d{3})?$'))`,
    [COMMUNE, from, to],
  );
  // Every standard household has its day.
  expect(rows[0].dated_wrongly).toBe(0);
  return { achieved: rows[0].achieved, cumulative: rows[0].cumulative };
}

async function a2(period: string): Promise<{ achieved: number | null; cumulative: number | null }> {
  const { indicatorReport } = await query<{ indicatorReport: { householdRows: { code: string; achieved: number | null; cumulative: number | null }[] } }>(
    `query ($scope: String!, $period: String!) { indicatorReport(scope: $scope, period: $period) { householdRows { code achieved cumulative } } }`,
    { scope: COMMUNE, period },
    await as('official'),
  );
  return indicatorReport.householdRows.find((row) => row.code === 'A.2')!;
}

async function recordOf(nationalId: string): Promise<{ standard_on: string | null; registered_on: string }> {
  return withDatabase(async (client) => (await client.query(
    `select to_char(record_standardised_on, 'YYYY-MM-DD') as standard_on, to_char(registered_on, 'YYYY-MM-DD') as registered_on
       from registry.household where national_id = $1`, [nationalId],
  )).rows[0]);
}

const IDS = ['001203009001', '123456781', '001203009003', '001203009004', '123456785'];

async function removeImported(): Promise<void> {
  await withDatabase(async (client) => {
    await client.query(`delete from registry.training where household_id in (select id from registry.household where national_id = any($1))`, [IDS]);
    await client.query(`delete from registry.household where national_id = any($1)`, [IDS]);
  });
}

beforeAll(async () => {
  database = await openSubgraphDatabase(registry as SubgraphDefinition, hub().databaseUrl, { migrate: false });
  await removeImported();
});

afterAll(async () => {
  await removeImported();
  await database.close();
  await closeKeyStore();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('households with standardised digital records (A.2)', () => {
  it('counts the records an import makes standard, and not the others, as the households say', async () => {
    const month = vietnamToday().slice(0, 7);
    const year = month.slice(0, 4);
    const before = await a2(month);
    await importList('first.csv', [
      // standard: name, CCCD, phone, a product group, a current commune
      'Nguyễn Văn Chuẩn,001203009001,0912 300 901,Hộ gia đình,,07582,Trái cây,',
      // an old 9-digit CMND is not a valid CCCD
      'Trần Thị Cũ,123456781,0912 300 902,Hộ gia đình,,07582,Rau,',
      // no phone
      'Lê Văn Lặng,001203009003,,Hộ gia đình,,07582,Rau,',
      // no product group
      'Phạm Thị Trống,001203009004,0912 300 904,Hộ gia đình,,07582,,',
      // a cooperative is standard by its registration code, whatever its representative's ID
      'Hoàng Văn Đại,123456785,0912 300 905,HTX,HTX Chuẩn Hóa Thử,07582,Trái cây,2400999001',
    ]);
    expect((await recordOf('001203009001')).standard_on).toBe((await recordOf('001203009001')).registered_on);
    expect(await recordOf('123456781')).toMatchObject({ standard_on: null });
    expect(await recordOf('001203009003')).toMatchObject({ standard_on: null });
    expect(await recordOf('001203009004')).toMatchObject({ standard_on: null });
    expect((await recordOf('123456785')).standard_on).not.toBeNull();

    const month1 = await withDatabase((client) => standardFromHouseholds(client, `${month}-01`, '9999-01-01'));
    const afterFirst = await a2(month);
    expect(afterFirst.cumulative).toBe(month1.cumulative);
    // the two standard ones of this import, registered today
    expect(afterFirst.achieved).toBe((before.achieved ?? 0) + 2);

    // A phone given later makes a record standard that day; a phone taken away makes one stop being standard.
    await importList('second.csv', [
      'Nguyễn Văn Chuẩn,001203009001,,Hộ gia đình,,07582,Trái cây,',
      'Lê Văn Lặng,001203009003,0912 300 903,Hộ gia đình,,07582,Rau,',
    ]);
    expect(await recordOf('001203009001')).toMatchObject({ standard_on: null });
    expect(await recordOf('001203009003')).toMatchObject({ standard_on: vietnamToday() });

    for (const period of [month, year]) {
      const { from, to } = await withDatabase(async (client) => (await client.query(
        `select to_char(p.from_day, 'YYYY-MM-DD') as from, to_char(p.to_day, 'YYYY-MM-DD') as to from (select
           case when length($1) = 7 then to_date($1, 'YYYY-MM') else to_date($1, 'YYYY') end as from_day,
           case when length($1) = 7 then to_date($1, 'YYYY-MM') + interval '1 month' else to_date($1, 'YYYY') + interval '1 year' end as to_day) p`,
        [period],
      )).rows[0]);
      const counted = await withDatabase((client) => standardFromHouseholds(client, from, to));
      expect(await a2(period)).toMatchObject(counted);
    }
    await withDatabase(expectItemRollupsEqualSources);
  });
});
