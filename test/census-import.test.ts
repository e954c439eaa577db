import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoDataset } from '../demo/dataset';
import { foldVietnamese, normaliseNationalId } from '../platform/identity/normalise';
import { describeProblem, ImportRejected, runImport, type ImportSummary } from '../platform/ingest';
import { censusImporter } from '../subgraphs/statistics/ingest';
import { JourneyDocument } from './generated/graphql';
import { demoHouseholdMatcher, type RecordingMatcher } from './support/demo-matcher';
import { hub, post, query, withDatabase } from './support/hub';
import { as, closeKeyStore } from './support/access';
import { openStatisticsDatabase, removeImported, tableFingerprint } from './support/statistics-db';

const SAMPLE = path.join(__dirname, '..', 'subgraphs', 'statistics', 'ingest', 'samples', 'census-2025.csv');
const importedAt = new Date('2026-11-20T08:00:00Z');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-census-'));
const demo = demoDataset();
const householdOf = (id: string) => demo.households.find((household) => household.id === id)!;

let database: Awaited<ReturnType<typeof openStatisticsDatabase>>;
let matcher: RecordingMatcher;

beforeAll(async () => {
  database = await openStatisticsDatabase();
});
afterAll(async () => {
  await removeImported();
  await database.close();
  await closeKeyStore();
  fs.rmSync(scratch, { recursive: true, force: true });
});
beforeEach(() => {
  matcher = demoHouseholdMatcher();
});

function importFile(file: string, options: { partial?: boolean; at?: Date; withMatcher?: boolean } = {}): Promise<ImportSummary> {
  return runImport(censusImporter, file, {
    em: database.em(),
    quiet: true,
    importedAt: options.at ?? importedAt,
    partial: options.partial,
    householdMatcher: options.withMatcher === false ? undefined : matcher,
  });
}

/** The sample's lines (header first) as an official would edit them in a spreadsheet saved as CSV. */
function variant(name: string, edit: (lines: string[]) => string[]): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, edit(fs.readFileSync(SAMPLE, 'utf8').split('\r\n')).join('\r\n'));
  return file;
}
const problemsOf = (summary: ImportSummary) => summary.problems.map((problem) => describeProblem(path.basename(summary.file), problem));

interface StoredRecord {
  id: number;
  record_key: string;
  household_id: string | null;
  link_status: string;
  link_method: string | null;
  link_candidates: { householdId: string }[] | null;
  commune_code: string | null;
}

async function stored(): Promise<Map<string, StoredRecord>> {
  const { rows } = await withDatabase((client) =>
    client.query<StoredRecord>(`select id, record_key, household_id, link_status, link_method, link_candidates, commune_code from statistics.census_record where source = 'import:census'`),
  );
  return new Map(rows.map((row) => [row.record_key, row]));
}

/** The sample's rows by record key, as cells by header. */
function sampleRows(): Map<string, Record<string, string>> {
  const [header, ...lines] = fs.readFileSync(SAMPLE, 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).map((line) => line.split(';'));
  return new Map(lines.map((cells) => [cells[0], Object.fromEntries(header.map((name, index) => [name, cells[index].replace(/^"|"$/g, '')]))]));
}

