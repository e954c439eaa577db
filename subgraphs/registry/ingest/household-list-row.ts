import {
  type Candidate, type ColumnMap, type RowReading,
} from '../../../platform/ingest';
import { parseDay, parseYesNo } from '../../../platform/ingest/values';
import { nationalIdHash, normaliseNationalId, normalisePersonName, normalisePhone, normaliseText } from '../../../platform/identity/normalise';
import type { HouseholdMember } from '../entities/household';
import {
  ConsentPurpose, HOUSEHOLD_KIND_LABELS, HouseholdKind, HouseholdScale, PaymentAccountStatus, ProductGroup, TrainingTopic,
} from '../vocabulary';
import { resolveCommune, type CommuneResolution, type ResolvedCommune } from './communes';
import {
  HOUSEHOLD_LIST_COLUMNS, householdKindOf, householdScaleOf, paymentAccountOf, productGroupOf, type HouseholdListColumn,
} from './household-list-columns';
import { readHeadBirthYear, readMembers } from './household-members';

/** Reading one row of a household list into a record, with the row's problems (the importer is household-list.ts). */

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
  /** The head's birth year as the list gives it (null: the cell is empty; the CCCD's is used). */
  headBirthYear?: number | null;
  /** The other members, as the list gives them (null: the cell is empty, none). */
  members?: HouseholdMember[] | null;
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


export const ORGANISATIONS = new Set([HouseholdKind.COOPERATIVE, HouseholdKind.COOPERATIVE_GROUP]);
export const ID_PATTERN = /^HH-\d{5}-\d{5}$/;

const TRAINING_COLUMNS: [HouseholdListColumn, TrainingTopic][] = [['digitalSkills', TrainingTopic.DIGITAL_SKILLS], ['packingAndDelivery', TrainingTopic.PACKING_AND_DELIVERY]];
const CONSENT_COLUMNS: [HouseholdListColumn, ConsentPurpose][] = [
  ['consentExport', ConsentPurpose.PUBLISH_CONTACT_FOR_EXPORT],
  ['consentMarketplaces', ConsentPurpose.SHARE_WITH_MARKETPLACES],
  ['consentStatistics', ConsentPurpose.RESEARCH_STATISTICS],
];

/** The header a column has in this file, for messages of checks that run after reading. */
export const headersOfFile = new WeakMap<object, ColumnMap<HouseholdListColumn>>();

export function headerOf(candidates: Candidate<HouseholdListRecord>[], key: HouseholdListColumn): string {
  const first = candidates.find((candidate) => candidate.record);
  const columns = first?.record ? headersOfFile.get(first.record) : undefined;
  return columns?.get(key) ?? HOUSEHOLD_LIST_COLUMNS.find((spec) => spec.key === key)!.headers[0];
}

export function readRow(cells: Record<HouseholdListColumn, string>, { row, columns, problems, problem }: RowReading<HouseholdListColumn>): HouseholdListRecord | undefined {
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

  let headBirthYear: number | null | undefined;
  if (has('headBirthYear')) {
    const parsed = readHeadBirthYear(cells.headBirthYear, nationalId, header('nationalId'));
    if ('problem' in parsed) problem('headBirthYear', parsed.problem, cells.headBirthYear);
    else headBirthYear = parsed.value;
  }
  let members: HouseholdMember[] | null | undefined;
  if (has('members')) {
    const parsed = readMembers(cells.members);
    if ('problem' in parsed) problem('members', parsed.problem, cells.members);
    else members = parsed.value;
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
    headBirthYear,
    members,
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
