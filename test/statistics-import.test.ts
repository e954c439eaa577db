import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeProblem, ImportRejected, runImport, type ImportSummary } from '../platform/ingest';
import { createStatisticsImporter, readSdmxMessage, statisticsImporter } from '../subgraphs/statistics/ingest';
import { query, withDatabase } from './support/hub';
import { openStatisticsDatabase, removeImported, tableFingerprint } from './support/statistics-db';

const samples = path.join(__dirname, '..', 'subgraphs', 'statistics', 'ingest', 'samples');
const fixtures = path.join(__dirname, 'fixtures', 'sdmx');
const LYCHEE = path.join(samples, 'lychee-2019-2020.sdmx-csv-2.0.csv');
const COFFEE = path.join(samples, 'coffee-2019-2025.sdmx-csv-2.1.csv');
const RICE = path.join(samples, 'rice-2020-2025.sdmx.json');
const importedAt = new Date('2026-11-20T08:00:00Z');

let database: Awaited<ReturnType<typeof openStatisticsDatabase>>;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-sdmx-'));

beforeAll(async () => {
  database = await openStatisticsDatabase();
});
afterAll(async () => {
  await removeImported();
  await database.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

function importFile(file: string, options: { partial?: boolean; importer?: typeof statisticsImporter; at?: Date } = {}): Promise<ImportSummary> {
  return runImport(options.importer ?? statisticsImporter, file, { em: database.em(), quiet: true, importedAt: options.at ?? importedAt, partial: options.partial });
}

/** A copy of a sample in the scratch folder with some lines changed, as an official would correct or break it. */
function variant(sample: string, name: string, edit: (lines: string[]) => string[]): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, edit(fs.readFileSync(sample, 'utf8').split('\n')).join('\n'));
  return file;
}

const problemsOf = (summary: ImportSummary) => summary.problems.map((problem) => describeProblem(path.basename(summary.file), problem));

interface Observation { year: number; productionTonnes: number | null; areaHa: number | null; farmingHouseholds: number | null }

async function provinceSeries(code: string, crop: string, toYear?: number): Promise<Observation[]> {
  const data = await query<{ province: { indicators: Observation[] } }>(
    `query($code: String!, $crop: String!, $toYear: Int) { province(code: $code) { indicators(crop: $crop, toYear: $toYear) { year productionTonnes areaHa farmingHouseholds } } }`,
    { code, crop, toYear },
  );
  return data.province.indicators;
}

describe('reading SDMX messages', () => {
  it('tells the formats apart: SDMX-CSV 2.0 and 2.1 by the header, SDMX-JSON by the extension, and SDMX-CSV 1.0', async () => {
    expect((await readSdmxMessage(LYCHEE)).format).toBe('SDMX-CSV 2.0');
    expect((await readSdmxMessage(COFFEE)).format).toBe('SDMX-CSV 2.1');
    expect((await readSdmxMessage(RICE)).format).toBe('SDMX-JSON');
    const v1 = path.join(scratch, 'v1.csv');
    fs.writeFileSync(v1, 'DATAFLOW,FREQ,REF_AREA,CROP,MEASURE,TIME_PERIOD,OBS_VALUE\nVN_NSO:DF_CROPS(1.0),A,24,LYCHEE,PRODUCTION,2018,150000\n');
    const message = await readSdmxMessage(v1);
    expect(message.format).toBe('SDMX-CSV 1.0');
    expect(message.observations[0]).toMatchObject({ row: 2, structure: 'VN_NSO:DF_CROPS(1.0)', value: '150000', components: { REF_AREA: '24', TIME_PERIOD: '2018' } });
  });

  it('reads the real SDMX-JSON sample of a statistics office (Cambodia, milled rice) down to its observations', async () => {
    const message = await readSdmxMessage(path.join(fixtures, 'agri.json'));
    expect(message.dimensions).toEqual(['FREQ', 'REF_AREA', 'TIME_PERIOD']);
    expect(message.observations).toHaveLength(12);
    expect(message.observations[0]).toMatchObject({
      key: '0:0',
      structure: 'MA_545:MILLED_RICE(1.0)',
      value: '350.154',
      components: { FREQ: 'A', REF_AREA: 'ASIKHM001', TIME_PERIOD: '2014', UNIT_MEASURE: 'TONES', UNIT_MULT: '3', OBS_STATUS: 'A' },
      names: { REF_AREA: 'Banteay Meanchey' },
    });
  });
});