describe('importing census household records', () => {
  it('imports the sample, asking the registry to match the whole file in one batch', async () => {
    const summary = await importFile(SAMPLE);
    expect(summary).toMatchObject({ read: 23, rejected: 0, written: true, inserted: 23, updated: 0, unchanged: 0 });
    expect(matcher.batches).toEqual([23]);
  });

  it('links by ID number, by phone in any format, and by name in the commune, old commune names included', async () => {
    const records = await stored();
    const sample = sampleRows();
    const withCensus = new Set(demo.censusRecords.map((record) => record.householdId));
    const checked = { byId: 0, byPhone: 0 };
    for (const [key, cells] of sample) {
      const record = records.get(key)!;
      const id = cells['Số CCCD'] ? normaliseNationalId(cells['Số CCCD']) : undefined;
      const byId = id && 'nationalId' in id ? demo.households.find((household) => household.head.nationalId === id.nationalId) : undefined;
      const phoneDigits = cells['Số điện thoại'].replace(/\D/g, '').slice(-9);
      const byPhone = phoneDigits ? demo.households.find((household) => household.head.phone.endsWith(phoneDigits)) : undefined;
      if (byId && !withCensus.has(byId.id)) {
        expect([key, record.link_status, record.link_method, record.household_id]).toEqual([key, 'LINKED', 'NATIONAL_ID', byId.id]);
        checked.byId += 1;
      } else if (!byId && byPhone) {
        expect([key, record.link_status, record.link_method, record.household_id]).toEqual([key, 'LINKED', 'PHONE', byPhone.id]);
        checked.byPhone += 1;
      }
    }
    // The sample's rows with the ID of a household the census had not counted yet, and with a phone only.
    expect(checked).toEqual({ byId: 7, byPhone: 7 });
    // Old commune names resolve to the current commune: Thị trấn Phì Điền (Huyện Lục Ngạn, Bắc Giang) is in Xã Lục Ngạn now.
    expect(records.get('TDT25-07582-0106')!.commune_code).toBe('07582');
    expect(records.get('TDT25-06463-0213')!.commune_code).toBe('06463');
    // Without diacritics, in upper case, and with the commune written without them too.
    expect(records.get('TDT25-07582-0118')).toMatchObject({ link_status: 'LINKED', link_method: 'NAME_AND_COMMUNE', household_id: 'HH-07582-00018' });
    expect(records.get('TDT25-24490-0326')).toMatchObject({ link_status: 'LINKED', link_method: 'NAME_AND_COMMUNE', household_id: 'HH-24490-00026' });
    // Nobody in the registry.
    expect(records.get('TDT25-07582-0199')).toMatchObject({ link_status: 'UNLINKED', link_method: null, household_id: null });
  });

  it('sends uncertain links to review: names in another order, a name two households share, a household already linked', async () => {
    const records = await stored();
    const review = [...records.values()].filter((record) => record.link_status === 'REVIEW').map((record) => record.record_key).sort();
    expect(review).toEqual(['TDT25-07339-0140', 'TDT25-07339-0141', 'TDT25-07582-0121', 'TDT25-31673-0412']);
    const twins = demo.households.filter((household) => household.communeCode === '07339' && foldVietnamese(household.head.fullName) === 'pham quang thang').map((household) => household.id);
    expect(records.get('TDT25-07339-0140')!.link_candidates!.map((candidate) => candidate.householdId).sort()).toEqual(twins.sort());
    // The ID number matches a household whose 2025 census record the office already has under another key.
    const idHolder = demo.households.find((household) => household.head.nationalId === sampleRows().get('TDT25-07339-0141')!['Số CCCD'])!;
    expect(demo.censusRecords.some((record) => record.householdId === idHolder.id)).toBe(true);
    expect(records.get('TDT25-07339-0141')!.link_candidates![0].householdId).toBe(idHolder.id);
  });

  it('never stores the ID number in clear', async () => {
    const ids = [...sampleRows().values()].map((cells) => cells['Số CCCD'].replace(/\D/g, '')).filter(Boolean);
    expect(ids.length).toBeGreaterThan(5);
    const { rows } = await withDatabase((client) => client.query(`select t::text as row from statistics.census_record t where source = 'import:census'`));
    const text = rows.map((row) => row.row).join('\n');
    for (const id of ids) expect(text).not.toContain(id);
  });

  it('shows a linked record in the flagship query', async () => {
    const data = await query(JourneyDocument, { id: 'HH-07582-00006' });
    expect(data.household!.census).toEqual({ censusYear: 2025, landAreaHa: 0.85, mainCrops: ['Vải'] });
    // A record in review belongs to no household yet.
    expect((await query(JourneyDocument, { id: 'HH-07582-00021' })).household!.census).toBeNull();
  });
});

