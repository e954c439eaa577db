import { foldVietnamese } from '../identity/normalise';
import { compareNames, NameAgreement, type PreparedName } from './names';

/*
 * The linking model, in the Fellegi-Sunter spirit (as Splink does it). Each field of a pair (a record of another
 * source, a registry household) falls into one agreement level; each level has an m probability (how often a true
 * pair shows it) and a u probability (how often two different households show it). The level's weight is
 * log2(m/u) in bits; the pair's match weight is the prior plus the fields' weights, and its probability
 * 1 / (1 + 2^-weight). A missing field weighs 0: it says nothing either way.
 *
 * The m and u below were set by hand from what the sources do (docs/linking.md) and checked against the labelled
 * sets (`npm run bench:linking`), except MEMBER's m, which each batch reads from its own records (sourceHabits).
 * The thresholds that turn a probability into LINKED or REVIEW are chosen from the precision-recall curve the same
 * benchmark measures (bench/results/linking-*.md).
 */

export type LinkField = 'nationalId' | 'registrationCode' | 'phone' | 'name' | 'commune' | 'birthYear' | 'village';

/**
 * A contribution's field: one of the model's fields, or `nameFrequency`, the term-frequency adjustment of a name
 * that several households of the commune share (see nameFrequencyWeight).
 */
export type ContributionField = LinkField | 'nameFrequency';

export interface LevelSetting {
  m: number;
  u: number;
  /** Shown to officials: does this level speak for or against the pair? */
  agrees: boolean;
}

/** How often two different households' names agree exactly: a name one household of a commune carries. */
const EXACT_NAME_U = 0.0015;
const EXACT_NAME_M = 0.55;

/**
 * The u of a level that comes from how the record was written (no diacritics, a middle name left out, initials)
 * rather than from two names being alike: a record whose writer left the middle name out shows MIDDLE_MISSING with
 * every household of the commune whose name has that shape, its own and the others alike. Such a level is as rare
 * among pairs that do not match, relative to EXACT, as among pairs that do (u/u(EXACT) = m/m(EXACT)), so it weighs
 * what an exact name weighs; how many households of the commune the written name fits is the term frequency's
 * part (the `LOOKALIKES_k` contribution, -log2 k bits).
 */
function writtenU(m: number): number {
  return (m * EXACT_NAME_U) / EXACT_NAME_M;
}

/** One national registry of ~5M households: the prior odds that a record and a household taken at random match. */
export const PRIOR_WEIGHT = Math.log2(1 / 5_000_000);

export const LEVELS = {
  nationalId: {
    /** A keyed hash of a number unique to one person: outweighs whatever else the record says. */
    SAME: { m: 0.98, u: 1e-15, agrees: true },
    /** Both numbers of one kind (two CCCD, two CMND) and different: two people. */
    DIFFERENT: { m: 0.005, u: 1, agrees: false },
    /** An old CMND on one side, a CCCD on the other, and the registry does not know the head's CMND: says nothing. */
    OTHER_KIND: { m: 1, u: 1, agrees: false },
  },
  registrationCode: {
    SAME: { m: 0.98, u: 1e-12, agrees: true },
    DIFFERENT: { m: 0.01, u: 1, agrees: false },
  },
  phone: {
    SAME: { m: 0.8, u: 2e-7, agrees: true },
    /** A new SIM, or a relative's phone: common in true pairs (about one in ten). */
    DIFFERENT: { m: 0.12, u: 1, agrees: false },
  },
  name: {
    EXACT: { m: EXACT_NAME_M, u: EXACT_NAME_U, agrees: true },
    /** Written without diacritics: a habit of the writer, so as rare in pairs that do not match (see writtenU). */
    FOLDED: { m: 0.3, u: writtenU(0.3), agrees: true },
    /** A stranger whose name differs from the head's only by tone marks: a true pair rarely shows it. */
    TONE_ONLY: { m: 0.001, u: 0.002, agrees: false },
    /** The household written under the spouse's or another member's name. */
    MEMBER: { m: 0.04, u: 0.0015, agrees: true },
    /** A cooperative's or business household's own name in the head's column: one such name per commune. */
    ORGANISATION: { m: 0.9, u: 0.0001, agrees: true },
    /** "Nguyễn An" for "Nguyễn Văn An": the writer left a word out (see writtenU). */
    MIDDLE_MISSING: { m: 0.04, u: writtenU(0.04), agrees: true },
    /** "Nguyễn V. An": the writer gave initials (see writtenU). */
    INITIALS: { m: 0.01, u: writtenU(0.01), agrees: true },
    EDIT_ONE: { m: 0.1, u: 0.01, agrees: true },
    /** Nothing alike: with the household's phone, a phone passed on or a relative's; an official decides. */
    DIFFERENT: { m: 0.005, u: 0.98, agrees: false },
  },
  commune: {
    SAME: { m: 0.95, u: 1 / 10_000, agrees: true },
    DIFFERENT: { m: 0.03, u: 1, agrees: false },
  },
  birthYear: {
    SAME: { m: 0.93, u: 1 / 45, agrees: true },
    /** One year apart: a lunar-calendar or typing slip. */
    NEAR: { m: 0.04, u: 2 / 45, agrees: true },
    DIFFERENT: { m: 0.03, u: 0.93, agrees: false },
  },
  village: {
    SAME: { m: 0.85, u: 0.12, agrees: true },
    DIFFERENT: { m: 0.15, u: 0.88, agrees: false },
  },
} as const satisfies Record<LinkField, Record<string, LevelSetting>>;

