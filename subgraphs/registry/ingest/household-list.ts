import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import {
  contentHash, ImportRejected, readMappedRows, rejectRepeatedKeys, upsertByKey,
  type Candidate, type ColumnMap, type ImportContext, type Importer, type RowReading, type WriteCounts,
} from '../../../platform/ingest';
import { parseDay, parseYesNo } from '../../../platform/ingest/values';
import { foldVietnamese, nationalIdHash, normaliseNationalId, normalisePersonName, normalisePhone, normaliseText } from '../../../platform/identity/normalise';
import { Household } from '../entities/household';
import { householdIdentityColumns } from '../linking/identity-columns';
import {
  ConsentPurpose, HOUSEHOLD_KIND_LABELS, HouseholdKind, HouseholdScale, PaymentAccountStatus, ProductGroup, TrainingTopic,
} from '../vocabulary';
import { resolveCommune, type CommuneResolution, type ResolvedCommune } from './communes';
import {
  HOUSEHOLD_LIST_COLUMNS, householdKindOf, householdScaleOf, paymentAccountOf, productGroupOf, type HouseholdListColumn,
} from './household-list-columns';

/**
 * One row of a household list, validated. A field left `undefined` was not in the file: a household already
 * registered keeps what it has, a new one gets the default. (`null` means the file says "none".)
 */
export interface HouseholdListRecord {
  row: number;
  headName: string;
  nationalId: string;
  nationalIdHash: string;
  previousNationalIdHash: string | null;
  phone?: string | null;
  kind?: HouseholdKind;
  /** Given for business households, cooperatives and groups; family households get an anonymous label. */
  displayName?: string;
  commune: ResolvedCommune;
  streetAddress?: string | null;
  /** A cooperative's or business household's tax or registration code, digits only. */
  registrationCode?: string | null;
  scale?: HouseholdScale;
  productGroups?: ProductGroup[];
  /** As written: a household ID or a cooperative's name; resolved by `check`. */
  cooperative?: string | null;
  /** Set by `check`: the registered cooperative, or the row of this file that lists it. */
  cooperativeRef?: { id: string } | { row: number } | null;
  paymentAccount?: PaymentAccountStatus;
  /** Per training topic: trained on a given day, trained (day unknown), or not trained; absent = not in the file. */
  trainings: Partial<Record<TrainingTopic, string | boolean>>;
  consents: Partial<Record<ConsentPurpose, boolean>>;
  registeredOn?: string;
}

const ORGANISATIONS = new Set([HouseholdKind.COOPERATIVE, HouseholdKind.COOPERATIVE_GROUP]);
const ID_PATTERN = /^HH-\d{5}-\d{5}$/;
/** Serialises ID allocation between concurrent imports (any constant shared by every registry import). */
const HOUSEHOLD_ID_LOCK = 4_460_001;

const TRAINING_COLUMNS: [HouseholdListColumn, TrainingTopic][] = [['digitalSkills', TrainingTopic.DIGITAL_SKILLS], ['packingAndDelivery', TrainingTopic.PACKING_AND_DELIVERY]];
const CONSENT_COLUMNS: [HouseholdListColumn, ConsentPurpose][] = [
  ['consentExport', ConsentPurpose.PUBLISH_CONTACT_FOR_EXPORT],
  ['consentMarketplaces', ConsentPurpose.SHARE_WITH_MARKETPLACES],
  ['consentStatistics', ConsentPurpose.RESEARCH_STATISTICS],
];

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

/** The header a column has in this file, for messages of checks that run after reading. */
const headersOfFile = new WeakMap<object, ColumnMap<HouseholdListColumn>>();

function headerOf(candidates: Candidate<HouseholdListRecord>[], key: HouseholdListColumn): string {
  const first = candidates.find((candidate) => candidate.record);
  const columns = first?.record ? headersOfFile.get(first.record) : undefined;
  return columns?.get(key) ?? HOUSEHOLD_LIST_COLUMNS.find((spec) => spec.key === key)!.headers[0];
}

// --- reading one row ------------------------------------------------------------------------------------------

