import type { EntityManager } from '@mikro-orm/postgresql';
import { ImportRejected, readMappedRows, rejectRepeatedKeys, type Candidate, type Importer } from '../../../platform/ingest';
import { foldVietnamese } from '../../../platform/identity/normalise';
import { HOUSEHOLD_KIND_LABELS, HouseholdKind } from '../vocabulary';
import { HOUSEHOLD_LIST_COLUMNS } from './household-list-columns';
import { headerOf, headersOfFile, ID_PATTERN, ORGANISATIONS, readRow, type HouseholdListRecord } from './household-list-row';
import { knexOf, registeredByHash, writeHouseholds } from './household-list-write';

export type { HouseholdListRecord } from './household-list-row';

export const householdListImporter: Importer<HouseholdListRecord> = {
  name: 'registry',
  title: "Household lists as communes and the farmers' union keep them (danh sách hộ sản xuất nông nghiệp)",
  subgraph: 'registry',
  formats: 'XLSX (first sheet) or CSV (comma or semicolon, UTF-8)',
  columns: HOUSEHOLD_LIST_COLUMNS,
  notes: [
    "A household is recognised by its head's ID number (compared as a keyed hash): importing a file again changes nothing, a corrected file updates what changed.",
    'A head listed by a new CCCD is matched to the household registered under the old CMND when the row gives it in "Số CMND cũ".',
    'Places may be given by old (before July 2025) or current names or codes; an old commune divided between several needs the current one in "Xã mới".',
    'New households get the standard ID HH-<commune code>-<number>. Columns a file does not have leave registered households as they are.',
  ],

  read(file, options) {
    return readMappedRows(file, options, HOUSEHOLD_LIST_COLUMNS, readRow, (columns, headers, origin) => {
      if (!columns.has('commune') && !columns.has('communeCode') && !columns.has('newCommune')) {
        throw new ImportRejected(origin, [{
          row: 1,
          field: 'Xã/Phường',
          message: `required column missing: the commune, by name ("Xã/Phường") or code ("Mã xã"); found: ${headers.filter(Boolean).map((header) => `"${header}"`).join(', ')}`,
        }]);
      }
    });
  },

  async check(em, candidates) {
    rejectRepeatedKeys(candidates, (record) => record.nationalIdHash, headerOf(candidates, 'nationalId'), 'ID number', { secret: true });
    rejectRepeatedKeys(candidates, (record) => record.previousNationalIdHash ?? undefined, headerOf(candidates, 'previousNationalId'), 'old ID number', { secret: true });
    const valid = () => candidates.filter((candidate) => candidate.problems.length === 0 && candidate.record);
    await checkRegisteredHouseholds(em, valid());
    // After the other checks, so that a member never points at a cooperative row that is itself refused.
    await resolveCooperatives(em, valid());
  },

  async write(em, accepted, context) {
    return writeHouseholds(em, accepted.map((candidate) => candidate.record!), context);
  },
};


// --- checks against the registry ----------------------------------------------------------------------------

/** A row whose CCCD and old CMND point at two different households, or two rows that update one household. */
async function checkRegisteredHouseholds(em: EntityManager, candidates: Candidate<HouseholdListRecord>[]): Promise<void> {
  const hashes = candidates.flatMap(({ record }) => [record!.nationalIdHash, ...(record!.previousNationalIdHash ? [record!.previousNationalIdHash] : [])]);
  const { byHash } = await registeredByHash(em, hashes);
  const rowOfTarget = new Map<string, number>();
  for (const candidate of candidates) {
    const record = candidate.record!;
    const byCurrent = byHash.get(record.nationalIdHash);
    const byPrevious = record.previousNationalIdHash ? byHash.get(record.previousNationalIdHash) : undefined;
    const columns = headersOfFile.get(record)!;
    if (byCurrent && byPrevious && byCurrent.id !== byPrevious.id) {
      candidate.problems.push({
        row: candidate.row,
        field: columns.get('previousNationalId'),
        message: `the ID number belongs to household ${byCurrent.id} but the old CMND to household ${byPrevious.id}; check both numbers`,
      });
      continue;
    }
    const target = byCurrent ?? byPrevious;
    if (!target) continue;
    const first = rowOfTarget.get(target.id);
    if (first !== undefined) {
      candidate.problems.push({ row: candidate.row, field: columns.get('previousNationalId'), message: `row ${first} already updates household ${target.id} (same head by CCCD or old CMND)` });
    } else rowOfTarget.set(target.id, candidate.row!);
  }
}