describe('importing indicator tables', () => {
  it('imports the sample in each format, summing the old provinces merged in 2025 into the current one', async () => {
    const lychee = await importFile(LYCHEE);
    // 15 rows: 2 of yield and 1 missing value are skipped; 12 values go into 6 stored values of province 24.
    expect(lychee).toMatchObject({ read: 12, rejected: 0, written: true, inserted: 6, updated: 0, unchanged: 0 });
    expect(await provinceSeries('24', 'Vải', 2020)).toEqual([
      { year: 2019, productionTonnes: 160.5e3 + 2150, areaHa: 28100 + 310, farmingHouseholds: 35200 + 820 },
      { year: 2020, productionTonnes: 180.2e3 + 2230, areaHa: 28200 + 305, farmingHouseholds: 35400 + 815 },
    ]);

    const coffee = await importFile(COFFEE);
    expect(coffee).toMatchObject({ read: 18, rejected: 0, inserted: 10 });
    // Đắk Lắk + Phú Yên became Đắk Lắk (66); Đắk Nông + Lâm Đồng became Lâm Đồng (68), whose 2025 figure is already merged.
    expect(await provinceSeries('66', 'Cà phê', 2020)).toEqual([
      { year: 2019, productionTonnes: 520.3e3 + 1.1e3, areaHa: 209500 + 980, farmingHouseholds: null },
      { year: 2020, productionTonnes: 531.6e3 + 1.2e3, areaHa: 210100 + 990, farmingHouseholds: null },
    ]);
    expect(await provinceSeries('68', 'Cà phê')).toEqual([
      { year: 2019, productionTonnes: 305.6e3 + 460.2e3, areaHa: 136900 + 173300, farmingHouseholds: null },
      { year: 2020, productionTonnes: 318.9e3 + 472.5e3, areaHa: 138000 + 174800, farmingHouseholds: null },
      { year: 2025, productionTonnes: 905.4e3, areaHa: 318700, farmingHouseholds: null },
    ]);

    const rice = await importFile(RICE);
    expect(rice).toMatchObject({ read: 8, rejected: 0, inserted: 4 });
    const series = await query<{ indicatorSeries: (Observation & { province: { code: string; name: string }; yieldTonnesPerHa: number })[] }>(
      '{ indicatorSeries(crop: "Lúa", fromYear: 2020, toYear: 2025) { province { code name } year productionTonnes areaHa yieldTonnesPerHa } }',
    );
    const riceOf = (code: string) => series.indicatorSeries.filter((observation) => observation.province.code === code);
    // Cần Thơ, Hậu Giang and Sóc Trăng are Cần Thơ (92) since 2025: yield is derived from the sums, area-weighted.
    const production = 1452.6e3 + 1298.4e3 + 2105.7e3;
    const area = 230.4e3 + 201.8e3 + 342.9e3;
    expect(riceOf('92').filter((observation) => observation.year === 2020)).toEqual([
      { province: { code: '92', name: 'Cần Thơ' }, year: 2020, productionTonnes: production, areaHa: area, yieldTonnesPerHa: production / area },
    ]);
    expect(riceOf('24')).toEqual([{ province: { code: '24', name: 'Bắc Ninh' }, year: 2025, productionTonnes: 1012.3e3, areaHa: 168.5e3, yieldTonnesPerHa: 1012.3e3 / 168.5e3 }]);
  });

  it('keeps where each value came from', async () => {
    const rows = await withDatabase((client) =>
      client.query(`select source, source_ref, imported_at, measure_sources from statistics.indicator_observation where province_code = '24' and crop = 'Vải' and year = 2019`),
    );
    expect(rows.rows).toEqual([{
      source: 'import:statistics',
      source_ref: 'lychee-2019-2020.sdmx-csv-2.0.csv#row=2,row=6,row=3,row=7,row=4,row=8',
      imported_at: importedAt,
      measure_sources: {
        PRODUCTION: { source: 'import:statistics', ref: 'lychee-2019-2020.sdmx-csv-2.0.csv#row=2,row=6', importedAt: importedAt.toISOString() },
        AREA: { source: 'import:statistics', ref: 'lychee-2019-2020.sdmx-csv-2.0.csv#row=3,row=7', importedAt: importedAt.toISOString() },
        FARMING_HOUSEHOLDS: { source: 'import:statistics', ref: 'lychee-2019-2020.sdmx-csv-2.0.csv#row=4,row=8', importedAt: importedAt.toISOString() },
      },
    }]);
  });

  it('changes nothing when the same files are imported again, provenance included', async () => {
    const before = await tableFingerprint('indicator_observation');
    const later = new Date('2026-11-21T08:00:00Z');
    expect(await importFile(LYCHEE, { at: later })).toMatchObject({ inserted: 0, updated: 0, unchanged: 6, rejected: 0 });
    expect(await importFile(COFFEE, { at: later })).toMatchObject({ inserted: 0, updated: 0, unchanged: 10 });
    expect(await importFile(RICE, { at: later })).toMatchObject({ inserted: 0, updated: 0, unchanged: 4 });
    expect(await tableFingerprint('indicator_observation')).toBe(before);
  });

  it('updates only what a corrected file changes', async () => {
    // Bắc Ninh's (old 27) 2019 lychee production corrected from 2150 t to 2250 t.
    const corrected = variant(LYCHEE, 'lychee-corrected.csv', (lines) => lines.map((line, index) => (index === 5 ? line.replace(',2150,', ',2250,') : line)));
    expect(await importFile(corrected, { at: new Date('2026-11-22T08:00:00Z') })).toMatchObject({ inserted: 0, updated: 1, unchanged: 5, rejected: 0 });
    const [y2019] = await provinceSeries('24', 'Vải', 2019);
    expect(y2019).toEqual({ year: 2019, productionTonnes: 160.5e3 + 2250, areaHa: 28100 + 310, farmingHouseholds: 35200 + 820 });
    const sources = await withDatabase((client) => client.query(`select measure_sources from statistics.indicator_observation where province_code = '24' and crop = 'Vải' and year = 2019`));
    expect(sources.rows[0].measure_sources.PRODUCTION.ref).toBe('lychee-corrected.csv#row=2,row=6');
    expect(sources.rows[0].measure_sources.AREA.ref).toBe('lychee-2019-2020.sdmx-csv-2.0.csv#row=3,row=7');
  });
});