export type LevelOf<F extends LinkField> = keyof (typeof LEVELS)[F] & string;

/** A level's weight in bits; MEMBER's m is the source's habit (sourceHabits), the others are LEVELS'. */
export function levelWeight(field: LinkField, level: string, habits: SourceHabits = DEFAULT_HABITS): number {
  const setting = (LEVELS[field] as Record<string, LevelSetting>)[level];
  const m = field === 'name' && level === 'MEMBER' ? habits.memberNaming : setting.m;
  return Math.log2(m / setting.u);
}

/** One field's part in a pair's weight, kept so that an official sees why a candidate ranks where it does. */
export interface FieldContribution {
  field: ContributionField;
  level: string;
  /** Bits; positive for agreement. */
  weight: number;
}

/** What a record says of the household it belongs to, cleaned (see matcher.ts). */
export interface ComparableEvidence {
  nationalIdHash: string | null;
  nationalIdKind: 'CCCD' | 'CMND' | null;
  registrationCode: string | null;
  phone: string | null;
  name: PreparedName | null;
  communeCode: string | null;
  birthYear: number | null;
  village: string | null;
}

/** What the registry knows of a household, as the matcher reads it. */
export interface ComparableHousehold {
  id: string;
  nationalIdHash: string | null;
  nationalIdKind: 'CCCD' | 'CMND' | null;
  /** The head's old CMND, when the registry has both. */
  previousNationalIdHash: string | null;
  registrationCode: string | null;
  phone: string | null;
  headName: PreparedName;
  /** Other names the household is known by: the members', an organisation's own name. */
  otherNames: { name: PreparedName; birthYear: number | null; organisation?: boolean }[];
  communeCode: string;
  headBirthYear: number | null;
  village: string | null;
}

export interface ScoredPair {
  householdId: string;
  /** Prior plus contributions, in bits. */
  weight: number;
  probability: number;
  contributions: FieldContribution[];
}

/**
 * The term-frequency adjustment of a name (as Splink makes it): the name levels' u is that of a name one household
 * of the commune holds; when `sharing` households of the record's commune carry the record's name (head or
 * member, compared folded), agreeing with any one of them is `sharing` times less telling. -log2(sharing) bits.
 */
export function nameFrequencyWeight(sharing: number): number {
  return sharing > 1 ? -Math.log2(sharing) : 0;
}

/** Name levels the frequency adjustment applies to: the name itself agrees, not a look-alike. */
const FREQUENCY_LEVELS = new Set<string>(['EXACT', 'FOLDED', 'MEMBER']);

/**
 * Levels of a record's writing (a word left out, initials; see writtenU): they weigh what an exact name does, and
 * -log2(k) bits when k households of the commune have a name the written one fits (look-alikes, counted among the
 * batch's candidates, which hold them all): "Nguyễn An" fits every "Nguyễn ... An" of the commune.
 */
const WRITTEN_LEVELS = new Set<string>(['MIDDLE_MISSING', 'INITIALS']);

/** A letter off: two names can be that close and belong to two people, so its u assumes u/u(EXACT) look-alikes. */
const LOOKALIKE_LEVELS = new Set<string>(['EDIT_ONE']);