/**
 * "Thành viên HTX": a household ID, or the name of a cooperative or group listed in the same file or registered
 * in the same province. Names are compared folded; a name that fits several is refused rather than guessed.
 */
async function resolveCooperatives(em: EntityManager, candidates: Candidate<HouseholdListRecord>[]): Promise<void> {
  const members = candidates.filter(({ record }) => record!.cooperative);
  if (members.length === 0) return;
  const ids = [...new Set(members.map(({ record }) => record!.cooperative!).filter((text) => ID_PATTERN.test(text.toUpperCase())).map((text) => text.toUpperCase()))];
  const provinces = [...new Set(members.map(({ record }) => record!.commune.provinceCode))];
  const result = await knexOf(em).raw(
    `select id, kind, display_name, province_code from registry.household
      where id = any(?::text[]) or (kind in ('COOPERATIVE', 'COOPERATIVE_GROUP') and province_code = any(?::text[]))`,
    [ids, provinces],
  );
  const registered = result.rows as { id: string; kind: HouseholdKind; display_name: string; province_code: string }[];
  const byId = new Map(registered.map((household) => [household.id, household]));
  const byName = <T>(items: T[], province: (item: T) => string, name: (item: T) => string) => {
    const index = new Map<string, T[]>();
    for (const item of items) {
      const key = `${province(item)}:${foldVietnamese(name(item))}`;
      const list = index.get(key);
      if (list) list.push(item);
      else index.set(key, [item]);
    }
    return index;
  };
  const inFile = byName(
    candidates.filter(({ record }) => record!.kind && ORGANISATIONS.has(record!.kind) && record!.displayName),
    ({ record }) => record!.commune.provinceCode,
    ({ record }) => record!.displayName!,
  );
  const registeredOrganisations = byName(
    registered.filter((household) => ORGANISATIONS.has(household.kind)),
    (household) => household.province_code,
    (household) => household.display_name,
  );

  for (const candidate of members) {
    const record = candidate.record!;
    const text = record.cooperative!;
    const field = headersOfFile.get(record)!.get('cooperative');
    const refuse = (message: string) => candidate.problems.push({ row: candidate.row, field, value: text, message });
    if (ID_PATTERN.test(text.toUpperCase())) {
      const cooperative = byId.get(text.toUpperCase());
      if (!cooperative) refuse(`no household ${text.toUpperCase()} in the registry`);
      else if (!ORGANISATIONS.has(cooperative.kind)) refuse(`${cooperative.id} is a ${HOUSEHOLD_KIND_LABELS[cooperative.kind].toLowerCase()}, not a cooperative or group`);
      else record.cooperativeRef = { id: cooperative.id };
      continue;
    }
    const key = `${record.commune.provinceCode}:${foldVietnamese(text)}`;
    const fileMatches = inFile.get(key) ?? [];
    if (fileMatches.length === 1) {
      record.cooperativeRef = { row: fileMatches[0].row! };
      continue;
    }
    if (fileMatches.length > 1) {
      refuse(`several cooperatives in this file are called "${text}" (rows ${fileMatches.map((match) => match.row).join(', ')}): give the household ID instead`);
      continue;
    }
    const registeredMatches = registeredOrganisations.get(key) ?? [];
    if (registeredMatches.length === 1) record.cooperativeRef = { id: registeredMatches[0].id };
    else if (registeredMatches.length > 1) refuse(`several registered cooperatives are called "${text}" (${registeredMatches.map((household) => household.id).join(', ')}): give the household ID instead`);
    else refuse(`no cooperative or group called "${text}" in this file or registered in the province`);
  }
}