function readRow(cells: Record<HouseholdListColumn, string>, { row, columns, problems, problem }: RowReading<HouseholdListColumn>): HouseholdListRecord | undefined {
  const has = (key: HouseholdListColumn) => columns.has(key);
  const header = (key: HouseholdListColumn) => columns.get(key) ?? HOUSEHOLD_LIST_COLUMNS.find((spec) => spec.key === key)!.headers[0];
  const headName = normalisePersonName(cells.headName);
  if (!headName) problem('headName', "the head's name is empty");
  else if (!/\p{L}/u.test(headName) || /\d/.test(headName)) problem('headName', `"${headName}" is not a person's name`);

  const nationalId = readNationalId(cells.nationalId, 'nationalId', problem, true);
  const previousNationalId = has('previousNationalId') ? readNationalId(cells.previousNationalId, 'previousNationalId', problem, false) : undefined;
  if (nationalId && previousNationalId && nationalId === previousNationalId) problem('previousNationalId', `is the same number as "${header('nationalId')}"; leave it empty or give the old CMND`);

  let phone: string | null | undefined;
  if (has('phone')) {
    if (!cells.phone) phone = null;
    else {
      const result = normalisePhone(cells.phone);
      if ('problem' in result) problem('phone', result.problem, cells.phone);
      else phone = result.phone;
    }
  }

  let registrationCode: string | null | undefined;
  if (has('registrationCode') && cells.registrationCode) {
    const digits = cells.registrationCode.replace(/[\s.\-]/g, '');
    if (/^\d{10}(\d{3})?$/.test(digits)) registrationCode = digits;
    else problem('registrationCode', `"${cells.registrationCode}" is not a tax or registration code (10 digits, or 13 for a branch)`, cells.registrationCode);
  }

  let kind: HouseholdKind | undefined;
  if (cells.kind) {
    kind = householdKindOf(cells.kind);
    if (!kind) problem('kind', `"${cells.kind}" is not a kind of producer; write one of: Hộ gia đình, Hộ kinh doanh, Hợp tác xã (HTX), Tổ hợp tác (THT)`, cells.kind);
  }
  const displayName = cells.displayName ? normaliseText(cells.displayName) : undefined;
  if (kind && ORGANISATIONS.has(kind) && !displayName) {
    problem('displayName', `a ${HOUSEHOLD_KIND_LABELS[kind].toLowerCase()} needs its name${has('displayName') ? '' : ` (add a column "${header('displayName')}")`}`);
  }

  const commune = readCommune(cells, columns, problem);

  let scale: HouseholdScale | undefined;
  if (cells.scale) {
    scale = householdScaleOf(cells.scale);
    if (!scale) problem('scale', `"${cells.scale}" is not a scale; write one of: Nhỏ, Vừa, Lớn, Trang trại`, cells.scale);
  }

  let productGroups: ProductGroup[] | undefined;
  if (has('productGroups')) {
    const words = cells.productGroups.split(/[;,/+\n]/).map((word) => word.trim()).filter(Boolean);
    const unknown = words.filter((word) => !productGroupOf(word));
    if (unknown.length > 0) {
      problem('productGroups', `${unknown.map((word) => `"${word}"`).join(', ')} ${unknown.length === 1 ? 'is not a product group' : 'are not product groups'}; write for example: Trái cây, Rau, Lúa gạo, Cà phê, Chè, Chăn nuôi, Thủy sản, Chế biến, Dược liệu, Vật tư nông nghiệp`, cells.productGroups);
    } else productGroups = [...new Set(words.map((word) => productGroupOf(word)!))].sort();
  }

  let paymentAccount: PaymentAccountStatus | undefined;
  if (has('paymentAccount')) {
    paymentAccount = cells.paymentAccount ? paymentAccountOf(cells.paymentAccount) : PaymentAccountStatus.NONE;
    if (!paymentAccount) problem('paymentAccount', `"${cells.paymentAccount}" is not an account status; write Có (or Đã mở), Đang sử dụng, or Không`, cells.paymentAccount);
  }

  const trainings: HouseholdListRecord['trainings'] = {};
  for (const [key, topic] of TRAINING_COLUMNS) {
    if (!has(key)) continue;
    const day = parseDay(cells[key]);
    const yes = day ? true : parseYesNo(cells[key]);
    if (yes === null) problem(key, `"${cells[key]}" should be Có, Không, x, or the date of the training (15/08/2024)`, cells[key]);
    else trainings[topic] = day ?? yes;
  }

  const consents: HouseholdListRecord['consents'] = {};
  for (const [key, purpose] of CONSENT_COLUMNS) {
    if (!has(key)) continue;
    const yes = parseYesNo(cells[key]);
    if (yes === null) problem(key, `"${cells[key]}" should be Có or Không`, cells[key]);
    else consents[purpose] = yes;
  }

  let registeredOn: string | undefined;
  if (cells.registeredOn) {
    registeredOn = parseDay(cells.registeredOn) ?? undefined;
    if (!registeredOn) problem('registeredOn', `"${cells.registeredOn}" is not a date; write it as 15/08/2024 or 2024-08-15`, cells.registeredOn);
  }

  if (problems.length > 0 || !nationalId || !commune) return undefined;
  const record: HouseholdListRecord = {
    row,
    headName,
    nationalId,
    nationalIdHash: nationalIdHash(nationalId),
    previousNationalIdHash: previousNationalId ? nationalIdHash(previousNationalId) : null,
    phone,
    kind,
    displayName,
    commune,
    streetAddress: has('streetAddress') ? normaliseText(cells.streetAddress) || null : undefined,
    registrationCode,
    scale,
    productGroups,
    cooperative: has('cooperative') ? normaliseText(cells.cooperative) || null : undefined,
    paymentAccount,
    trainings,
    consents,
    registeredOn,
  };
  headersOfFile.set(record, columns);
  return record;
}