/**
 * The adjustment of a name one letter off ("Lan" for "Lân"): the level's u stands for about u/u(EXACT) households
 * of the commune whose names look like the record's; when `lookAlikes` households of the commune do (counted among
 * the batch's candidates, which hold them all), the level's u is that many times u(EXACT). log2(u / (lookAlikes *
 * u(EXACT))) bits when the name's shape is rarer than the level assumes, never below 0 (the level's u already
 * counts several look-alikes). It never weighs what the exact name does (its m is smaller).
 */
export function lookAlikeWeight(level: string, lookAlikes: number): number {
  const setting = (LEVELS.name as Record<string, LevelSetting>)[level];
  return Math.max(0, Math.log2(setting.u / (Math.max(lookAlikes, 1) * LEVELS.name.EXACT.u)));
}

/** Households of the commune carrying a name, and how many of them carry it by a member only (the head's is another). */
export interface Carriers {
  count: number;
  byMembersOnly: number;
}

/** How common the record's name is in its commune: the term frequencies the matcher counts per record. */
export interface NameFrequency {
  /** Households of the commune carrying the name (head or member, folded). */
  sharing: Carriers;
  /** Households of the commune whose head's or member's name agrees with the record's at any level (look-alikes too). */
  lookAlikes?: Carriers;
}

/**
 * How many carriers of a name a record could as well have come from. A household where only a member carries the
 * name counts as the source's member share (memberNaming / m(EXACT)): a record names a member that much less often
 * than a head, and the people of that name who are not registered are heads and members in the same proportion
 * as those who are. Never below 1: the record's own writer carries it.
 */
function effectiveCarriers({ count, byMembersOnly }: Carriers, habits: SourceHabits): number {
  const memberShare = Math.min(1, habits.memberNaming / LEVELS.name.EXACT.m);
  return Math.max(1, count - byMembersOnly + byMembersOnly * memberShare);
}

/** `SHARED_BY_6`, or `SHARED_BY_6_MEMBERS_5` when 5 of the 6 households carry the name by a member only. */
function frequencyLevel(prefix: string, { count, byMembersOnly }: Carriers): string {
  return byMembersOnly ? `${prefix}_${count}_MEMBERS_${byMembersOnly}` : `${prefix}_${count}`;
}

/**
 * What a source's records say of how it writes them, estimated from the records themselves (matcher.ts, per
 * batch): `memberNaming`, the share of its true pairs whose record names a member rather than the head. A census
 * answered by whoever was at home, or shops run by a wife or a son, name members far more often than a list
 * copied from the registry; MEMBER's m is this share.
 */
export interface SourceHabits {
  memberNaming: number;
}

/** Certain pairs that weigh as much as the set m: a batch with few of them keeps close to LEVELS' MEMBER m. */
const HABIT_PRIOR_PAIRS = 50;

export const DEFAULT_HABITS: SourceHabits = { memberNaming: LEVELS.name.MEMBER.m };

/**
 * MEMBER's m read off a batch's certain pairs (as Splink estimates m from pairs a deterministic rule links): the
 * name levels of the records whose ID, registration code or phone points at exactly one household, which the name
 * does not decide. The share of them at MEMBER, with HABIT_PRIOR_PAIRS pairs at LEVELS' m added so that a small
 * batch (a marketplace event of a few shops) keeps close to it.
 */
export function sourceHabits(certainNameLevels: string[]): SourceHabits {
  const members = certainNameLevels.filter((level) => level === 'MEMBER').length;
  return { memberNaming: (members + HABIT_PRIOR_PAIRS * LEVELS.name.MEMBER.m) / (certainNameLevels.length + HABIT_PRIOR_PAIRS) };
}

/** How a record's name compares with a household's (its head, a member, the organisation's own name). */
export type NameComparison = { level: LevelOf<'name'>; birthYear: number | null } | null;

/**
 * Compares one record with one household, field by field. `frequency`: how many households of the record's
 * commune carry (or look like) the record's name; the matcher counts them among the batch's candidates. `name`:
 * the name comparison when the caller made it already (the matcher does, to count look-alikes).
 */
