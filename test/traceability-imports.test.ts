import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSubgraphDatabase, type SubgraphDatabase } from '../platform/database/orm';
import { ImportRejected, runImport, type Importer, type ImportSummary } from '../platform/ingest';
import type { HouseholdMatch, HouseholdMatcher, IdentityEvidence } from '../platform/linking/types';
import { httpHouseholdDirectory, type HouseholdDirectory } from '../platform/linking/household-directory';
import { PeerDirectory } from '../platform/server/peers';
import { subgraphByName } from '../subgraphs';
import { traceabilityImporters } from '../subgraphs/traceability/ingest';
import { postCapture, SAMPLE_DOCUMENT, traceabilityRowCounts } from './support/epcis';
import { hub, query, withDatabase } from './support/hub';

const SAMPLES = path.join(__dirname, '..', 'subgraphs', 'traceability', 'ingest', 'samples');
const BAD_FILES = path.join(__dirname, 'fixtures', 'traceability');
const importer = (name: string): Importer<unknown> => traceabilityImporters.find((candidate) => candidate.name === name)!;

let database: SubgraphDatabase;
beforeAll(async () => {
  database = await openSubgraphDatabase(subgraphByName('traceability'), hub().databaseUrl, { migrate: false });
});
afterAll(async () => {
  await database.close();
});

/** Household IDs are checked with the suite's registry over HTTP, as a running hub checks them. */
function registryDirectory(): HouseholdDirectory {
  const peers = new PeerDirectory({});
  peers.add('registry', hub().subgraphUrls.registry);
  return httpHouseholdDirectory(peers);
}

function importFile(name: string, file: string, options: { partial?: boolean; householdMatcher?: HouseholdMatcher } = {}): Promise<ImportSummary> {
  return runImport(importer(name), file, { em: database.orm.em.fork(), quiet: true, householdDirectory: registryDirectory(), ...options });
}

/** Problems as an official reads them: where (row, column), the value, what is wrong. */
const problemsOf = (summary: ImportSummary) => summary.problems.map(({ row, field, message }) => ({ row, field, message }));