describe('refusing bad statistics input, with nothing written', () => {
  let before: string;
  beforeEach(async () => {
    before = await tableFingerprint('indicator_observation');
  });
  afterEach(async () => {
    expect(await tableFingerprint('indicator_observation')).toBe(before);
  });

  it('a dimension the hub does not store', async () => {
    const file = variant(LYCHEE, 'by-sex.csv', (lines) => lines.map((line, index) => (line ? `${line},${index === 0 ? 'SEX' : index % 2 ? 'F' : 'M'}` : line)));
    const attempt = importFile(file);
    await expect(attempt).rejects.toThrow(ImportRejected);
    await expect(attempt).rejects.toThrow('by-sex.csv, row 1, column "SEX": SEX is a dimension the hub does not store (it stores area, year, crop and measure): its values (F, M) would mix different series.');
  });

  it('a value that is not a number, naming the row and the column', async () => {
    const file = variant(LYCHEE, 'typo.csv', (lines) => lines.map((line, index) => (index === 2 ? line.replace(',28100,', ',28l00,') : line)));
    const summary = await importFile(file);
    expect(summary).toMatchObject({ written: false, rejected: 2 });
    expect(problemsOf(summary)).toEqual([
      'typo.csv, row 3, column "OBS_VALUE": "28l00" is not a number (write digits with a dot for decimals, e.g. 1234.5)',
      // Bắc Ninh's (27) area of the same year would be summed with it into Bắc Ninh (24): it waits for the fix too.
      'typo.csv, row 7: not imported because row 3 was refused: both are diện tích (ha) of Vải in 2019 for province 24 (provinces merged in 2025 are summed), and the sum would be incomplete',
    ]);
  });

  it('an unknown unit multiplier', async () => {
    const file = variant(LYCHEE, 'multiplier.csv', (lines) => lines.map((line, index) => (index === 1 ? line.replace(',T,3,', ',T,K,') : line)));
    const summary = await importFile(file);
    expect(problemsOf(summary)).toEqual([
      'multiplier.csv, row 2, column "UNIT_MULT": "K" is not a unit multiplier: the power of ten the value is in, from 0 to 12 (3 = thousands, 6 = millions)',
      'multiplier.csv, row 6: not imported because row 2 was refused: both are sản lượng (tấn) of Vải in 2019 for province 24 (provinces merged in 2025 are summed), and the sum would be incomplete',
    ]);
  });

  it('a unit that does not fit the measure', async () => {
    const file = variant(LYCHEE, 'unit.csv', (lines) => lines.map((line, index) => (index === 2 ? line.replace(',HA,', ',KG,') : line)));
    expect(problemsOf(await importFile(file))[0]).toBe('unit.csv, row 3, column "UNIT_MEASURE": unit "KG" does not fit diện tích (ha), which is in hectares');
  });

  it('the same observation twice', async () => {
    const file = variant(LYCHEE, 'twice.csv', (lines) => [...lines.slice(0, 8), lines[1].replace(',160.5,', ',161.5,'), ...lines.slice(8)]);
    const summary = await importFile(file);
    expect(problemsOf(summary)).toEqual(['twice.csv, row 9: sản lượng (tấn) of Vải in area 24, 2019, is already given in row 2']);
  });

  it('an area that is no Vietnamese province, in SDMX-JSON, naming the observation', async () => {
    const document = JSON.parse(fs.readFileSync(RICE, 'utf8'));
    document.data.structures[0].dimensions.series[0].values[1] = { id: '99', name: 'Tỉnh Không Có' };
    const file = path.join(scratch, 'rice-bad-area.json');
    fs.writeFileSync(file, JSON.stringify(document));
    const summary = await importFile(file);
    expect(summary.written).toBe(false);
    expect(problemsOf(summary)[0]).toBe(
      'rice-bad-area.json, observation 1:0:0:0 (REF_AREA=99, CROP=RICE, MEASURE=PRODUCTION, TIME_PERIOD=2020), field REF_AREA: area 99 (Tỉnh Không Có) is not a Vietnamese province, old (63) or current (34); map it in rice-bad-area.mapping.json ("areas": {"99": "<province code>"}, or null to skip it)',
    );
  });
});

