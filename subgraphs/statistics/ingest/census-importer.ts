import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { maskIdNumber } from '../../../platform/identity/mask';
import { nationalIdHash, normaliseNationalId, normalisePersonName, normalisePhone, normaliseText } from '../../../platform/identity/normalise';
import { type ColumnSpec } from '../../../platform/ingest/columns';
import { readMappedRows } from '../../../platform/ingest/mapped-rows';
import { rejectRepeatedKeys, type Candidate, type ImportContext, type Importer } from '../../../platform/ingest/importer';
import { upsertByKey, type WriteCounts } from '../../../platform/ingest/upsert';
import { parseBirthYear } from '../../../platform/ingest/values';
import type { IdentityEvidence, LinkCandidate } from '../../../platform/linking/types';
import { CensusRecord } from '../entities/census-record';
import { HouseholdLinkMethod, HouseholdLinkStatus, linkFromMatch } from '../../../platform/linking/stored-link';
import { countLinks, emptyLinkingCounts } from '../../../platform/linking/summary';
import { cropByCodeOrName } from '../vocabulary';
import { censusContentHash, type CensusContent } from './content';
import { resolveCommune } from '../../../platform/places';

export type CensusColumn =
  | 'recordKey' | 'headName' | 'nationalId' | 'phone' | 'commune' | 'communeCode' | 'district' | 'province' | 'censusYear'
  | 'landAreaHa' | 'mainCrops' | 'livestockHeads' | 'poultryHeads' | 'labourers' | 'birthYear' | 'village';

/** The columns of a census household file, by the headers the statistics office's forms use. */
export const CENSUS_COLUMNS: ColumnSpec<CensusColumn>[] = [
  { key: 'recordKey', headers: ['Mã hộ điều tra', 'Mã hộ', 'Mã phiếu'], required: true, description: 'The census\'s own household key, unique within a census round', example: 'DT2025-24-000123' },
  { key: 'headName', headers: ['Họ tên chủ hộ', 'Họ và tên chủ hộ', 'Chủ hộ', 'Người trả lời'], required: true, description: 'Head of household (respondent)', example: 'Nguyễn Văn An' },
  { key: 'nationalId', headers: ['Số CCCD', 'CCCD/CMND', 'Số CCCD/CMND', 'Số định danh cá nhân'], required: false, description: 'Citizen ID (12 digits) or old CMND (9); stored only as a keyed hash', example: '024090001234' },
  { key: 'phone', headers: ['Số điện thoại', 'Điện thoại', 'SĐT'], required: false, description: 'Phone: 0912..., +84 912..., 84912...', example: '0912 345 678' },
  { key: 'commune', headers: ['Xã/Phường', 'Xã/phường/thị trấn', 'Xã', 'Phường/Xã'], required: true, description: 'Commune, current or old name', example: 'Xã Lục Ngạn' },
  { key: 'communeCode', headers: ['Mã xã', 'Mã xã/phường'], required: false, description: 'Commune code, current (5 digits) or old', example: '07582' },
  { key: 'district', headers: ['Huyện', 'Quận/Huyện', 'Huyện/Thị xã'], required: false, description: 'District (before July 2025), narrows an old commune name', example: 'Huyện Lục Ngạn' },
  { key: 'province', headers: ['Tỉnh', 'Tỉnh/Thành phố', 'Tỉnh/TP'], required: false, description: 'Province, current or old', example: 'Bắc Giang' },
  { key: 'censusYear', headers: ['Năm điều tra', 'Năm'], required: true, description: 'Year of the census round', example: '2025' },
  { key: 'landAreaHa', headers: ['Diện tích đất nông nghiệp (ha)', 'Diện tích đất NN (ha)', 'Diện tích đất nông nghiệp'], required: true, description: 'Agricultural land in hectares (1,5 or 1.5)', example: '1,25' },
  { key: 'mainCrops', headers: ['Cây trồng chính', 'Cây trồng chủ yếu'], required: false, description: 'Main crops, separated by commas or semicolons', example: 'Vải, Lúa' },
  { key: 'livestockHeads', headers: ['Số gia súc', 'Gia súc (con)', 'Số gia súc (con)'], required: false, description: 'Cattle, buffalo and pigs in heads; empty for none', example: '4' },
  { key: 'poultryHeads', headers: ['Số gia cầm', 'Gia cầm (con)', 'Số gia cầm (con)'], required: false, description: 'Poultry in heads; empty for none', example: '120' },
  { key: 'labourers', headers: ['Số lao động', 'Số lao động nông nghiệp', 'Lao động nông nghiệp'], required: true, description: 'Household members working in agriculture', example: '3' },
  { key: 'birthYear', headers: ['Năm sinh', 'Năm sinh chủ hộ', 'Năm sinh người trả lời'], required: false, description: "The respondent's year of birth (or a date of birth): weighed when linking, stored, never published", example: '1978' },
  { key: 'village', headers: ['Thôn/Ấp', 'Thôn', 'Thôn/xóm/ấp', 'Thôn, xóm', 'Thôn/Bản'], required: false, description: 'Village or hamlet: weighed when linking, not stored', example: 'Thôn 3' },
];

