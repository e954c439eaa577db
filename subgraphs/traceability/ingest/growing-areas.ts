import crypto from 'node:crypto';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { selectWhereAny } from '../../../platform/database/select-where-any';
import { type ColumnSpec } from '../../../platform/ingest/columns';
import { readMappedRows } from '../../../platform/ingest/mapped-rows';
import { rejectRepeatedKeys, type Candidate, type Importer } from '../../../platform/ingest/importer';
import type { ImportProblem } from '../../../platform/ingest/problems';
import { contentHash } from '../../../platform/ingest/provenance';
import { upsertByKey } from '../../../platform/ingest/upsert';
import { parseCalendarDate, parseDecimal } from '../../../platform/ingest/values';
import { normaliseText } from '../../../platform/identity/normalise';
import { resolveCountry } from '../../../platform/places/countries';
import { GrowingArea } from '../entities/growing-area';
import { Lot } from '../entities/lot';
import { communeOf, findHolders, holderColumns, holderOf, placeColumns, type HolderReference } from './holders';
import { linkLots } from './linking';

type GrowingAreaColumn =
  | 'code' | 'crop' | 'areaHa' | 'exportMarkets' | 'issuedOn' | 'latitude' | 'longitude'
  | 'householdId' | 'holderName' | 'phone' | 'commune' | 'district' | 'province';

const COLUMNS: ColumnSpec<GrowingAreaColumn>[] = [
  { key: 'code', headers: ['Mã số vùng trồng', 'Mã vùng trồng', 'MSVT', 'Mã số'], required: true, description: 'The growing-area code; an area is recognised by it', example: 'VN-LSCL-0107' },
  ...placeColumns(true),
  { key: 'crop', headers: ['Cây trồng', 'Loại cây trồng', 'Sản phẩm'], required: true, description: 'The crop the code is issued for', example: 'Na' },
  { key: 'areaHa', headers: ['Diện tích (ha)', 'Diện tích', 'Diện tích (héc-ta)'], required: true, description: 'Area in hectares; a decimal comma is fine', example: '12,5' },
  { key: 'exportMarkets', headers: ['Thị trường xuất khẩu', 'Thị trường', 'Nước nhập khẩu'], required: false, description: 'Countries the code is registered for, by name or ISO code, separated by commas or semicolons', example: 'Trung Quốc; Hoa Kỳ' },
  { key: 'issuedOn', headers: ['Ngày cấp', 'Ngày cấp mã'], required: true, description: 'Date the code was issued, day/month/year', example: '20/05/2025' },
  { key: 'latitude', headers: ['Vĩ độ', 'Latitude'], required: false, description: 'Latitude of the plot (personal data: stored, never published)', example: '21,6099' },
  { key: 'longitude', headers: ['Kinh độ', 'Longitude'], required: false, description: 'Longitude of the plot (personal data: stored, never published)', example: '106,546' },
  ...holderColumns(['Tổ chức, cá nhân đăng ký', 'Chủ vùng trồng', 'Tên chủ vùng trồng', 'Đơn vị đăng ký']),
];

interface GrowingAreaRecord {
  code: string;
  communeCode: string;
  crop: string;
  areaHa: number;
  exportMarkets: string[];
  issuedOn: string;
  latitude: number | null;
  longitude: number | null;
  holder: HolderReference;
}

const CODE_PATTERN = /^[A-Z0-9][A-Z0-9.-]{2,30}[A-Z0-9]$/;

/**
 * `nongsan import growing-areas <file>`: growing-area codes (mã số vùng trồng) as the plant protection
 * sub-departments publish them. A code is recognised by itself; lots whose EPCIS events declared it before it was
 * registered here are tied to its household on import.
 */