describe('the certificate list import (nongsan import certificates)', () => {
  it('imports the sample list, which then shows up in the flagship query, and changes nothing the second time', async () => {
    const file = path.join(SAMPLES, 'chung-nhan.csv');
    const first = await importFile('certificates', file);
    expect(first).toMatchObject({ read: 6, rejected: 0, written: true });
    expect(first.inserted + first.updated).toBe(6);

    const countsBefore = await traceabilityRowCounts();
    const again = await importFile('certificates', file);
    expect(again).toMatchObject({ read: 6, inserted: 0, updated: 0, unchanged: 6, rejected: 0 });
    expect(await traceabilityRowCounts()).toEqual(countsBefore);

    const { household } = await query<{ household: { certifications: Record<string, unknown>[] } }>(
      '{ household(id: "HH-18496-00001") { certifications { scheme certificateNumber stars validFrom validUntil issuer product } } }',
    );
    expect(household.certifications).toContainEqual({
      scheme: 'OCOP', certificateNumber: 'OCOP-42-2024-0093', stars: 4, validFrom: '2024-11-20', validUntil: '2027-11-19',
      issuer: 'UBND tỉnh Hà Tĩnh', product: 'Bưởi Phúc Trạch Hương Khê',
    });
  });

  it('completes a certificate first known from an EPCIS event: scheme, dates and holder come from the list', async () => {
    expect((await postCapture(fs.readFileSync(SAMPLE_DOCUMENT, 'utf8'))).status).toBe(202);
    await importFile('certificates', path.join(SAMPLES, 'chung-nhan.csv'));
    const { household } = await query<{ household: { certifications: Record<string, unknown>[] } }>(
      '{ household(id: "HH-06463-00001") { certifications(validOn: "2026-08-12") { scheme certificateNumber validUntil certificationInfo } } }',
    );
    expect(household.certifications).toContainEqual({
      scheme: 'GLOBALGAP', certificateNumber: '4063061234567', validUntil: '2027-05-31', certificationInfo: 'https://www.globalgap.org/certificates/4063061234567',
    });
    expect(await withDatabase(async (client) => (await client.query("SELECT count(*)::int AS n FROM traceability.certification WHERE certificate_number = '4063061234567'")).rows[0].n)).toBe(1);
  });

  const badCertificates: [string, string, { row?: number; field?: string; message: string }[]][] = [
    ['an unknown kind of certificate', 'chung-nhan-sai-loai.csv', [
      { row: 3, field: 'Loại chứng nhận', message: '"ISO 22000" is not one of: VietGAP, GlobalGAP, Hữu cơ (organic), HACCP, OCOP' },
    ]],
    ['a day that does not exist, and an end before the start', 'chung-nhan-sai-ngay.csv', [
      { row: 2, field: 'Ngày cấp', message: '"31/02/2026" is not a day of the calendar (day/month/year)' },
      { row: 3, field: 'Ngày hết hạn', message: 'the certificate ends (31/01/2024) before it starts (01/02/2026)' },
    ]],
    ['an OCOP certificate without stars, and stars on another scheme', 'chung-nhan-sao-ocop.csv', [
      { row: 2, field: 'Số sao', message: 'an OCOP certificate needs its rating: 3, 4 or 5 stars' },
      { row: 3, field: 'Số sao', message: 'only OCOP certificates have stars; this one is VietGAP' },
    ]],
    ['a missing holder, and a household ID that is not one', 'chung-nhan-chu-the.csv', [
      { row: 2, field: 'Mã hộ', message: 'the holder is missing: give the household ID (Mã hộ), or the holder\'s name with the commune' },
      { row: 3, field: 'Mã hộ', message: '"HH-3980-1" is not a household ID, which looks like HH-06463-00001' },
    ]],
    ['the same certificate number twice', 'chung-nhan-trung-so.csv', [
      { row: 3, field: 'Số giấy chứng nhận', message: 'certificate number VIETGAP-14-26-00909 already appears in row 2' },
    ]],
    ['a household the registry does not know', 'chung-nhan-ho-khong-co.csv', [
      { row: 3, field: 'Mã hộ', message: 'no household HH-99999-99999 in the registry: check the household ID (Mã hộ), or give the holder\'s name and commune instead' },
    ]],
  ];

  it.each(badCertificates)('refuses a list with %s, naming row and column, and changes nothing', async (_kind, file, expected) => {
    const countsBefore = await traceabilityRowCounts();
    const summary = await importFile('certificates', path.join(BAD_FILES, file));
    expect(summary.written).toBe(false);
    expect(problemsOf(summary)).toEqual(expected);
    expect(await traceabilityRowCounts()).toEqual(countsBefore);
  });

  it('refuses a list without the certificate number column, saying which headers it looked for', async () => {
    const attempt = importFile('certificates', path.join(BAD_FILES, 'chung-nhan-thieu-cot.csv'));
    await expect(attempt).rejects.toThrow(ImportRejected);
    await expect(attempt).rejects.toThrow(
      'chung-nhan-thieu-cot.csv, row 1, column "Số giấy chứng nhận": required column missing (expected one of: "Số giấy chứng nhận", "Số GCN", "Số chứng nhận", "Số hiệu";',
    );
  });

  it('with --partial, imports the valid rows and writes the refused ones next to the file', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-certificates-'));
    const file = path.join(folder, 'chung-nhan-sai-loai.csv');
    fs.copyFileSync(path.join(BAD_FILES, 'chung-nhan-sai-loai.csv'), file);
    try {
      const summary = await importFile('certificates', file, { partial: true });
      expect(summary).toMatchObject({ written: true, rejected: 1, inserted: 1 });
      expect(summary.rejectsFile).toBe(path.join(folder, 'chung-nhan-sai-loai.rejects.csv'));
      const rejects = fs.readFileSync(summary.rejectsFile!, 'utf8');
      expect(rejects).toContain('row 3, column ""Loại chứng nhận"": ""ISO 22000"" is not one of: VietGAP');
      expect(rejects).toContain('ISO-14-26-00902');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('finds a holder given without household ID through the registry’s matching, and refuses one it cannot settle', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-certificates-'));
    const file = path.join(folder, 'chung-nhan-khong-ma-ho.csv');
    fs.writeFileSync(file, [
      'Loại chứng nhận,Số giấy chứng nhận,Chủ thể,Số điện thoại,Xã/Phường,Tỉnh/Thành phố,Sản phẩm,Tổ chức chứng nhận,Ngày cấp,Ngày hết hạn',
      'VietGAP,VIETGAP-20-26-00931,Cơ sở na Sạch Chi Lăng,0912 345 678,Chi Lăng,Lạng Sơn,Na Chi Lăng,Công ty CP Chứng nhận Quốc tế ICB,01/07/2026,30/06/2028',
      'VietGAP,VIETGAP-20-26-00932,Hộ Nguyễn Văn Na,,Chi Lăng,Lạng Sơn,Na Chi Lăng,Công ty CP Chứng nhận Quốc tế ICB,01/07/2026,30/06/2028',
    ].join('\n'));
    // The registry's answer for these two holders (its matching has tests of its own).
    const asked: IdentityEvidence[] = [];
    const matcher: HouseholdMatcher = {
      match: async (evidence) => {
        asked.push(...evidence);
        return evidence.map((item): HouseholdMatch => item.phone
          ? { householdId: 'HH-06463-00003', method: 'PHONE', confidence: 0.95, status: 'LINKED', candidates: [] }
          : { householdId: null, method: null, confidence: 0.5, status: 'REVIEW', candidates: [
            { householdId: 'HH-06463-00004', method: 'NAME_AND_COMMUNE', confidence: 0.5 }, { householdId: 'HH-06463-00005', method: 'NAME_AND_COMMUNE', confidence: 0.5 },
          ] });
      },
    };
    try {
      const summary = await importFile('certificates', file, { householdMatcher: matcher, partial: true });
      expect(asked).toEqual([
        { name: 'Cơ Sở Na Sạch Chi Lăng', communeCode: '06463', phone: '+84912345678' },
        { name: 'Hộ Nguyễn Văn Na', communeCode: '06463' },
      ]);
      expect(problemsOf(summary)).toEqual([
        { row: 3, field: 'Mã hộ', message: '"Hộ Nguyễn Văn Na" may be any of the households HH-06463-00004, HH-06463-00005: write the right one in the Mã hộ column' },
      ]);
      const holder = await withDatabase(async (client) => (await client.query("SELECT household_id FROM traceability.certification WHERE certificate_number = 'VIETGAP-20-26-00931'")).rows[0]);
      expect(holder).toEqual({ household_id: 'HH-06463-00003' });
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('the growing-area code import (nongsan import growing-areas)', () => {
  it('ties a lot captured before its growing area was registered to the area’s household when the code arrives', async () => {
    // Harvested in a growing area the hub does not know yet, under a GTIN no listing uses.
    const document = JSON.parse(fs.readFileSync(SAMPLE_DOCUMENT, 'utf8')) as { epcisBody: { eventList: Record<string, any>[] } };
    const harvest = document.epcisBody.eventList[0];
    harvest.eventID = 'urn:uuid:7b0e4c1a-2f3d-4e5f-8a9b-0c1d2e3f4a07';
    harvest.quantityList = [{ epcClass: 'urn:epc:class:lgtin:8937194.099990.CL260901-0107', quantity: 800, uom: 'KGM' }];
    harvest.ilmd = { 'cbvmda:lotNumber': 'CL260901-0107', 'nongsan:growingAreaCode': 'VN-LSCL-0107' };
    harvest.readPoint = harvest.bizLocation = { id: 'urn:epc:id:sgln:8937194.99990.0' };
    delete harvest.certificationInfo;
    expect((await postCapture({ ...document, epcisBody: { eventList: [harvest] } })).status).toBe(202);
    const lotQuery = '{ lot(lotNumber: "CL260901-0107") { household { id } householdLink growingArea { code crop areaHa exportMarkets commune { code } } } }';
    expect((await query<{ lot: Record<string, unknown> }>(lotQuery)).lot).toEqual({ household: null, householdLink: null, growingArea: null });

    const summary = await importFile('growing-areas', path.join(SAMPLES, 'vung-trong.csv'));
    expect(summary).toMatchObject({ read: 5, rejected: 0, written: true });
    // "Thị trấn Đồng Mỏ, Huyện Chi Lăng" is a commune of before July 2025: now Xã Chi Lăng (06463).
    expect((await query<{ lot: Record<string, unknown> }>(lotQuery)).lot).toEqual({
      household: { id: 'HH-06463-00001' },
      householdLink: 'GROWING_AREA',
      growingArea: { code: 'VN-LSCL-0107', crop: 'Na', areaHa: 18.5, exportMarkets: ['CN'], commune: { code: '06463' } },
    });
  });

  it('imports the sample list, shown under each household, and changes nothing the second time', async () => {
    const file = path.join(SAMPLES, 'vung-trong.csv');
    await importFile('growing-areas', file);
    const countsBefore = await traceabilityRowCounts();
    const again = await importFile('growing-areas', file);
    expect(again).toMatchObject({ read: 5, inserted: 0, updated: 0, unchanged: 5, rejected: 0 });
    expect(await traceabilityRowCounts()).toEqual(countsBefore);

    const { household } = await query<{ household: { growingAreas: Record<string, unknown>[] } }>(
      '{ household(id: "HH-24280-00001") { growingAreas { code areaHa exportMarkets issuedOn } } }',
    );
    expect(household.growingAreas).toContainEqual({ code: 'VN-DLCM-0112', areaHa: 64.2, exportMarkets: ['KR', 'US', 'DE'], issuedOn: '2025-03-03' });
  });

  const badAreas: [string, string, { row?: number; field?: string; message: string }[]][] = [
    ['a code that is not one', 'vung-trong-sai-ma.csv', [
      { row: 3, field: 'Mã số vùng trồng', message: '"VN/SLMC#151" is not a growing-area code: letters, digits, dots and dashes, e.g. VN-LSCL-0107' },
    ]],
    ['an old commune divided in 2025, and a commune that does not exist', 'vung-trong-sai-xa.csv', [
      { row: 2, field: 'Xã/Phường', message: 'the old commune "Bính Xá, Huyện Đình Lập, Tỉnh Lạng Sơn" was divided in July 2025 between Xã Đình Lập (06613) and Xã Kiên Mộc (06625): write the current commune' },
      { row: 3, field: 'Xã/Phường', message: 'no commune matches "Xã Hoa Mận Tím, Sơn La" (current or before July 2025); check the spelling or give the province' },
    ]],
    ['an area that is not a number, or not positive', 'vung-trong-sai-dien-tich.csv', [
      { row: 2, field: 'Diện tích (ha)', message: '"mười hai" is not a number (e.g. 12,5)' },
      { row: 3, field: 'Diện tích (ha)', message: '-3 ha is not a plausible area (more than 0, at most 100 000 ha)' },
    ]],
    ['an export market that is not a country', 'vung-trong-sai-thi-truong.csv', [
      { row: 2, field: 'Thị trường xuất khẩu', message: '"Sao Hỏa" is not a country this list knows; write its name (Trung Quốc) or ISO code (CN)' },
    ]],
    ['the same code twice', 'vung-trong-trung-ma.csv', [
      { row: 3, field: 'Mã số vùng trồng', message: 'growing-area code VN-SLMC-0157 already appears in row 2' },
    ]],
    ['a household the registry does not know', 'vung-trong-ho-khong-co.csv', [
      { row: 2, field: 'Mã hộ', message: 'no household HH-99999-99999 in the registry: check the household ID (Mã hộ), or give the holder\'s name and commune instead' },
    ]],
  ];

  it.each(badAreas)('refuses a list with %s, naming row and column, and changes nothing', async (_kind, file, expected) => {
    const countsBefore = await traceabilityRowCounts();
    const summary = await importFile('growing-areas', path.join(BAD_FILES, file));
    expect(summary.written).toBe(false);
    expect(problemsOf(summary)).toEqual(expected);
    expect(await traceabilityRowCounts()).toEqual(countsBefore);
  });

  it('refuses a list without the code column', async () => {
    await expect(importFile('growing-areas', path.join(BAD_FILES, 'vung-trong-thieu-cot.csv'))).rejects.toThrow(
      'vung-trong-thieu-cot.csv, row 1, column "Mã số vùng trồng": required column missing',
    );
  });
});

describe('the EPCIS file import (nongsan import epcis)', () => {
  it('stores a capture document from a file as the capture interface does: a second time changes nothing', async () => {
    await importFile('epcis', SAMPLE_DOCUMENT);
    const again = await importFile('epcis', SAMPLE_DOCUMENT);
    expect(again).toMatchObject({ read: 5, inserted: 0, updated: 0, unchanged: 5, rejected: 0 });
  });

  it('names the event and JSON path of each problem', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-epcis-'));
    const file = path.join(folder, 'bad.jsonld');
    const document = JSON.parse(fs.readFileSync(SAMPLE_DOCUMENT, 'utf8')) as { epcisBody: { eventList: Record<string, unknown>[] } };
    document.epcisBody.eventList[1].disposition = 'sold out';
    fs.writeFileSync(file, JSON.stringify(document));
    try {
      const summary = await importFile('epcis', file);
      expect(summary).toMatchObject({ written: false, rejected: 1 });
      expect(summary.problems).toEqual([
        expect.objectContaining({ eventIndex: 1, field: '$.epcisBody.eventList[1].disposition', message: expect.stringMatching(/^"sold out" is not one of the standard values \(active, /) }),
      ]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