describe('importing with --partial', () => {
  it('writes the valid observations, but not a short sum: the other old province of a merged one waits too', async () => {
    const file = variant(LYCHEE, 'partial.csv', (lines) => lines.map((line, index) => (index === 5 ? line.replace(',2150,', ',2l50,') : index === 8 ? line.replace(',180.2,', ',181.2,') : line)));
    const summary = await importFile(file, { partial: true });
    expect(summary).toMatchObject({ written: true, rejected: 2, inserted: 0, updated: 1, unchanged: 4 });
    expect(problemsOf(summary)).toEqual([
      'partial.csv, row 2: not imported because row 6 was refused: both are sản lượng (tấn) of Vải in 2019 for province 24 (provinces merged in 2025 are summed), and the sum would be incomplete',
      'partial.csv, row 6, column "OBS_VALUE": "2l50" is not a number (write digits with a dot for decimals, e.g. 1234.5)',
    ]);
    const rejects = fs.readFileSync(summary.rejectsFile!, 'utf8');
    expect(path.basename(summary.rejectsFile!)).toBe('partial.rejects.csv');
    expect(rejects).toContain('partial.csv, row 6, column ""OBS_VALUE"": ""2l50"" is not a number');
    // 2019 production keeps the value of the corrected file; the 2020 correction went in.
    const [y2019, y2020] = await provinceSeries('24', 'Vải', 2020);
    expect(y2019.productionTonnes).toBe(160.5e3 + 2250);
    expect(y2020.productionTonnes).toBe(181.2e3 + 2230);
  });
});