export const growingAreasImporter: Importer<GrowingAreaRecord> = {
  name: 'growing-areas',
  title: 'Growing-area codes (mã số vùng trồng): code, holder household, commune, crop, area, export markets, issue date',
  subgraph: 'traceability',
  formats: 'CSV or XLSX, one growing area per row',
  columns: COLUMNS,
  notes: [
    'The commune may be written as before or after the July 2025 merger (name or code); give the old district to tell apart old communes of the same name.',
    'The holder is the household ID (Mã hộ); without it, the name with commune (and phone) is looked up in the household registry.',
  ],

  read(file, options) {
    return readMappedRows(file, options, COLUMNS, (cells, { row, columns, problems }) => readGrowingArea(cells, columns, row, problems));
  },

  async check(_em, candidates, context) {
    rejectRepeatedKeys(candidates, (record) => record.code, 'Mã số vùng trồng', 'growing-area code');
    await findHolders(candidates, context, 'Mã hộ');
  },

  async write(em: EntityManager, accepted: Candidate<GrowingAreaRecord>[], context) {
    const codes = accepted.map((candidate) => candidate.record!.code);
    // The plot's coordinates, once known, stay when a list has none.
    type Stored = Pick<GrowingArea, 'code' | 'latitude' | 'longitude'>;
    const stored = new Map((await selectWhereAny<Stored>(em, GrowingArea, ['code', 'latitude', 'longitude'], 'code', codes)).map((row) => [row.code, row]));
    const rows = accepted.map(({ row, record }) => {
      const { holder, ...area } = record!;
      const fields = {
        ...area,
        latitude: area.latitude ?? stored.get(area.code)?.latitude ?? null,
        longitude: area.longitude ?? stored.get(area.code)?.longitude ?? null,
        householdId: holder.householdId!,
      };
      return { id: growingAreaKey(area.code), ...fields, source: context.source, sourceRef: `${context.origin}#row=${row}`, importedAt: context.importedAt, contentHash: contentHash(fields) };
    });
    const counts = await upsertByKey(em, GrowingArea, rows, { key: ['code'], insertOnly: ['id'] });

    // Lots captured before their growing area was registered.
    const knex = (em.getTransactionContext<Knex.Transaction>() ?? em.getKnex()) as Knex;
    const waiting: { id: string }[] = await knex
      .withSchema(em.config.get('schema')!)
      .table(em.getMetadata(Lot).tableName)
      .select('id')
      .whereRaw('growing_area_code = any(?) and growing_area_id is null', [codes]);
    await linkLots(em, waiting.map((lot) => lot.id));
    return counts;
  },
};

function readGrowingArea(cells: Record<GrowingAreaColumn, string>, headers: Map<string, string>, row: number, problems: ImportProblem[]): GrowingAreaRecord | undefined {
  const field = (key: GrowingAreaColumn) => headers.get(key) ?? key;

  const code = normaliseText(cells.code).toUpperCase().replace(/\s+/g, '');
  if (!code) problems.push({ row, field: field('code'), message: 'the growing-area code is empty' });
  else if (!CODE_PATTERN.test(code)) {
    problems.push({ row, field: field('code'), value: cells.code, message: `"${cells.code}" is not a growing-area code: letters, digits, dots and dashes, e.g. VN-LSCL-0107` });
  }
  if (!cells.commune) problems.push({ row, field: field('commune'), message: 'the commune is empty' });
  const communeCode = communeOf(cells, headers, row, problems);

  const crop = normaliseText(cells.crop);
  if (!crop) problems.push({ row, field: field('crop'), message: 'the crop is empty' });

  let areaHa = 0;
  if (!cells.areaHa) problems.push({ row, field: field('areaHa'), message: 'the area is empty' });
  else {
    const parsed = parseDecimal(cells.areaHa);
    if ('problem' in parsed) problems.push({ row, field: field('areaHa'), value: cells.areaHa, message: parsed.problem });
    else if (parsed.value <= 0 || parsed.value > 100_000) problems.push({ row, field: field('areaHa'), value: cells.areaHa, message: `${cells.areaHa} ha is not a plausible area (more than 0, at most 100 000 ha)` });
    else areaHa = parsed.value;
  }

  const exportMarkets: string[] = [];
  for (const market of cells.exportMarkets.split(/[,;/]/).map((text) => text.trim()).filter(Boolean)) {
    const country = resolveCountry(market);
    if (!country) problems.push({ row, field: field('exportMarkets'), value: market, message: `"${market}" is not a country this list knows; write its name (Trung Quốc) or ISO code (CN)` });
    else if (!exportMarkets.includes(country)) exportMarkets.push(country);
  }

  let issuedOn: string | undefined;
  if (!cells.issuedOn) problems.push({ row, field: field('issuedOn'), message: 'the issue date is empty' });
  else {
    const parsed = parseCalendarDate(cells.issuedOn);
    if ('problem' in parsed) problems.push({ row, field: field('issuedOn'), value: cells.issuedOn, message: parsed.problem });
    else issuedOn = parsed.value;
  }

  const latitude = coordinate(cells.latitude, -90, 90, field('latitude'), row, problems);
  const longitude = coordinate(cells.longitude, -180, 180, field('longitude'), row, problems);
  const holder = holderOf(cells, communeCode, headers, row, problems);
  if (problems.length > 0 || !communeCode || !issuedOn || !holder) return undefined;
  return { code, communeCode, crop, areaHa, exportMarkets, issuedOn, latitude, longitude, holder };
}

function coordinate(text: string, min: number, max: number, field: string, row: number, problems: ImportProblem[]): number | null {
  if (!text) return null;
  const parsed = parseDecimal(text);
  if ('problem' in parsed || parsed.value < min || parsed.value > max) {
    problems.push({ row, field, value: text, message: `"${text}" is not a coordinate in degrees (between ${min} and ${max})` });
    return null;
  }
  return parsed.value;
}

/** `GA-<code>`, or a hash of the code when that would pass the column's 32 characters. */
function growingAreaKey(code: string): string {
  const readable = `GA-${code}`;
  return readable.length <= 32 ? readable : `GA-${crypto.createHash('sha256').update(code).digest('base64url').slice(0, 24)}`;
}