/**
 * The ID number, checked. Problems never repeat the number itself (it is personal data, and messages end up in
 * terminals and logs): they say what is wrong with it.
 */
function readNationalId(
  text: string,
  key: HouseholdListColumn,
  problem: (key: HouseholdListColumn, message: string) => void,
  required: boolean,
): string | undefined {
  if (!text) {
    if (required) problem(key, "the ID number is empty; it is how the registry recognises the household when a list is imported again");
    return undefined;
  }
  const result = normaliseNationalId(text);
  if ('problem' in result) {
    // Excel turns a CCCD typed as a number into 11 digits: its leading 0 is gone.
    const lostZero = /^[1-9]\d{10}$/.test(text.replace(/[\s.\-]/g, '')) ? ' (the spreadsheet may have dropped a leading 0: format the column as Text and type the number again)' : '';
    problem(key, `the number ${result.problem.replace(/^"[^"]*" /, '')}${lostZero}`);
    return undefined;
  }
  return result.nationalId;
}

function readCommune(
  cells: Record<HouseholdListColumn, string>,
  columns: ColumnMap<HouseholdListColumn>,
  problem: (key: HouseholdListColumn, message: string, value?: string) => void,
): ResolvedCommune | undefined {
  const place = { district: cells.district || undefined, province: cells.province || undefined };
  const field: HouseholdListColumn = cells.commune || !cells.communeCode ? 'commune' : 'communeCode';
  const inProvince = cells.province ? ` in ${cells.province}` : '';
  if (!cells.commune && !cells.communeCode && !cells.newCommune) {
    problem(field, 'no commune given: fill in the commune name or its code');
    return undefined;
  }

  let old: CommuneResolution | null = null;
  if (cells.commune || cells.communeCode) {
    old = resolveCommune({ code: cells.communeCode || undefined, name: cells.commune || undefined, ...place });
    if (!old) {
      const written = cells.commune || cells.communeCode;
      problem(field, `"${written}" is not a commune we know${inProvince}${cells.commune ? ', or several communes have this name: add the province or the commune code' : ''}`, written);
      return undefined;
    }
    if (cells.communeCode && cells.commune) {
      // Code and name must agree: a wrong code is a common copy-paste slip.
      const byName = resolveCommune({ name: cells.commune, ...place });
      if (byName && !byName.units.some((unit) => old!.units.some((other) => other.code === unit.code))) {
        problem('communeCode', `code ${cells.communeCode} is ${old.units.map((unit) => unit.fullName).join(' / ')}, but the commune column says "${cells.commune}"`, cells.communeCode);
        return undefined;
      }
    }
  }

  if (cells.newCommune) {
    const chosen = resolveCommune({ name: cells.newCommune, province: cells.province || undefined });
    if (!chosen || chosen.split || chosen.units.length !== 1 || (chosen.via !== 'name' && chosen.via !== 'code')) {
      problem('newCommune', `"${cells.newCommune}" is not a current commune${inProvince}`, cells.newCommune);
      return undefined;
    }
    if (old && !old.units.some((unit) => unit.code === chosen.units[0].code)) {
      problem('newCommune', `"${cells.newCommune}" is not one of the communes "${cells.commune || cells.communeCode}" became: ${old.units.map((unit) => unit.fullName).join(', ')}`, cells.newCommune);
      return undefined;
    }
    return chosen.units[0];
  }
  if (old!.split) {
    const newHeader = columns.get('newCommune');
    problem(
      field,
      `"${cells.commune || cells.communeCode}" was divided in July 2025 between ${old!.units.map((unit) => unit.fullName).join(' and ')}: ` +
        (newHeader ? `say which in column "${newHeader}"` : 'add a column "Xã mới" saying which'),
      cells.commune || cells.communeCode,
    );
    return undefined;
  }
  return old!.units[0];
}