/** One census row as stored, before linking, with the evidence only the matcher reads. */
export type CensusRow = Pick<
  CensusContent,
  'recordKey' | 'censusYear' | 'landAreaHa' | 'mainCrops' | 'livestockHeads' | 'poultryHeads' | 'labourers' | 'respondentName' | 'respondentBirthYear' | 'phone' | 'nationalIdHash' | 'communeCode'
> & { linkingEvidence?: Pick<IdentityEvidence, 'nationalIdKind' | 'village'> };

/** Evidence sent to the registry's matcher per call: one round trip per batch of rows, never one per row. */
export const MATCH_BATCH = 5000;
const MAX_LAND_HA = 100_000;

export const censusImporter: Importer<CensusRow> = {
  name: 'census',
  title: 'Census household records of the statistics office, linked to registry households',
  subgraph: 'statistics',
  formats: 'CSV or XLSX',
  columns: CENSUS_COLUMNS,
  notes: [
    'Records are linked to registry households by ID number (compared as a keyed hash), then phone, then name within the commune; uncertain links wait in the review list (censusLinkReviews) until an official settles them (settleCensusLinks).',
    'A record is found again by its Mã hộ điều tra and Năm điều tra: re-importing a file changes nothing, a corrected row updates its record, and a link settled by an official is kept.',
  ],
  read(file, options) {
    return readMappedRows(file, options, CENSUS_COLUMNS, (cells, { problems, problem }) => {
      const record = readCensusRow(cells, problem);
      return problems.length ? undefined : record;
    });
  },
  async check(_em, candidates) {
    rejectRepeatedKeys(candidates, (record) => `${record.recordKey} (${record.censusYear})`, CENSUS_COLUMNS[0].headers[0], 'Mã hộ điều tra');
  },
  write: writeCensusRecords,
};

