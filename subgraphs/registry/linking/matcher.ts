import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { normalisePhone } from '../../../platform/identity/normalise';
import { compareNames, nameBlockKeys, NameLikeness, prepareName, type PreparedName } from '../../../platform/linking/names';
import type { HouseholdMatch, HouseholdMatcher, IdentityEvidence, LinkCandidate, LinkMethod } from '../../../platform/linking/types';

/*
 * Which registry household a record of another source (a census form, a marketplace shop) belongs to.
 *
 * Each household found by any piece of evidence gets one confidence, from the strongest evidence that agrees,
 * lowered by evidence that disagrees:
 *   - the head's ID number (keyed hash, current or the old CMND): 1;
 *   - the phone: 0.9, 0.97 when the name agrees too, 0.93 when it is close, 0.6 when it is another name (a phone
 *     passed on, or a relative's);
 *   - the name in the same commune: 0.85 written the same, 0.8 the same without diacritics or in another order,
 *     0.65 close (one letter wrong, missing or swapped, or one word missing); 0.15 less when both sides have a phone
 *     and the phones differ;
 *   - a household whose head has another ID number than the evidence gives is a different person: at most 0.6
 *     (by phone) or 0.4 (by name).
 * Then the rule, best candidate first:
 *   - LINKED when it reaches LINK_THRESHOLD and nothing contradicts it;
 *   - REVIEW when it reaches REVIEW_THRESHOLD, or when two households are too close to call (within
 *     AMBIGUITY_MARGIN), or when the ID says one household and the phone another;
 *   - UNLINKED otherwise.
 * Candidates are found for a whole batch in one SQL statement (ID hashes, phones, name keys, all indexed).
 */

/** From here a match is used without an official looking at it. */
export const LINK_THRESHOLD = 0.8;
/** From here a match goes to the review list; below, the record stays unlinked. */
export const REVIEW_THRESHOLD = 0.5;
/** Two candidates closer than this are too close to call. */
export const AMBIGUITY_MARGIN = 0.1;

export const CONFIDENCE = {
  nationalId: 1,
  phone: 0.9,
  phoneAndName: 0.97,
  phoneAndCloseName: 0.93,
  phoneButOtherName: 0.6,
  exactName: 0.85,
  foldedName: 0.8,
  closeName: 0.65,
  /** Taken off a name match when both sides have a phone and they differ. */
  otherPhonePenalty: 0.15,
  /** Ceilings when the household's head has another ID number than the evidence. */
  otherIdByPhone: 0.6,
  otherIdByName: 0.4,
} as const;

/** Most candidates returned per record (for the review list). */
const MAX_CANDIDATES = 5;
/** Evidence per SQL statement. */
export const MATCH_BATCH_SIZE = 1000;

interface HouseholdIdentity {
  id: string;
  head_name: string;
  name_blocks: string[];
  phone: string | null;
  commune_code: string;
  national_id_hash: string | null;
  previous_national_id_hash: string | null;
}

interface Scored extends LinkCandidate {
  idAgrees: boolean;
  phoneAgrees: boolean;
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
  const evidence = batch.map(cleanEvidence);
  const hashes = [...new Set(evidence.flatMap((item) => (item.nationalIdHash ? [item.nationalIdHash] : [])))];
  const phones = [...new Set(evidence.flatMap((item) => (item.phone ? [item.phone] : [])))];
  const blocks = [...new Set(evidence.flatMap((item) => item.blocks))];
  if (hashes.length + phones.length + blocks.length === 0) return evidence.map(() => decide([]));

  const households = await withIndexesOnly(em, async (knex) => {
    const result = await knex.raw(
      `select id, head_name, coalesce(name_blocks, '{}') as name_blocks, phone, commune_code, national_id_hash, previous_national_id_hash
         from registry.household
        where national_id_hash = any(?::text[]) or previous_national_id_hash = any(?::text[])
           or phone = any(?::text[]) or name_blocks && ?::text[]`,
      [hashes, hashes, phones, blocks],
    );
    return result.rows as HouseholdIdentity[];
  });
  const byHash = groupBy(households.flatMap((household) => [household.national_id_hash, household.previous_national_id_hash].filter(Boolean).map((hash) => [hash!, household] as const)));
  const byPhone = groupBy(households.filter((household) => household.phone).map((household) => [household.phone!, household] as const));
  const byBlock = groupBy(households.flatMap((household) => household.name_blocks.map((block) => [block, household] as const)));