// --- checks against the registry ----------------------------------------------------------------------------

interface RegisteredHousehold {
  id: string;
  kind: HouseholdKind;
  display_name: string;
  commune_code: string;
  province_code: string;
  scale: HouseholdScale;
  product_groups: ProductGroup[];
  cooperative_id: string | null;
  payment_account: PaymentAccountStatus;
  consents: ConsentPurpose[];
  registered_on: string;
  phone: string | null;
  street_address: string | null;
  national_id: string | null;
  national_id_hash: string | null;
  previous_national_id_hash: string | null;
  content_hash: string | null;
}

function knexOf(em: EntityManager): Knex {
  return (em.getTransactionContext<Knex.Transaction>() ?? em.getKnex()) as Knex;
}

/** Registered households whose head has one of these ID hashes (current or previous). One statement. */
async function registeredByHash(em: EntityManager, hashes: string[]): Promise<{ byHash: Map<string, RegisteredHousehold> }> {
  const byHash = new Map<string, RegisteredHousehold>();
  if (hashes.length === 0) return { byHash };
  const result = await knexOf(em).raw(
    `select id, kind, display_name, commune_code, province_code, scale, product_groups, cooperative_id, payment_account, consents,
            to_char(registered_on, 'YYYY-MM-DD') as registered_on, phone, street_address, national_id, national_id_hash, previous_national_id_hash, content_hash
       from registry.household
      where national_id_hash = any(?::text[]) or previous_national_id_hash = any(?::text[])`,
    [hashes, hashes],
  );
  for (const household of result.rows as RegisteredHousehold[]) {
    if (household.national_id_hash) byHash.set(household.national_id_hash, household);
    if (household.previous_national_id_hash && !byHash.has(household.previous_national_id_hash)) byHash.set(household.previous_national_id_hash, household);
  }
  return { byHash };
}

/** The registered household a record updates: by its head's ID, else by the old CMND the row gives. */
function targetOf(record: HouseholdListRecord, byHash: Map<string, RegisteredHousehold>): RegisteredHousehold | undefined {
  return byHash.get(record.nationalIdHash) ?? (record.previousNationalIdHash ? byHash.get(record.previousNationalIdHash) : undefined);
}

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

// --- writing ------------------------------------------------------------------------------------------------

