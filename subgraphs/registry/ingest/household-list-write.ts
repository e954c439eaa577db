import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { contentHash, upsertByKey, type ImportContext, type WriteCounts } from '../../../platform/ingest';
import { Household, type HouseholdMember } from '../entities/household';
import { householdIdentityColumns } from '../linking/identity-columns';
import { ConsentPurpose, HouseholdKind, HouseholdScale, PaymentAccountStatus, ProductGroup, TrainingTopic } from '../vocabulary';
import { ORGANISATIONS, type HouseholdListRecord } from './household-list-row';

/** Writing a household list's accepted rows, and the look-ups of registered households it and the checks share. */

/** Serialises ID allocation between concurrent imports (any constant shared by every registry import). */
const HOUSEHOLD_ID_LOCK = 4_460_001;

export interface RegisteredHousehold {
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
  head_birth_year: number | null;
  members: HouseholdMember[] | null;
}

export function knexOf(em: EntityManager): Knex {
  return (em.getTransactionContext<Knex.Transaction>() ?? em.getKnex()) as Knex;
}

/** Registered households whose head has one of these ID hashes (current or previous). One statement. */
export async function registeredByHash(em: EntityManager, hashes: string[]): Promise<{ byHash: Map<string, RegisteredHousehold> }> {
  const byHash = new Map<string, RegisteredHousehold>();
  if (hashes.length === 0) return { byHash };
  const result = await knexOf(em).raw(
    `select id, kind, display_name, commune_code, province_code, scale, product_groups, cooperative_id, payment_account, consents,
            to_char(registered_on, 'YYYY-MM-DD') as registered_on, phone, street_address, national_id, national_id_hash, previous_national_id_hash, content_hash,
            head_birth_year, members
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
export function targetOf(record: HouseholdListRecord, byHash: Map<string, RegisteredHousehold>): RegisteredHousehold | undefined {
  return byHash.get(record.nationalIdHash) ?? (record.previousNationalIdHash ? byHash.get(record.previousNationalIdHash) : undefined);
}


export async function writeHouseholds(em: EntityManager, records: HouseholdListRecord[], context: ImportContext): Promise<WriteCounts> {
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
    // A list without the columns keeps what is registered; an empty cell says "none" (the CCCD's year then).
    const members = record.members !== undefined ? record.members : (existing?.members ?? null);
    const listedBirthYear = record.headBirthYear !== undefined ? record.headBirthYear : (existing?.head_birth_year ?? null);
    return {
      id,
      ...fields,
      // Only when the file gives one: a list without the column keeps what is registered.
      ...(record.registrationCode ? { registrationCode: record.registrationCode } : {}),
      members,
      ...householdIdentityColumns({
        headName: fields.headName, nationalId: fields.nationalId, communeCode: fields.communeCode, members, headBirthYear: listedBirthYear,
        organisationName: fields.kind === HouseholdKind.HOUSEHOLD ? null : fields.displayName,
      }),
      source: context.source,
      sourceRef: `${context.origin}#row=${record.row}`,
      importedAt: context.importedAt,
      // Members and birth year only when known, so that rows of lists without them keep the hash they had.
      contentHash: contentHash({ ...fields, trainings: record.trainings, ...(members ? { members } : {}), ...(listedBirthYear ? { headBirthYear: listedBirthYear } : {}) }),
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
