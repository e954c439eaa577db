import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { normalisePhone } from '../../../platform/identity/normalise';
import { decideMatch } from '../../../platform/linking/decision';
import { nameBlockKeys, prepareName, type PreparedName } from '../../../platform/linking/names';
import { compareHouseholdName, scorePair, sourceHabits, villageOf, type Carriers, type ComparableEvidence, type ComparableHousehold, type NameComparison } from '../../../platform/linking/scoring';
import type { HouseholdMatch, HouseholdMatcher, IdentityEvidence } from '../../../platform/linking/types';
import type { HouseholdMember } from '../entities/household';

/*
 * Which registry household a record of another source (a census form, a marketplace shop) belongs to.
 *
 * Candidates are found by blocking: the same ID hash (CCCD or the old CMND), the same registration code, the
 * same phone, or a name key in the same commune (the head's, a member's, an organisation's name; see
 * nameBlockKeys). Old communes are resolved to today's by the importers, so one key serves both. All of a
 * batch's candidates come in one SQL statement, all indexed. Each candidate is then scored field by field
 * (platform/linking/scoring.ts) and the best decided on (platform/linking/decision.ts).
 */

export { AMBIGUITY_BITS, LINK_THRESHOLD, REVIEW_THRESHOLD } from '../../../platform/linking/decision';

/** Evidence per SQL statement. */
export const MATCH_BATCH_SIZE = 1000;

interface HouseholdRow {
  id: string;
  kind: string;
  display_name: string;
  head_name: string;
  name_blocks: string[];
  phone: string | null;
  commune_code: string;
  national_id_hash: string | null;
  national_id_length: number | null;
  previous_national_id_hash: string | null;
  registration_code: string | null;
  head_birth_year: number | null;
  members: HouseholdMember[] | null;
  street_address: string | null;
}

/** The registry's matcher, in process (the import command line, tests); other subgraphs use `httpHouseholdMatcher`. */
export function createRegistryMatcher(em: EntityManager): HouseholdMatcher {
  return {
    async match(evidence) {
      const matches: HouseholdMatch[] = [];
      for (let start = 0; start < evidence.length; start += MATCH_BATCH_SIZE) {
        matches.push(...(await matchBatch(em, evidence.slice(start, start + MATCH_BATCH_SIZE))));
      }
      return matches;
    },
  };
}