export function scorePair(
  evidence: ComparableEvidence,
  household: ComparableHousehold,
  frequency: number | NameFrequency = 1,
  name: NameComparison = compareHouseholdName(evidence.name, household),
  habits: SourceHabits = DEFAULT_HABITS,
): ScoredPair {
  const { sharing, lookAlikes } = typeof frequency === 'number' ? { sharing: { count: frequency, byMembersOnly: 0 }, lookAlikes: undefined } : frequency;
  const contributions: FieldContribution[] = [];
  const add = (field: LinkField, level: string | null) => {
    if (level !== null) contributions.push({ field, level, weight: round(levelWeight(field, level, habits)) });
  };
  add('nationalId', nationalIdLevel(evidence, household));
  add('registrationCode', evidence.registrationCode && household.registrationCode ? (evidence.registrationCode === household.registrationCode ? 'SAME' : 'DIFFERENT') : null);
  add('phone', evidence.phone && household.phone ? (evidence.phone === household.phone ? 'SAME' : 'DIFFERENT') : null);
  add('name', name?.level ?? null);
  add('commune', evidence.communeCode ? (evidence.communeCode === household.communeCode ? 'SAME' : 'DIFFERENT') : null);
  const sameCommune = evidence.communeCode === household.communeCode;
  if (name && FREQUENCY_LEVELS.has(name.level) && sameCommune && sharing.count > 1) {
    contributions.push({ field: 'nameFrequency', level: frequencyLevel('SHARED_BY', sharing), weight: round(nameFrequencyWeight(effectiveCarriers(sharing, habits))) });
  }
  const fits = lookAlikes ?? sharing;
  if (name && WRITTEN_LEVELS.has(name.level) && sameCommune && fits.count > 1) {
    contributions.push({ field: 'nameFrequency', level: frequencyLevel('LOOKALIKES', fits), weight: round(nameFrequencyWeight(effectiveCarriers(fits, habits))) });
  }
  if (name && LOOKALIKE_LEVELS.has(name.level) && sameCommune && lookAlikes) {
    const weight = lookAlikeWeight(name.level, effectiveCarriers(lookAlikes, habits));
    if (weight > 0) contributions.push({ field: 'nameFrequency', level: frequencyLevel('LOOKALIKES', lookAlikes), weight: round(weight) });
  }
  // The birth year is the named person's: the member's when the record names a member.
  const birthYear = name?.level === 'MEMBER' ? name.birthYear : household.headBirthYear;
  add('birthYear', evidence.birthYear && birthYear ? (evidence.birthYear === birthYear ? 'SAME' : Math.abs(evidence.birthYear - birthYear) === 1 ? 'NEAR' : 'DIFFERENT') : null);
  add('village', evidence.village && household.village ? (evidence.village === household.village ? 'SAME' : 'DIFFERENT') : null);
  const weight = round(PRIOR_WEIGHT + contributions.reduce((sum, part) => sum + part.weight, 0));
  return { householdId: household.id, weight, probability: probabilityOf(weight), contributions };
}

export function probabilityOf(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

function nationalIdLevel(evidence: ComparableEvidence, household: ComparableHousehold): LevelOf<'nationalId'> | null {
  if (!evidence.nationalIdHash || (!household.nationalIdHash && !household.previousNationalIdHash)) return null;
  if (evidence.nationalIdHash === household.nationalIdHash || evidence.nationalIdHash === household.previousNationalIdHash) return 'SAME';
  // A CMND can only be told apart from a CMND: the registry may hold only the head's newer CCCD.
  const registryHasKind = evidence.nationalIdKind === null || household.nationalIdKind === evidence.nationalIdKind || (evidence.nationalIdKind === 'CMND' && household.previousNationalIdHash !== null);
  return registryHasKind ? 'DIFFERENT' : 'OTHER_KIND';
}

/** The record's name against the household's: its head first, then a member or the organisation written exactly. */
export function compareHouseholdName(name: PreparedName | null, household: ComparableHousehold): NameComparison {
  if (!name) return null;
  const head = compareNames(name, household.headName);
  if (head === NameAgreement.EXACT || head === NameAgreement.FOLDED || head === NameAgreement.TONE_ONLY) return { level: head, birthYear: null };
  // Another member (or the organisation's name) written exactly: the household, named by someone else in it.
  for (const other of household.otherNames) {
    const likeness = compareNames(name, other.name);
    if (likeness === NameAgreement.EXACT || likeness === NameAgreement.FOLDED) return { level: other.organisation ? 'ORGANISATION' : 'MEMBER', birthYear: other.birthYear };
  }
  return { level: head, birthYear: null };
}

/** The village as the first part of an address, folded ("Thôn 3, Xã Tân Hoa" -> "thon 3"). */
export function villageOf(address: string | null | undefined): string | null {
  const first = address?.split(',')[0];
  return first ? foldVietnamese(first) || null : null;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