/** Reads and checks one row's cells; every problem is reported, not only the first. */
export function readCensusRow(cells: Record<CensusColumn, string>, problem: (column: CensusColumn, message: string, value?: string) => void): CensusRow {
  const recordKey = normaliseText(cells.recordKey);
  if (!recordKey) problem('recordKey', 'the household key (mã hộ) is missing');
  else if (recordKey.length > 64) problem('recordKey', `the household key is ${recordKey.length} characters long; at most 64`, recordKey);

  const respondentName = cells.headName ? normalisePersonName(cells.headName) : '';
  if (!respondentName) problem('headName', 'the name of the head of household is missing');

  let idHash: string | null = null;
  let nationalIdKind: 'CCCD' | 'CMND' | null = null;
  if (cells.nationalId) {
    const id = normaliseNationalId(cells.nationalId);
    // The number itself never goes into a message or a log: only its last digits.
    if ('problem' in id) problem('nationalId', id.problem.replace(`"${cells.nationalId}"`, maskIdNumber(cells.nationalId)));
    else {
      idHash = nationalIdHash(id.nationalId);
      nationalIdKind = id.kind;
    }
  }

  let phone: string | null = null;
  if (cells.phone) {
    const result = normalisePhone(cells.phone);
    if ('problem' in result) problem('phone', result.problem, cells.phone);
    else phone = result.phone;
  }

  let communeCode: string | null = null;
  if (!cells.commune && !cells.communeCode) problem('commune', 'the commune is missing');
  else {
    const commune = resolveCommune({ code: cells.communeCode, name: cells.commune, district: cells.district, province: cells.province });
    if (commune) communeCode = commune.units[0].code;
    else {
      const place = [cells.commune || cells.communeCode, cells.district, cells.province].filter(Boolean).join(', ');
      problem('commune', `"${place}" is not a commune we know, by its current name (since July 2025) or its old one; check the spelling, the district and the province`, cells.commune);
    }
  }

  const currentYear = new Date().getFullYear();
  const censusYear = Number(cells.censusYear);
  if (!/^\d{4}$/.test(cells.censusYear) || censusYear < 2000 || censusYear > currentYear + 1) {
    problem('censusYear', cells.censusYear ? `"${cells.censusYear}" is not a census year (2000 to ${currentYear + 1})` : 'the census year is missing', cells.censusYear);
  }

  const landAreaHa = decimal(cells.landAreaHa);
  if (landAreaHa === undefined) problem('landAreaHa', cells.landAreaHa ? `"${cells.landAreaHa}" is not an area in hectares (e.g. 1,25 or 1.25)` : 'the land area is missing', cells.landAreaHa);
  else if (landAreaHa > MAX_LAND_HA) problem('landAreaHa', `${cells.landAreaHa} ha is more than a household can farm (${MAX_LAND_HA.toLocaleString('en-US')} ha); is it in m²?`, cells.landAreaHa);

  const count = (column: 'livestockHeads' | 'poultryHeads' | 'labourers', emptyIsZero: boolean, label: string): number => {
    const text = cells[column].replace(/[\s.]/g, '');
    if (text === '') {
      if (!emptyIsZero) problem(column, `the number of ${label} is missing`);
      return 0;
    }
    if (!/^\d+$/.test(text) || Number(text) > 2_000_000_000) {
      problem(column, `"${cells[column]}" is not a number of ${label} (a whole number, 0 or more)`, cells[column]);
      return 0;
    }
    return Number(text);
  };
  const livestockHeads = count('livestockHeads', true, 'livestock');
  const poultryHeads = count('poultryHeads', true, 'poultry');
  const labourers = count('labourers', false, 'labourers');
  if (labourers > 32_767) problem('labourers', `${labourers} labourers in one household is not plausible`, cells.labourers);

  const mainCrops = [
    ...new Set(
      cells.mainCrops
        .split(/[,;/]/)
        .map((crop) => normaliseText(crop))
        .filter(Boolean)
        .map((crop) => cropByCodeOrName(crop) ?? crop.charAt(0).toLocaleUpperCase('vi') + crop.slice(1)),
    ),
  ];

  // A date of birth (15/08/1978, 1978-08-15) gives its year; anything else is a problem, not a guess.
  const birthYear = cells.birthYear ? parseBirthYear(cells.birthYear) : null;
  if (cells.birthYear && birthYear === null) {
    problem('birthYear', `"${cells.birthYear}" is not a year of birth (e.g. 1978 or 15/08/1978)`, cells.birthYear);
  }
  const village = normaliseText(cells.village) || null;

  return {
    recordKey, censusYear, landAreaHa: landAreaHa ?? 0, mainCrops, livestockHeads, poultryHeads, labourers, respondentName: respondentName || null, respondentBirthYear: birthYear, phone, nationalIdHash: idHash, communeCode,
    linkingEvidence: { nationalIdKind, village },
  };
}