async function matchBatch(em: EntityManager, batch: IdentityEvidence[]): Promise<HouseholdMatch[]> {
  const prepared = new Map<string, PreparedName>();
  // Each name is taken apart once per batch, however many records it is compared with.
  const prepare = (name: string) => {
    let entry = prepared.get(name);
    if (!entry) prepared.set(name, (entry = prepareName(name)));
    return entry;
  };
  const evidence = batch.map((item) => cleanEvidence(item, prepare));
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((value): value is string => !!value))];
  const hashes = distinct(evidence.map((item) => item.nationalIdHash));
  const codes = distinct(evidence.map((item) => item.registrationCode));
  const phones = distinct(evidence.map((item) => item.phone));
  const blocks = distinct(evidence.flatMap((item) => item.blocks));
  if (hashes.length + codes.length + phones.length + blocks.length === 0) return evidence.map(() => decideMatch([]));

  const rows = await withIndexesOnly(em, async (knex) => {
    const result = await knex.raw(
      `select id, kind, display_name, head_name, coalesce(name_blocks, '{}') as name_blocks, phone, commune_code, national_id_hash, length(national_id) as national_id_length,
              previous_national_id_hash, registration_code, head_birth_year, members, street_address
         from registry.household
        where national_id_hash = any(?::text[]) or previous_national_id_hash = any(?::text[]) or registration_code = any(?::text[])
           or phone = any(?::text[]) or name_blocks && ?::text[]`,
      [hashes, hashes, codes, phones, blocks],
    );
    return result.rows as HouseholdRow[];
  });
  const households = rows.map((row) => comparable(row, prepare));
  const byKey = new Map<string, ComparableHousehold[]>();
  const file = (key: string | null, household: ComparableHousehold) => {
    if (!key) return;
    const list = byKey.get(key);
    if (list) list.push(household);
    else byKey.set(key, [household]);
  };
  rows.forEach((row, index) => {
    const household = households[index];
    file(row.national_id_hash && `id:${row.national_id_hash}`, household);
    file(row.previous_national_id_hash && `id:${row.previous_national_id_hash}`, household);
    file(row.registration_code && `code:${row.registration_code}`, household);
    file(row.phone && `phone:${row.phone}`, household);
  });
  const blockSet = new Set(blocks);
  // Name keys are many per household (stored, as the identity columns computed them): filed only for the keys this
  // batch asked for.
  rows.forEach((row, index) => {
    for (const key of row.name_blocks) if (blockSet.has(key)) file(`name:${key}`, households[index]);
  });

  // How this source writes its records, read from the pairs its IDs and phones settle (sourceHabits).
  const habits = sourceHabits(evidence.flatMap((item) => {
    const household = certainHousehold(item, byKey);
    const level = household && compareHouseholdName(item.name, household)?.level;
    return level ? [level] : [];
  }));
  return evidence.map((item) => {
    const found = new Set<ComparableHousehold>();
    const keys = [...identityKeys(item), ...item.blocks.map((block) => `name:${block}`)];
    for (const key of keys) if (key) for (const household of byKey.get(key) ?? []) found.add(household);
    const candidates = [...found];
    // Each name compared once: the comparisons both count the look-alikes and score the pairs.
    const names = candidates.map((household) => compareHouseholdName(item.name, household));
    const frequency = { sharing: nameSharing(item, found), lookAlikes: lookAlikes(item, candidates, names) };
    return decideMatch(candidates.map((household, index) => scorePair(item, household, frequency, names[index], habits)));
  });
}

/**
 * The one candidate the record's ID number, registration code or phone points at, whatever its name says (null
 * when none does, or two): the certain pairs from which the batch's habits are read (sourceHabits).
 */
function certainHousehold(item: CleanEvidence, byKey: Map<string, ComparableHousehold[]>): ComparableHousehold | null {
  for (const key of identityKeys(item)) {
    const found = key ? byKey.get(key) : undefined;
    if (found?.length === 1) return found[0];
  }
  return null;
}

/** The keys the record's ID number, registration code and phone are filed under (null where it has none), in that order. */
function identityKeys(item: CleanEvidence): (string | null)[] {
  return [item.nationalIdHash && `id:${item.nationalIdHash}`, item.registrationCode && `code:${item.registrationCode}`, item.phone && `phone:${item.phone}`];
}

/** A name no other household of the commune carries: the record's own writer is its one carrier. */
const ONE_CARRIER: Readonly<Carriers> = Object.freeze({ count: 1, byMembersOnly: 0 });

/** Name levels that say "this could be the named person": what makes a household a look-alike of the record. */
const AGREEING_NAME_LEVELS = new Set(['EXACT', 'FOLDED', 'MEMBER', 'MIDDLE_MISSING', 'INITIALS', 'EDIT_ONE']);

/**
 * How many households of the record's commune have a name that agrees with the record's at any level (a missing
 * middle name, initials, a letter off): the look-alike levels' term frequency. Any such household shares a name
 * key with the record (nameBlockKeys), so the candidates hold them all.
 */
function lookAlikes(item: CleanEvidence, candidates: ComparableHousehold[], names: NameComparison[]): Carriers {
  const carriers = { count: 0, byMembersOnly: 0 };
  if (!item.name || !item.communeCode) return ONE_CARRIER;
  candidates.forEach((household, index) => {
    const level = names[index]?.level;
    if (household.communeCode !== item.communeCode || !level || !AGREEING_NAME_LEVELS.has(level)) return;
    carriers.count += 1;
    if (level === 'MEMBER') carriers.byMembersOnly += 1;
  });
  return carriers.count ? carriers : ONE_CARRIER;
}