describe("a real statistics office's message with areas that are not Vietnamese", () => {
  it('is refused, naming the area codes it cannot map', async () => {
    const before = await tableFingerprint('indicator_observation');
    for (const file of ['agri.json', 'DERIVED_agri_milled_rice_sdmx-csv-2.0.csv']) {
      const attempt = importFile(path.join(fixtures, file));
      await expect(attempt).rejects.toThrow(ImportRejected);
      const problems = await attempt.catch((error: ImportRejected) => error.problems.map((problem) => problem.message));
      expect(problems).toEqual(expect.arrayContaining([
        expect.stringMatching(/^area ASIKHM001( \(Banteay Meanchey\))? is not a Vietnamese province, old \(63\) or current \(34\), in 4 observations/),
        expect.stringMatching(/^area ASIKHM002( \(Battambang\))? is not a Vietnamese province/),
        expect.stringMatching(/^area ASIKHM( \(Cambodia\))? is not a Vietnamese province/),
        expect.stringContaining('the message has no crop dimension (one of CROP, COMMODITY, ITEM, PRODUCT) and no crop is given for dataflow MA_545:MILLED_RICE'),
      ]));
    }
    expect(await tableFingerprint('indicator_observation')).toBe(before);
  });

  it('is accepted with an area mapping file beside it, scaled by its unit multiplier', async () => {
    const folder = fs.mkdtempSync(path.join(scratch, 'mapped-'));
    const file = path.join(folder, 'agri.json');
    fs.copyFileSync(path.join(fixtures, 'agri.json'), file);
    fs.writeFileSync(path.join(folder, 'agri.mapping.json'), JSON.stringify({
      areas: { ASIKHM001: '94', ASIKHM002: 'Hậu Giang', ASIKHM: null },
      dataflows: { 'MA_545:MILLED_RICE': { crop: 'Gạo', measure: 'PRODUCTION' } },
    }));
    expect(await importFile(file)).toMatchObject({ read: 8, rejected: 0, inserted: 4 });
    const data = await query<{ indicatorSeries: { province: { code: string }; year: number; productionTonnes: number }[] }>(
      '{ indicatorSeries(crop: "Gạo") { province { code } year productionTonnes } }',
    );
    // TONES x 10^3, Banteay Meanchey and Battambang mapped to Sóc Trăng and Hậu Giang, which are Cần Thơ (92) now.
    expect(data.indicatorSeries).toEqual([
      { province: { code: '92' }, year: 2014, productionTonnes: 350.154e3 + 442.996e3 },
      { province: { code: '92' }, year: 2015, productionTonnes: 389.385e3 + 426.588e3 },
      { province: { code: '92' }, year: 2016, productionTonnes: 395.729e3 + 479.686e3 },
      { province: { code: '92' }, year: 2017, productionTonnes: 433.638e3 + 522.296e3 },
    ]);
  });

  it('a mapping given to the importer works the same, and a wrong mapping file is named', async () => {
    const folder = fs.mkdtempSync(path.join(scratch, 'bad-mapping-'));
    const file = path.join(folder, 'agri.json');
    fs.copyFileSync(path.join(fixtures, 'agri.json'), file);
    fs.writeFileSync(path.join(folder, 'agri.mapping.json'), JSON.stringify({ areas: { ASIKHM001: 94 } }));
    await expect(importFile(file)).rejects.toThrow('agri.mapping.json: "areas.ASIKHM001" must be a province code or name, or null to skip the area');
    const importer = createStatisticsImporter({ mapping: { areas: { ASIKHM001: null, ASIKHM002: null, ASIKHM: null }, defaults: { crop: 'Gạo', measure: 'PRODUCTION' } } });
    expect(await importFile(file, { importer })).toMatchObject({ read: 0, rejected: 0, inserted: 0 });
  });
});
