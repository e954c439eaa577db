import { as, closeKeyStore } from './support/access';
import { hub, post, query, withDatabase } from './support/hub';

/*
 * Targets and completion: the statistics subgraph holds the targets (the plan's, or those officials set per scope
 * and year) and the denominators, and computes completion from the other subgraphs' cumulative figures, which the
 * gateway hands it (@requires).
 */

interface Completion { code: string; target: number | null; targetNote: string; completionPct: number | null }
interface Answer { indicatorReport: { salesRows: { code: string; cumulative: number }[]; householdRows: { code: string; cumulative: number | null }[]; completion: Completion[] } }

const REPORT = `query ($scope: String!, $period: String!) { indicatorReport(scope: $scope, period: $period) {
  householdRows { code cumulative } salesRows { code cumulative } completion { code target targetNote completionPct } } }`;
const SET = `mutation ($targets: [IndicatorTargetInput!]!) { setIndicatorTargets(targets: $targets) { scope year code percent absolute } }`;
const PROVINCE = '24';

afterAll(async () => {
  await withDatabase((client) => client.query(`delete from statistics.indicator_target where scope in ('24', '20', 'VN')`));
  await closeKeyStore();
});

async function report(scope: string, period: string, headers: Record<string, string> = {}): Promise<Answer['indicatorReport'] & { completionOf: (code: string) => Completion; cumulativeOf: (code: string) => number | null }> {
  const { indicatorReport } = await query<Answer>(REPORT, { scope, period }, headers);
  const rows = [...indicatorReport.householdRows, ...indicatorReport.salesRows];
  return {
    ...indicatorReport,
    completionOf: (code) => indicatorReport.completion.find((row) => row.code === code)!,
    cumulativeOf: (code) => rows.find((row) => row.code === code)!.cumulative,
  };
}

describe('indicator targets', () => {
  it('apply the plan by default: 30 provinces reached, 10% of the province\'s farm output in the statistics series', async () => {
    const answer = await report(PROVINCE, '2025');
    const provinces = answer.completionOf('II.6');
    expect(provinces.target).toBe(30);
    expect(provinces.completionPct).toBeCloseTo(Math.round((answer.cumulativeOf('II.6')! / 30) * 1000) / 10, 1);

    const output = await withDatabase(async (client) => (await client.query(
      `select year, sum(production_tonnes)::float8 as tonnes from statistics.indicator_observation
       where province_code = $1 and production_tonnes is not null and year <= 2025
         and crop = (case when exists (select 1 from statistics.indicator_observation where province_code = $1 and crop = '_T' and production_tonnes is not null) then '_T' else crop end)
         and crop <> (case when exists (select 1 from statistics.indicator_observation where province_code = $1 and crop = '_T' and production_tonnes is not null) then '' else '_T' end)
       group by year order by year desc limit 1`, [PROVINCE],
    )).rows[0] as { year: number; tonnes: number });
    const tonnes = answer.completionOf('II.2');
    expect(tonnes.target).toBeCloseTo(output.tonnes * 0.1, 2);
    expect(tonnes.targetNote).toContain(`in ${output.year}`);
    expect(tonnes.completionPct).toBeCloseTo(Math.round((answer.cumulativeOf('II.2')! / (output.tonnes * 0.1)) * 1000) / 10, 1);
  });

  it('are refused to callers who are not officials, and nothing is written', async () => {
    for (const headers of [{}, await as('journalist'), await as('trade', PROVINCE)]) {
      const answer = await post(hub().gatewayUrl, SET, { targets: [{ scope: PROVINCE, year: 2025, code: 'II.6', absolute: 12 }] }, headers);
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    expect((await report(PROVINCE, '2025')).completionOf('II.6').target).toBe(30);
  });

  it('set by a province\'s official replace the plan\'s for that scope and year only', async () => {
    const official = await as('official', PROVINCE);
    const set = await query<{ setIndicatorTargets: unknown[] }>(SET, { targets: [
      { scope: PROVINCE, year: 2025, code: 'II.6', absolute: 12 },
      { scope: PROVINCE, year: 2025, code: 'I.1', percent: 90 },
    ] }, official);
    expect(set.setIndicatorTargets).toEqual([
      { scope: PROVINCE, year: 2025, code: 'II.6', percent: null, absolute: 12 },
      { scope: PROVINCE, year: 2025, code: 'I.1', percent: 90, absolute: null },
    ]);
    const answer = await report(PROVINCE, '2025', official);
    expect(answer.completionOf('II.6')).toMatchObject({ target: 12, completionPct: Math.round((answer.cumulativeOf('II.6')! / 12) * 1000) / 10 });
    expect(answer.completionOf('II.6').targetNote).toMatch(/set by /);
    expect(answer.completionOf('I.1').targetNote).toMatch(/^90% of farming households/);
    // another year keeps the plan
    expect((await report(PROVINCE, '2024')).completionOf('II.6').target).toBe(30);
  });

  it('are refused for another province or the nation to a province\'s official, and unknown codes are named', async () => {
    const official = await as('official', PROVINCE);
    const other = await post(hub().gatewayUrl, SET, { targets: [{ scope: '20', year: 2025, code: 'II.6', absolute: 3 }] }, official);
    expect(other.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/province 24.*scope 20.*outside/) });
    const nation = await post(hub().gatewayUrl, SET, { targets: [{ scope: 'VN', year: 2025, code: 'II.6', absolute: 3 }] }, official);
    expect(nation.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const unknown = await post(hub().gatewayUrl, SET, { targets: [{ scope: PROVINCE, year: 2025, code: 'II.9', absolute: 3 }] }, await as('admin'));
    expect(unknown.errors?.[0].message).toMatch(/Target 1 \(II.9 for 24, 2025\): no indicator "II.9"/);
    const both = await post(hub().gatewayUrl, SET, { targets: [{ scope: PROVINCE, year: 2025, code: 'II.6', absolute: 3, percent: 5 }] }, await as('admin'));
    expect(both.errors?.[0].message).toMatch(/give either percent or absolute/);
    expect((await report('20', '2025')).completionOf('II.6').target).toBe(30);
  });
});