/**
 * How many households of the record's commune carry its name (head's or a member's, folded): the name's term
 * frequency. Every such household shares the record's full name key, so the candidates already hold them all:
 * counted with no further SQL.
 */
function nameSharing(item: CleanEvidence, found: Set<ComparableHousehold>): Carriers {
  if (!item.name || !item.communeCode) return ONE_CARRIER;
  const wanted = item.name.foldedKey;
  const carriers = { count: 0, byMembersOnly: 0 };
  for (const household of found) {
    if (household.communeCode !== item.communeCode) continue;
    if (household.headName.foldedKey === wanted) carriers.count += 1;
    else if (household.otherNames.some((other) => !other.organisation && other.name.foldedKey === wanted)) {
      carriers.count += 1;
      carriers.byMembersOnly += 1;
    }
  }
  return carriers.count ? carriers : ONE_CARRIER;
}

function comparable(row: HouseholdRow, prepare: (name: string) => PreparedName): ComparableHousehold {
  const kind = row.national_id_length === 12 ? 'CCCD' : row.national_id_length === 9 ? 'CMND' : null;
  return {
    id: row.id,
    nationalIdHash: row.national_id_hash,
    nationalIdKind: kind,
    previousNationalIdHash: row.previous_national_id_hash,
    registrationCode: row.registration_code,
    phone: row.phone,
    headName: prepare(row.head_name),
    otherNames: [
      ...(row.members ?? []).map((member) => ({ name: prepare(member.name), birthYear: member.birthYear })),
      ...(row.kind === 'HOUSEHOLD' ? [] : [{ name: prepare(row.display_name), birthYear: null, organisation: true }]),
    ],
    communeCode: row.commune_code,
    headBirthYear: row.head_birth_year,
    village: villageOf(row.street_address),
  };
}

/**
 * Runs the candidate search with sequential scans ruled out. PostgreSQL cannot estimate how many rows an overlap
 * with thousands of name keys finds, guesses "half the table" and scans it, comparing every row's keys with every
 * searched key: seconds per batch, and far worse at national scale. Each condition has its index, so the plan is a
 * union of index lookups whatever the statistics say. The setting is put back at once, in case the caller's
 * transaction (an import) goes on.
 */
async function withIndexesOnly<T>(em: EntityManager, search: (knex: Knex) => Promise<T>): Promise<T> {
  const run = async (knex: Knex) => {
    const previous = (await knex.raw(`select current_setting('enable_seqscan') as value, set_config('enable_seqscan', 'off', true)`)).rows[0].value as string;
    const result = await search(knex);
    await knex.raw(`select set_config('enable_seqscan', ?, true)`, [previous]);
    return result;
  };
  const transaction = em.getTransactionContext<Knex.Transaction>();
  return transaction ? run(transaction) : em.getKnex().transaction((trx) => run(trx));
}

interface CleanEvidence extends ComparableEvidence {
  blocks: string[];
}

/** Sources should send E.164 phones and digits-only codes; a national form still finds its household. */
function cleanEvidence(item: IdentityEvidence, prepare: (name: string) => PreparedName): CleanEvidence {
  const phone = item.phone ? normalisePhone(item.phone) : null;
  const name = item.name?.trim() || null;
  const communeCode = item.communeCode?.trim() || null;
  const birthYear = typeof item.birthYear === 'number' && item.birthYear > 1900 && item.birthYear < 2100 ? item.birthYear : null;
  return {
    nationalIdHash: item.nationalIdHash?.trim() || null,
    nationalIdKind: item.nationalIdKind === 'CCCD' || item.nationalIdKind === 'CMND' ? item.nationalIdKind : null,
    registrationCode: item.registrationCode?.replace(/[\s.\-]/g, '') || null,
    phone: phone && 'phone' in phone ? phone.phone : null,
    name: name ? prepare(name) : null,
    communeCode,
    birthYear,
    village: villageOf(item.village),
    blocks: name && communeCode ? nameBlockKeys(communeCode, name) : [],
  };
}
