import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSubgraphDatabase, type SubgraphDatabase } from '../platform/database/orm';
import { runImport } from '../platform/ingest';
import { httpHouseholdDirectory } from '../platform/linking/household-directory';
import { parseReportPeriod } from '../platform/indicators/period';
import { PeerDirectory } from '../platform/server/peers';
import { subgraphByName } from '../subgraphs';
import { certificatesImporter } from '../subgraphs/traceability/ingest/certificates';
import { hub, query, withDatabase } from './support/hub';

/*
 * OCOP products of 3 stars or more listed online, per province (Nghệ An's addition): traceability places each
 * certificate by its holder's commune, which the registry gives when the certificate is recorded. Expected figures
 * are computed here from the holders' households in the registry's own table, which traceability never reads.
 */

interface Coverage { products: number; listedOnline: number; coveragePct: number | null }
const COVERAGE = `query ($province: String, $validOn: String) { ocopCoverage(province: $province, validOn: $validOn) { scope total { products listedOnline coveragePct } } }`;

let database: SubgraphDatabase;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-ocop-'));
const NUMBER = 'OCOP-TEST-2026-0001';

beforeAll(async () => {
  database = await openSubgraphDatabase(subgraphByName('traceability'), hub().databaseUrl, { migrate: false });
});
afterAll(async () => {
  await withDatabase((client) => client.query('delete from traceability.certification where certificate_number = $1', [NUMBER]));
  await database.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** OCOP 3+ certificates valid on `day` per holder province, from the registry's households. */
async function expectedByProvince(day: string): Promise<Map<string, Coverage>> {
  const rows = await withDatabase(async (client) => (await client.query(
    `select h.province_code as province, count(*)::int as products,
       count(*) filter (where exists (select 1 from traceability.certification_listing cl where cl.certification_id = c.id))::int as listed
     from traceability.certification c join registry.household h on h.id = c.household_id
     where c.scheme = 'OCOP' and c.stars >= 3 and c.valid_from <= $1 and c.valid_until >= $1 group by 1`, [day],
  )).rows as { province: string; products: number; listed: number }[]);
  return new Map(rows.map((row) => [row.province, { products: row.products, listedOnline: row.listed, coveragePct: Math.round((row.listed / row.products) * 1000) / 10 }]));
}

describe('OCOP 3+ coverage online per province', () => {
  it('answers ocopCoverage(province) from the holders\' provinces, and the provinces add up to the nation', async () => {
    const day = '2026-06-30';
    const expected = await expectedByProvince(day);
    expect(expected.size).toBeGreaterThan(1);
    let sum = 0;
    for (const [province, coverage] of expected) {
      const { ocopCoverage } = await query<{ ocopCoverage: { scope: string; total: Coverage } }>(COVERAGE, { province, validOn: day });
      expect(ocopCoverage).toEqual({ scope: province, total: coverage });
      sum += coverage.products;
    }
    const nation = await query<{ ocopCoverage: { total: Coverage } }>(COVERAGE, { validOn: day });
    expect(nation.ocopCoverage.total.products).toBe(sum);
    const unknown = await query(COVERAGE, { province: '99' }).catch((error: Error) => error);
    expect(String(unknown)).toMatch(/No province with code "99"/);
  });

  it('is row A.1 of the indicator report: the level on the period\'s last day, against the previous period\'s', async () => {
    const [province] = [...(await expectedByProvince('2026-06-30')).entries()].sort((a, b) => b[1].products - a[1].products)[0];
    const period = parseReportPeriod('2026-Q2');
    const last = (to: string) => new Date(new Date(`${to}T00:00:00Z`).getTime() - 86_400_000).toISOString().slice(0, 10);
    const now = (await expectedByProvince(last(period.to))).get(province)!;
    const before = (await expectedByProvince(last(period.previous.to))).get(province);
    const { indicatorReport } = await query<{ indicatorReport: { traceabilityRows: { code: string; unit: string; achieved: number; previous: number; cumulative: number }[]; completion: { code: string; target: number; completionPct: number }[] } }>(
      `query ($scope: String!) { indicatorReport(scope: $scope, period: "2026-Q2") { traceabilityRows { code unit achieved previous cumulative } completion { code target completionPct } } }`,
      { scope: province },
    );
    expect(indicatorReport.traceabilityRows.find((row) => row.code === 'A.1')).toEqual({
      code: 'A.1', unit: '%', achieved: now.coveragePct, previous: before?.coveragePct ?? 0, cumulative: now.coveragePct,
    });
    expect(indicatorReport.completion.find((row) => row.code === 'A.1')).toEqual({ code: 'A.1', target: 100, completionPct: now.coveragePct });
  });

  it('places an imported certificate where the registry says its holder lives now, not where the household ID was issued', async () => {
    const { id, commune, elsewhere } = await withDatabase(async (client) => (await client.query(
      `select h.id, h.commune_code as commune, (select min(c.code) from registry.commune c where c.province_code <> h.province_code) as elsewhere
       from registry.household h where h.id ~ '^HH-[0-9]{5}-[0-9]{5}$' order by h.id limit 1`,
    )).rows[0]);
    // the household moved: the registry has its new commune
    await withDatabase((client) => client.query('update registry.household set commune_code = $2 where id = $1', [id, elsewhere]));
    try {
      const file = path.join(scratch, 'ocop.csv');
      fs.writeFileSync(file, ['Loại chứng nhận,Số giấy chứng nhận,Tổ chức chứng nhận,Sản phẩm,Ngày cấp,Ngày hết hạn,Số sao,Mã hộ', `OCOP,${NUMBER},UBND tỉnh,Mật ong,01/01/2026,31/12/2028,4,${id}`].join('\n'));
      const peers = new PeerDirectory({});
      peers.add('registry', hub().subgraphUrls.registry);
      const summary = await runImport(certificatesImporter, file, { em: database.orm.em.fork(), quiet: true, householdDirectory: httpHouseholdDirectory(peers) });
      expect(summary).toMatchObject({ written: true, rejected: 0 });
      const stored = await withDatabase(async (client) => (await client.query('select holder_commune_code from traceability.certification where certificate_number = $1', [NUMBER])).rows[0]);
      expect(stored.holder_commune_code).toBe(elsewhere);
      expect(id.slice(3, 8)).not.toBe(elsewhere);
    } finally {
      await withDatabase((client) => client.query('update registry.household set commune_code = $2 where id = $1', [id, commune]));
    }
  });
});