async function writeHouseholds(em: EntityManager, records: HouseholdListRecord[], context: ImportContext): Promise<WriteCounts> {
  if (records.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const knex = knexOf(em);
  // Two imports at once would hand out the same numbers: the second waits for the first to commit.
  await knex.raw('select pg_advisory_xact_lock(?)', [HOUSEHOLD_ID_LOCK]);
  const { byHash } = await registeredByHash(em, records.flatMap((record) => [record.nationalIdHash, ...(record.previousNationalIdHash ? [record.previousNationalIdHash] : [])]));
  const idOfRow = new Map<number, string>();
  const existingOfRow = new Map<number, RegisteredHousehold>();
  for (const record of records) {
    const target = targetOf(record, byHash);
    if (target) {
      idOfRow.set(record.row, target.id);
      existingOfRow.set(record.row, target);
    }
  }
  await allocateHouseholdIds(knex, records.filter((record) => !idOfRow.has(record.row)), idOfRow);

  const today = context.importedAt.toISOString().slice(0, 10);
  const rows = records.map((record) => {
    const id = idOfRow.get(record.row)!;
    const existing = existingOfRow.get(record.row);
    const kind = record.kind ?? existing?.kind ?? HouseholdKind.HOUSEHOLD;
    const isOrganisation = ORGANISATIONS.has(kind);
    const consents = new Set(existing?.consents ?? []);
    for (const [purpose, given] of Object.entries(record.consents) as [ConsentPurpose, boolean][]) {
      if (given) consents.add(purpose);
      else consents.delete(purpose);
    }
    const cooperativeId =
      record.cooperative === undefined ? (existing?.cooperative_id ?? null)
      : record.cooperativeRef && 'row' in record.cooperativeRef ? idOfRow.get(record.cooperativeRef.row)!
      : (record.cooperativeRef?.id ?? null);
    // An older list may still give the CMND of a head registered since by CCCD: it does not undo the CCCD.
    const listedByOldNumber = existing !== undefined && existing.national_id_hash !== record.nationalIdHash && existing.previous_national_id_hash === record.nationalIdHash;
    const identity = listedByOldNumber
      ? { nationalId: existing.national_id!, previousNationalIdHash: existing.previous_national_id_hash }
      : {
          nationalId: record.nationalId,
          // A head now listed by CCCD keeps the old CMND's hash, so sources that still carry the CMND find the household.
          previousNationalIdHash:
            record.previousNationalIdHash ??
            (existing?.national_id_hash && existing.national_id_hash !== record.nationalIdHash ? existing.national_id_hash : (existing?.previous_national_id_hash ?? null)),
        };
    const fields = {
      kind,
      displayName: displayNameOf(record, kind, id, existing),
      communeCode: record.commune.code,
      provinceCode: record.commune.provinceCode,
      scale: record.scale ?? existing?.scale ?? (isOrganisation ? HouseholdScale.LARGE : HouseholdScale.SMALL),
      productGroups: record.productGroups ?? existing?.product_groups ?? [],
      cooperativeId: cooperativeId === id ? null : cooperativeId,
      paymentAccount: record.paymentAccount ?? existing?.payment_account ?? PaymentAccountStatus.NONE,
      consents: Object.values(ConsentPurpose).filter((purpose) => consents.has(purpose)),
      registeredOn: record.registeredOn ?? existing?.registered_on ?? today,
      headName: record.headName,
      phone: record.phone !== undefined ? record.phone : (existing?.phone ?? null),
      ...identity,
      streetAddress: record.streetAddress !== undefined ? record.streetAddress : (existing?.street_address ?? null),
    };
    return {
      id,
      ...fields,
      // Only when the file gives one: a list without the column keeps what is registered.
      ...(record.registrationCode ? { registrationCode: record.registrationCode } : {}),
      ...householdIdentityColumns({ headName: fields.headName, nationalId: fields.nationalId, communeCode: fields.communeCode, organisationName: fields.kind === HouseholdKind.HOUSEHOLD ? null : fields.displayName }),
      source: context.source,
      sourceRef: `${context.origin}#row=${record.row}`,
      importedAt: context.importedAt,
      contentHash: contentHash({ ...fields, trainings: record.trainings }),
    };
  });
  // Rows whose content is stored already are left alone (a re-import sends nothing but the look-ups).
  const changed = rows.map((row, index) => ({ row, record: records[index] })).filter(({ row, record }) => existingOfRow.get(record.row)?.content_hash !== row.contentHash);
  const counts = await upsertByKey(em, Household, changed.map(({ row }) => row), { key: ['id'] });
  await writeTrainings(knex, changed.map(({ record }) => record), idOfRow, today);
  return { ...counts, unchanged: counts.unchanged + rows.length - changed.length };
}

/**
 * Standard IDs for new households: `HH-<commune code>-<next number in that commune>`, the numbers following the
 * highest ever given there (an ID keeps the commune the household was first registered in). One statement.
 */
async function allocateHouseholdIds(knex: Knex, records: HouseholdListRecord[], idOfRow: Map<number, string>): Promise<void> {
  if (records.length === 0) return;
  const communes = [...new Set(records.map((record) => record.commune.code))];
  const result = await knex.raw(
    `select c.code, (select max(h.id) from registry.household h where left(h.id, 8) = 'HH-' || c.code) as last_id
       from unnest(?::text[]) as c(code)`,
    [communes],
  );
  const next = new Map<string, number>((result.rows as { code: string; last_id: string | null }[]).map((row) => [row.code, row.last_id ? Number(row.last_id.slice(9)) : 0]));
  for (const record of records) {
    const number = next.get(record.commune.code)! + 1;
    if (number > 99_999) throw new Error(`Commune ${record.commune.code} has no household numbers left (HH-${record.commune.code}-99999 is taken)`);
    next.set(record.commune.code, number);
    idOfRow.set(record.row, `HH-${record.commune.code}-${String(number).padStart(5, '0')}`);
  }
}

/** Family households are published under an anonymous label, never the head's name. */
function displayNameOf(record: HouseholdListRecord, kind: HouseholdKind, id: string, existing: RegisteredHousehold | undefined): string {
  if (kind !== HouseholdKind.HOUSEHOLD && record.displayName) return record.displayName;
  if (existing && (existing.kind === HouseholdKind.HOUSEHOLD) === (kind === HouseholdKind.HOUSEHOLD)) return existing.display_name;
  const label = kind === HouseholdKind.BUSINESS_HOUSEHOLD ? 'Hộ kinh doanh' : 'Hộ sản xuất';
  return `${label} ${record.commune.name} số ${Number(id.slice(9))}`;
}

/**
 * Trainings as the file says: "Không" removes a topic's training, a date sets it, "Có" adds one (dated the day of
 * the import) only when none is recorded. Three set-based statements for the whole file.
 */
async function writeTrainings(knex: Knex, records: HouseholdListRecord[], idOfRow: Map<number, string>, today: string): Promise<void> {
  const removed: [string, string][] = [];
  const dated: [string, string, string][] = [];
  const undated: [string, string][] = [];
  for (const record of records) {
    const id = idOfRow.get(record.row)!;
    for (const [topic, given] of Object.entries(record.trainings) as [TrainingTopic, string | boolean][]) {
      if (given === false) removed.push([id, topic]);
      else if (given === true) undated.push([id, topic]);
      else dated.push([id, topic, given]);
    }
  }
  if (removed.length > 0) {
    await knex.raw(
      `delete from registry.training t using unnest(?::text[], ?::text[]) as r(household_id, topic)
        where t.household_id = r.household_id and t.topic::text = r.topic`,
      [removed.map(([id]) => id), removed.map(([, topic]) => topic)],
    );
  }
  if (dated.length > 0) {
    await knex.raw(
      `update registry.training t set completed_on = d.completed_on::date
         from unnest(?::text[], ?::text[], ?::text[]) as d(household_id, topic, completed_on)
        where t.household_id = d.household_id and t.topic::text = d.topic and t.completed_on <> d.completed_on::date`,
      [dated.map(([id]) => id), dated.map(([, topic]) => topic), dated.map(([, , day]) => day)],
    );
  }
  const added = [...dated, ...undated.map(([id, topic]) => [id, topic, today] as [string, string, string])];
  if (added.length > 0) {
    await knex.raw(
      `insert into registry.training (household_id, topic, completed_on)
       select a.household_id, a.topic::registry.training_topic, a.completed_on::date
         from unnest(?::text[], ?::text[], ?::text[]) as a(household_id, topic, completed_on)
        where not exists (select 1 from registry.training t where t.household_id = a.household_id and t.topic::text = a.topic)`,
      [added.map(([id]) => id), added.map(([, topic]) => topic), added.map(([, , day]) => day)],
    );
  }
}
