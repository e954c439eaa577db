import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeProblem, runImport } from '../platform/ingest';
import { indicatorTargetsImporter } from '../subgraphs/statistics/ingest/targets-importer';
import { query, withDatabase } from './support/hub';
import { openStatisticsDatabase } from './support/statistics-db';

/* Targets imported from a CSV file, as `npx nongsan import indicator-targets <file>` does: all or nothing. */

let database: Awaited<ReturnType<typeof openStatisticsDatabase>>;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-targets-'));
const SCOPES = ['20', '14'];

beforeAll(async () => {
  database = await openStatisticsDatabase();
});
afterAll(async () => {
  await withDatabase((client) => client.query(`delete from statistics.indicator_target where scope = any($1) and year = 2027`, [SCOPES]));
  await database.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

function csv(name: string, lines: string[]): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

const stored = () => withDatabase(async (client) => (await client.query(
  `select scope, year, code, percent, absolute from statistics.indicator_target where scope = any($1) and year = 2027 order by scope, code`, [SCOPES],
)).rows);

describe('indicator targets from a CSV file', () => {
  it('refuse the whole file, naming the row and column of each problem, and write nothing', async () => {
    const file = csv('bad.csv', [
      'Phạm vi,Năm,Mã chỉ tiêu,Tỉ lệ (%),Số tuyệt đối',
      '20,2027,II.6,,32',
      '20,2027,IX.9,,5',
      '14,27,I.1,80,',
      '14,2027,II.7,50,',
      '14,2027,I.2,60,10',
    ]);
    const summary = await runImport(indicatorTargetsImporter, file, { em: database.em(), quiet: true });
    expect(summary).toMatchObject({ written: false, rejected: 4 });
    const problems = summary.problems.map((problem) => describeProblem('bad.csv', problem));
    expect(problems.map((problem) => problem.replace(/": .*/, '"'))).toEqual([
      'bad.csv, row 3, column "Mã chỉ tiêu"', 'bad.csv, row 4, column "Năm"', 'bad.csv, row 5, column "Tỉ lệ (%)"', 'bad.csv, row 6, column "Tỉ lệ (%)"',
    ]);
    expect(problems.join('\n')).toMatch(/no indicator "IX\.9"/);
    expect(problems.join('\n')).toMatch(/II\.7 has no denominator/);
    expect(await stored()).toEqual([]);
  });

  it('set every target of a valid file, which the indicator report then measures completion against', async () => {
    const file = csv('targets.csv', [
      'Phạm vi,Năm,Mã chỉ tiêu,Tỉ lệ (%),Số tuyệt đối',
      '20,2027,II.6,,32',
      '20,2027,i.1,"75,5",',
      '14,2027,II.7,,6',
    ]);
    const summary = await runImport(indicatorTargetsImporter, file, { em: database.em(), quiet: true });
    expect(summary).toMatchObject({ written: true, inserted: 3, rejected: 0 });
    expect(await stored()).toEqual([
      { scope: '14', year: 2027, code: 'II.7', percent: null, absolute: 6 },
      { scope: '20', year: 2027, code: 'I.1', percent: 75.5, absolute: null },
      { scope: '20', year: 2027, code: 'II.6', percent: null, absolute: 32 },
    ]);
    const { indicatorReport } = await query<{ indicatorReport: { completion: { code: string; target: number | null; targetNote: string }[] } }>(
      '{ indicatorReport(scope: "20", period: "2027") { completion { code target targetNote } } }',
    );
    expect(indicatorReport.completion.find((row) => row.code === 'II.6')!.target).toBe(32);
    expect(indicatorReport.completion.find((row) => row.code === 'I.1')!.targetNote).toMatch(/^75,5% of farming households|^75\.5% of farming households/);

    // a second file replaces the targets it names
    const again = await runImport(indicatorTargetsImporter, csv('again.csv', ['Phạm vi,Năm,Mã chỉ tiêu,Tỉ lệ (%),Số tuyệt đối', '20,2027,II.6,,30']), { em: database.em(), quiet: true });
    expect(again).toMatchObject({ inserted: 0, updated: 1 });
    expect((await stored()).find((row: { code: string }) => row.code === 'II.6').absolute).toBe(30);
  });
});