/** "1,25", "1.25", "2" -> a number; a decimal comma as Vietnamese spreadsheets write it. */
function decimal(text: string): number | undefined {
  const trimmed = text.replace(/\s/g, '');
  if (/^\d+([.,]\d+)?$/.test(trimmed)) return Number(trimmed.replace(',', '.'));
  return undefined;
}

type LinkFields = Pick<CensusRecord, 'householdId' | 'linkStatus' | 'linkMethod' | 'linkConfidence' | 'linkCandidates' | 'linkSettledAt'>;
type StoredLink = LinkFields & { recordKey: string; censusYear: number; contentHash: string | null };

/**
 * Links and writes the accepted rows, a batch at a time: one call to the registry's matcher per batch, one
 * statement for the records already stored, one for households already linked to other records, then the upsert
 * of the records that are new or changed.
 * A link an official settled is kept. Two records of one census round never share a household: the weaker claim
 * (or any claim on a household another stored record holds) goes to review with that household as a candidate.
 */
export async function writeCensusRecords(em: EntityManager, accepted: Candidate<CensusRow>[], context: ImportContext): Promise<WriteCounts> {
  const matcher = context.householdMatcher;
  if (!matcher) {
    throw new Error('Census records cannot be linked to registry households: no household matcher was given (the registry subgraph provides it to `npx nongsan import census`). Nothing was imported.');
  }
  const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0, linking: emptyLinkingCounts() };
  for (let start = 0; start < accepted.length; start += MATCH_BATCH) {
    const batch = accepted.slice(start, start + MATCH_BATCH).filter((candidate) => candidate.record);
    const rows = batch.map((candidate) => candidate.record!);
    const evidence: IdentityEvidence[] = rows.map((row) => ({ nationalIdHash: row.nationalIdHash, phone: row.phone, name: row.respondentName, communeCode: row.communeCode, birthYear: row.respondentBirthYear, ...row.linkingEvidence }));
    const matches = await matcher.match(evidence);
    if (matches.length !== rows.length) throw new Error(`The household matcher answered ${matches.length} matches for ${rows.length} records`);

    const stored = await storedLinks(em, rows);
    const links = rows.map((row, index) => stored.get(linkKey(row))?.linkSettledAt ? pick(stored.get(linkKey(row))!) : linkFromMatch(matches[index]));
    await resolveSharedHouseholds(em, rows, links);
    countLinks(counts.linking!, links);

    const records: Partial<CensusRecord>[] = [];
    rows.forEach((row, index) => {
      const { linkingEvidence: _evidence, ...fields } = row;
      const content: CensusContent = { ...fields, ...links[index] };
      const contentHash = censusContentHash(content);
      // What is stored already is not written again (a re-import sends no write at all).
      if (stored.get(linkKey(row))?.contentHash === contentHash) {
        counts.unchanged += 1;
        return;
      }
      records.push({
        ...content,
        // upsertByKey sends rows as one JSON document: a jsonb column takes the array as it is.
        linkCandidates: content.linkCandidates ?? null,
        linkSettledAt: links[index].linkSettledAt ?? null,
        source: context.source,
        sourceRef: `${context.origin}#row=${batch[index].row}`,
        importedAt: context.importedAt,
        contentHash,
      });
    });
    const written = await upsertByKey(em, CensusRecord, records, { key: ['censusYear', 'recordKey'] });
    counts.inserted += written.inserted;
    counts.updated += written.updated;
    counts.unchanged += written.unchanged;
  }
  return counts;
}

function linkKey(row: { censusYear: number; recordKey: string }): string {
  return `${row.censusYear}|${row.recordKey}`;
}

function pick(link: StoredLink): LinkFields {
  return {
    householdId: link.householdId,
    linkStatus: link.linkStatus,
    linkMethod: link.linkMethod,
    linkConfidence: link.linkConfidence,
    linkCandidates: link.linkCandidates,
    linkSettledAt: link.linkSettledAt,
  };
}