  // Each name is taken apart once per batch, however many records it is compared with.
  const prepared = new Map<string, PreparedName>();
  const prepare = (name: string) => {
    let entry = prepared.get(name);
    if (!entry) prepared.set(name, (entry = prepareName(name)));
    return entry;
  };
  return evidence.map((item) => {
    const found = new Map<string, HouseholdIdentity>();
    for (const household of [
      ...(item.nationalIdHash ? (byHash.get(item.nationalIdHash) ?? []) : []),
      ...(item.phone ? (byPhone.get(item.phone) ?? []) : []),
      ...item.blocks.flatMap((block) => byBlock.get(block) ?? []),
    ]) found.set(household.id, household);
    return decide([...found.values()].map((household) => score(item, household, prepare)).filter((candidate): candidate is Scored => candidate !== null));
  });
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

interface CleanEvidence {
  nationalIdHash: string | null;
  phone: string | null;
  name: string | null;
  communeCode: string | null;
  blocks: string[];
}

/** Sources should send E.164 phones; a national form still finds its household rather than nothing. */
function cleanEvidence(item: IdentityEvidence): CleanEvidence {
  const phone = item.phone ? normalisePhone(item.phone) : null;
  const name = item.name?.trim() || null;
  const communeCode = item.communeCode?.trim() || null;
  return {
    nationalIdHash: item.nationalIdHash?.trim() || null,
    phone: phone && 'phone' in phone ? phone.phone : null,
    name,
    communeCode,
    blocks: name && communeCode ? nameBlockKeys(communeCode, name) : [],
  };
}

function score(evidence: CleanEvidence, household: HouseholdIdentity, prepare: (name: string) => PreparedName): Scored | null {
  const idAgrees = evidence.nationalIdHash !== null && (household.national_id_hash === evidence.nationalIdHash || household.previous_national_id_hash === evidence.nationalIdHash);
  const otherId = evidence.nationalIdHash !== null && household.national_id_hash !== null && !idAgrees;
  const phoneAgrees = evidence.phone !== null && household.phone === evidence.phone;
  const otherPhone = evidence.phone !== null && household.phone !== null && !phoneAgrees;
  const name = evidence.name ? compareNames(prepare(evidence.name), prepare(household.head_name)) : null;
  const nameAgrees = name === NameLikeness.EXACT || name === NameLikeness.FOLDED;
  const sameCommune = evidence.communeCode !== null && evidence.communeCode === household.commune_code;

  let method: LinkMethod;
  let confidence: number;
  if (idAgrees) {
    method = 'NATIONAL_ID';
    confidence = CONFIDENCE.nationalId;
  } else if (phoneAgrees) {
    method = 'PHONE';
    confidence =
      name === null ? CONFIDENCE.phone
      : nameAgrees ? CONFIDENCE.phoneAndName
      : name === NameLikeness.CLOSE ? CONFIDENCE.phoneAndCloseName
      : CONFIDENCE.phoneButOtherName;
    if (otherId) confidence = Math.min(confidence, CONFIDENCE.otherIdByPhone);
  } else if (sameCommune && name !== null && name !== NameLikeness.DIFFERENT) {
    method = 'NAME_AND_COMMUNE';
    confidence = name === NameLikeness.EXACT ? CONFIDENCE.exactName : name === NameLikeness.FOLDED ? CONFIDENCE.foldedName : CONFIDENCE.closeName;
    if (otherPhone) confidence -= CONFIDENCE.otherPhonePenalty;
    if (otherId) confidence = Math.min(confidence, CONFIDENCE.otherIdByName);
  } else return null;
  return { householdId: household.id, method, confidence: round(confidence), idAgrees, phoneAgrees };
}

function decide(scored: Scored[]): HouseholdMatch {
  const ranked = scored.sort((a, b) => b.confidence - a.confidence || a.householdId.localeCompare(b.householdId));
  const candidates = ranked.slice(0, MAX_CANDIDATES).map(({ householdId, method, confidence }) => ({ householdId, method, confidence }));
  const [best, second] = ranked;
  if (!best || best.confidence < REVIEW_THRESHOLD) return { householdId: null, method: null, confidence: best?.confidence ?? 0, status: 'UNLINKED', candidates };
  // The ID says one household and the phone another: an official must say which.
  const conflicting = best.idAgrees && !best.phoneAgrees && ranked.some((other) => other !== best && other.phoneAgrees);
  const tooClose = second !== undefined && second.confidence >= REVIEW_THRESHOLD && best.confidence - second.confidence < AMBIGUITY_MARGIN;
  if (best.confidence >= LINK_THRESHOLD && !conflicting && !tooClose) {
    return { householdId: best.householdId, method: best.method, confidence: best.confidence, status: 'LINKED', candidates };
  }
  return { householdId: null, method: null, confidence: best.confidence, status: 'REVIEW', candidates };
}

function groupBy<K, V>(entries: (readonly [K, V])[]): Map<K, V[]> {
  const map = new Map<K, V[]>();
  for (const [key, value] of entries) {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  }
  return map;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