const REVIEWS = `query Reviews($first: Int!, $after: String) {
  censusLinkReviews(first: $first, after: $after) {
    totalCount
    nodes { id recordKey commune { code name } respondentName phoneLastDigits hasNationalId
      record { censusYear landAreaHa mainCrops linkStatus }
      candidates { household { id displayName } method confidence } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface ReviewPage {
  censusLinkReviews: {
    totalCount: number;
    nodes: {
      id: string; recordKey: string; commune: { code: string; name: string } | null; respondentName: string | null; phoneLastDigits: string | null; hasNationalId: boolean;
      record: { censusYear: number; landAreaHa: number; mainCrops: string[]; linkStatus: string };
      candidates: { household: { id: string; displayName: string }; method: string; confidence: number }[];
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe('the review list and its settlement, through the gateway', () => {
  it('lists the records in review, page by page, with masked evidence and candidate households', async () => {
    const first = await query<ReviewPage>(REVIEWS, { first: 3 }, await as('official'));
    expect(first.censusLinkReviews.totalCount).toBe(4);
    expect(first.censusLinkReviews.pageInfo.hasNextPage).toBe(true);
    const second = await query<ReviewPage>(REVIEWS, { first: 3, after: first.censusLinkReviews.pageInfo.endCursor }, await as('official'));
    expect(second.censusLinkReviews.pageInfo.hasNextPage).toBe(false);
    const nodes = [...first.censusLinkReviews.nodes, ...second.censusLinkReviews.nodes];
    expect(nodes.map((node) => node.recordKey)).toEqual(['TDT25-07582-0121', 'TDT25-07339-0140', 'TDT25-07339-0141', 'TDT25-31673-0412']);
    const swapped = nodes[0];
    const household = householdOf('HH-07582-00021');
    expect(swapped).toEqual({
      id: expect.any(String),
      recordKey: 'TDT25-07582-0121',
      commune: { code: '07582', name: 'Lục Ngạn' },
      respondentName: 'Long H. C.',
      phoneLastDigits: null,
      hasNationalId: false,
      record: { censusYear: 2025, landAreaHa: 4.5, mainCrops: ['Vải', 'Lúa'], linkStatus: 'REVIEW' },
      candidates: [{ household: { id: household.id, displayName: household.displayName }, method: 'NAME_AND_COMMUNE', confidence: 0.6 }],
    });
    expect(nodes[2]).toMatchObject({ respondentName: 'Phạm Q. T.', hasNationalId: true, candidates: [{ method: 'NATIONAL_ID', confidence: 1 }] });
  });

  it('settles links in one request; the records leave the list and show up on their households', async () => {
    const { censusLinkReviews } = await query<ReviewPage>(REVIEWS, { first: 10 }, await as('official'));
    const byKey = new Map(censusLinkReviews.nodes.map((node) => [node.recordKey, node.id]));
    const result = await query<{ settleCensusLinks: { id: string; linkStatus: string; linkMethod: string; linkConfidence: number; household: { id: string } | null }[] }>(
      `mutation($settlements: [CensusLinkSettlement!]!) { settleCensusLinks(settlements: $settlements) { id linkStatus linkMethod linkConfidence household { id } } }`,
      {
        settlements: [
          { recordId: byKey.get('TDT25-07582-0121'), householdId: 'HH-07582-00021' },
          { recordId: byKey.get('TDT25-31673-0412'), householdId: 'HH-31673-00012' },
          { recordId: byKey.get('TDT25-07339-0141'), householdId: null },
        ],
      },
      await as('official'),
    );
    expect(result.settleCensusLinks).toEqual([
      { id: byKey.get('TDT25-07582-0121'), linkStatus: 'LINKED', linkMethod: 'MANUAL', linkConfidence: 1, household: { id: 'HH-07582-00021' } },
      { id: byKey.get('TDT25-31673-0412'), linkStatus: 'LINKED', linkMethod: 'MANUAL', linkConfidence: 1, household: { id: 'HH-31673-00012' } },
      { id: byKey.get('TDT25-07339-0141'), linkStatus: 'UNLINKED', linkMethod: 'MANUAL', linkConfidence: 1, household: null },
    ]);
    const after = await query<ReviewPage>(REVIEWS, { first: 10 }, await as('official'));
    expect(after.censusLinkReviews.nodes.map((node) => node.recordKey)).toEqual(['TDT25-07339-0140']);
    expect((await query(JourneyDocument, { id: 'HH-07582-00021' })).household!.census).toEqual({ censusYear: 2025, landAreaHa: 4.5, mainCrops: ['Vải', 'Lúa'] });
  });

  it('refuses a settlement that would give a household two records of one census, changing nothing', async () => {
    const before = await tableFingerprint('census_record');
    const { censusLinkReviews } = await query<ReviewPage>(REVIEWS, { first: 10 }, await as('official'));
    const twinsRecord = censusLinkReviews.nodes[0];
    const holder = twinsRecord.candidates.map((candidate) => candidate.household.id).find((id) => demo.censusRecords.some((record) => record.householdId === id))!;
    const single = await post<unknown>(hub().gatewayUrl, `mutation { settleCensusLink(recordId: "${twinsRecord.id}", householdId: "${holder}") { id } }`, {}, await as('official'));
    expect(single.errors?.[0].message).toMatch(new RegExp(`^Household ${holder} is already linked to census record \\d+ \\(mã hộ DEMO-${holder}, 2025\\); settle that record to another household or to none in the same request\\.$`));
    const unknown = await post<unknown>(hub().gatewayUrl, 'mutation { settleCensusLinks(settlements: [{ recordId: "99999999", householdId: "HH-07582-00002" }]) { id } }', {}, await as('official'));
    expect(unknown.errors?.[0].message).toBe('No census record 99999999.');
    expect(await tableFingerprint('census_record')).toBe(before);
  });

  it('keeps settled links, and changes nothing, when the same file is imported again', async () => {
    const before = await tableFingerprint('census_record');
    expect(await importFile(SAMPLE, { at: new Date('2026-11-21T08:00:00Z') })).toMatchObject({ inserted: 0, updated: 0, unchanged: 23, rejected: 0 });
    expect(await tableFingerprint('census_record')).toBe(before);
    expect((await stored()).get('TDT25-07582-0121')).toMatchObject({ link_status: 'LINKED', link_method: 'MANUAL', household_id: 'HH-07582-00021' });
  });

  it('updates what a corrected file changes, and only that', async () => {
    const corrected = variant('census-corrected.csv', (lines) => lines.map((line) => (line.startsWith('TDT25-07582-0106;') ? line.replace(';0,85;', ';0,95;') : line)));
    expect(await importFile(corrected, { at: new Date('2026-11-22T08:00:00Z') })).toMatchObject({ inserted: 0, updated: 1, unchanged: 22 });
    expect((await query(JourneyDocument, { id: 'HH-07582-00006' })).household!.census!.landAreaHa).toBe(0.95);
    const { rows } = await withDatabase((client) => client.query(`select source_ref from statistics.census_record where record_key = 'TDT25-07582-0106'`));
    expect(rows[0].source_ref).toBe('census-corrected.csv#row=2');
  });
});

describe('refusing bad census input, with nothing written', () => {
  let before: string;
  beforeEach(async () => {
    before = await tableFingerprint('census_record');
  });
  afterEach(async () => {
    expect(await tableFingerprint('census_record')).toBe(before);
  });

  it('an ID number of the wrong length, without writing the number in the message', async () => {
    const file = variant('bad-id.csv', (lines) => lines.map((line) => (line.startsWith('TDT25-24280-0310;') ? line.replace(';066055958464;', ';06605595846;') : line)));
    const summary = await importFile(file);
    expect(summary).toMatchObject({ written: false, rejected: 1 });
    expect(problemsOf(summary)).toEqual(['bad-id.csv, row 10, column "Số CCCD": the number ending in 846 has 11 digits; a CCCD has 12 and an old CMND 9']);
    expect(JSON.stringify(summary.problems)).not.toContain('06605595846');
  });

  it('a commune that does not exist, a phone that is not one, an area that is not a number, a missing count', async () => {
    const file = variant('bad-cells.csv', (lines) => lines.map((line) => {
      if (line.startsWith('TDT25-06463-0221;')) return line.replace(';Xã Chi Lăng;', ';Xã Chi Lăng Mới;').replace(';0380.004.209;', ';0380.004;');
      if (line.startsWith('TDT25-31673-0410;')) return line.replace(';0,8;', ';nửa ha;').replace(/;3$/, ';');
      return line;
    }));
    const summary = await importFile(file);
    expect(summary).toMatchObject({ written: false, rejected: 2 });
    expect(problemsOf(summary)).toEqual([
      'bad-cells.csv, row 9, column "Số điện thoại": "0380.004" is not a Vietnamese mobile (0 and 9 digits, starting 03, 05, 07, 08 or 09) or landline (02...) number',
      'bad-cells.csv, row 9, column "Xã/Phường": "Xã Chi Lăng Mới, Lạng Sơn" is not a commune we know, by its current name (since July 2025) or its old one; check the spelling, the district and the province',
      'bad-cells.csv, row 14, column "Diện tích đất nông nghiệp (ha)": "nửa ha" is not an area in hectares (e.g. 1,25 or 1.25)',
      'bad-cells.csv, row 14, column "Số lao động": the number of labourers is missing',
    ]);
  });

  it('the same household key twice', async () => {
    const file = variant('twice.csv', (lines) => [...lines.slice(0, -1), lines[1].replace(';0,85;', ';0,9;'), '']);
    expect(problemsOf(await importFile(file))).toEqual(['twice.csv, row 25, column "Mã hộ điều tra": Mã hộ điều tra TDT25-07582-0106 (2025) already appears in row 2']);
  });

  it('a missing required column', async () => {
    const file = variant('no-year.csv', (lines) => lines.map((line) => line.split(';').filter((_cell, index) => index !== 7).join(';')));
    await expect(importFile(file)).rejects.toThrow(ImportRejected);
    await expect(importFile(file)).rejects.toThrow('no-year.csv, row 1, column "Năm điều tra": required column missing (expected one of: "Năm điều tra", "Năm"');
  });

  it('an import run without the registry to link to', async () => {
    await expect(importFile(SAMPLE, { withMatcher: false })).rejects.toThrow('Census records cannot be linked to registry households: no household matcher was given');
  });
});

describe('importing census records with --partial', () => {
  it('writes the valid rows and puts the refused ones in a file beside the input', async () => {
    const file = variant('partial.csv', (lines) => [
      ...lines.slice(0, -1),
      'TDT25-07582-0300;Đào Văn Mới;;;Xã Lục Ngạn;;Bắc Ninh;2025;0,4;Vải;;;1',
      'TDT25-07582-0301;Đào Văn Sai;;;Xã Không Tồn Tại;;Bắc Ninh;2025;0,4;Vải;;;1',
      '',
    ]);
    const summary = await importFile(file, { partial: true });
    expect(summary).toMatchObject({ written: true, rejected: 1, inserted: 1, unchanged: 22, updated: 1 });
    expect(path.basename(summary.rejectsFile!)).toBe('partial.rejects.csv');
    expect(fs.readFileSync(summary.rejectsFile!, 'utf8')).toContain('TDT25-07582-0301');
    expect((await stored()).get('TDT25-07582-0300')).toMatchObject({ link_status: 'UNLINKED' });
  });
});