/**
 * The stored link of each row's record, if the record exists, in one statement per batch: the keys go in as two
 * arrays joined to the table, which the planner matches through the unique index (a long IN list of pairs it
 * would compare row by row).
 */
async function storedLinks(em: EntityManager, rows: CensusRow[]): Promise<Map<string, StoredLink>> {
  const knex = (em.getTransactionContext<Knex.Transaction>() ?? em.getKnex()) as Knex;
  const { rows: found } = (await knex.raw(
    `select r.record_key, r.census_year, r.content_hash, r.household_id, r.link_status, r.link_method, r.link_confidence, r.link_candidates, r.link_settled_at
       from ??.census_record r
       join unnest(?::smallint[], ?::text[]) as wanted(census_year, record_key) using (census_year, record_key)
       for update of r`,
    [em.config.get('schema')!, rows.map((row) => row.censusYear), rows.map((row) => row.recordKey)],
  )) as { rows: Record<string, unknown>[] };
  return new Map(
    found.map((row) => [
      `${row.census_year}|${row.record_key}`,
      {
        recordKey: row.record_key as string,
        censusYear: row.census_year as number,
        contentHash: row.content_hash as string | null,
        householdId: row.household_id as string | null,
        linkStatus: row.link_status as HouseholdLinkStatus,
        linkMethod: row.link_method as HouseholdLinkMethod | null,
        linkConfidence: row.link_confidence as number,
        linkCandidates: row.link_candidates as LinkCandidate[] | null,
        linkSettledAt: row.link_settled_at as Date | null,
      },
    ]),
  );
}

/**
 * One household per census round: where two rows of the batch claim one household, the stronger claim (a settled
 * link, else the higher confidence, else the earlier row) keeps it; a household another stored record holds stays
 * with it. The others go to review, with the household among their candidates.
 */
async function resolveSharedHouseholds(em: EntityManager, rows: CensusRow[], links: LinkFields[]): Promise<void> {
  const claims = new Map<string, number>();
  const demote = (index: number) => {
    const link = links[index];
    const claimed: LinkCandidate = { householdId: link.householdId!, method: (link.linkMethod ?? 'NAME_AND_COMMUNE') as LinkCandidate['method'], confidence: link.linkConfidence };
    links[index] = { ...link, householdId: null, linkStatus: HouseholdLinkStatus.REVIEW, linkCandidates: [claimed, ...(link.linkCandidates ?? []).filter((candidate) => candidate.householdId !== claimed.householdId)] };
  };
  const strength = (link: LinkFields) => (link.linkSettledAt ? 2 : link.linkConfidence);
  links.forEach((link, index) => {
    if (link.linkStatus !== HouseholdLinkStatus.LINKED) return;
    const claimKey = `${rows[index].censusYear}|${link.householdId}`;
    const other = claims.get(claimKey);
    if (other === undefined) claims.set(claimKey, index);
    else if (strength(link) > strength(links[other])) {
      demote(other);
      claims.set(claimKey, index);
    } else demote(index);
  });
  if (claims.size === 0) return;
  const knex = (em.getTransactionContext<Knex.Transaction>() ?? em.getKnex()) as Knex;
  const claimed = [...claims.keys()].map((key) => ({ year: Number(key.slice(0, key.indexOf('|'))), householdId: key.slice(key.indexOf('|') + 1) }));
  const { rows: holders } = (await knex.raw(
    `select r.household_id, r.census_year, r.record_key
       from ??.census_record r
       join unnest(?::smallint[], ?::text[]) as claimed(census_year, household_id) using (census_year, household_id)`,
    [em.config.get('schema')!, claimed.map((claim) => claim.year), claimed.map((claim) => claim.householdId)],
  )) as { rows: { household_id: string; census_year: number; record_key: string }[] };
  for (const holder of holders) {
    const index = claims.get(`${holder.census_year}|${holder.household_id}`)!;
    if (rows[index].recordKey !== holder.record_key && !links[index].linkSettledAt) demote(index);
  }
}
