import type { FieldContribution, ScoredPair } from './scoring';
import type { HouseholdMatch, LinkCandidate, LinkMethod } from './types';
import { LinkReviewReason } from './stored-link';

/*
 * From scored pairs to a decision, best candidate first:
 *   - LINKED when its probability reaches LINK_THRESHOLD, no other candidate comes within AMBIGUITY_BITS of it,
 *     the ID and the phone do not point at two households, the record's ID number (or registration code) is
 *     not another of the same kind than the household's, and something besides a person's name and the commune
 *     agrees (a bare name is what an unregistered namesake shows too: no weight makes it more than a guess);
 *   - REVIEW when it reaches REVIEW_THRESHOLD (or was held back by the rules above);
 *   - UNLINKED otherwise.
 * The thresholds were read off the precision-recall curve of `npm run bench:linking` (docs/linking.md).
 */

/** From here a match is used without an official looking at it. */
export const LINK_THRESHOLD = 0.6;
/** From here a match goes to the review list; below, the record stays unlinked. */
export const REVIEW_THRESHOLD = 0.01;
/** A second candidate within this many bits (2^4 = 16 times less likely) makes the best one too close to call. */
export const AMBIGUITY_BITS = 4;
/** Most candidates returned per record (for the review list). */
export const MAX_CANDIDATES = 5;

export function methodOf(pair: ScoredPair): LinkMethod {
  const level = (field: string) => pair.contributions.find((part) => part.field === field)?.level;
  if (level('nationalId') === 'SAME' || level('registrationCode') === 'SAME') return 'NATIONAL_ID';
  if (level('phone') === 'SAME') return 'PHONE';
  return 'NAME_AND_COMMUNE';
}

/**
 * Why a record waits for an official rather than being linked, the decision's rules in the order they hold a
 * record back: another ID number of the same kind, the ID and the phone pointing at two households, a runner-up
 * within AMBIGUITY_BITS, or a best candidate below the LINK threshold.
 */
export type ReviewReason = LinkReviewReason;

interface RankedPair {
  weight: number;
  probability: number;
  contributions: FieldContribution[];
}

/** The rule that keeps `best` (first of `ranked`, best first) from a link; null when nothing does. */
function holdBack(ranked: RankedPair[], thresholds: { link: number; review: number }): ReviewReason | null {
  const [best] = ranked;
  const agrees = (pair: RankedPair, field: string, level = 'SAME') => pair.contributions.some((part) => part.field === field && part.level === level);
  // Another number of the same kind: another person, or a number written wrong; either way an official decides.
  if (agrees(best, 'nationalId', 'DIFFERENT') || agrees(best, 'registrationCode', 'DIFFERENT')) return LinkReviewReason.OTHER_ID_NUMBER;
  // The ID says one household and the phone another: an official must say which.
  if (agrees(best, 'nationalId') && !agrees(best, 'phone') && ranked.some((other) => other !== best && agrees(other, 'phone'))) return LinkReviewReason.ID_AND_PHONE_DISAGREE;
  const second = ranked.slice(1).find((pair) => pair.probability >= thresholds.review);
  if (second !== undefined && best.weight - second.weight < AMBIGUITY_BITS) return LinkReviewReason.CLOSE_RUNNER_UP;
  return best.probability >= thresholds.link && corroborated(best) ? null : LinkReviewReason.LOW_CONFIDENCE;
}

/** Fields that say who the person is only together with another: a person's name (however rare) and the commune. */
const NAME_AND_PLACE = new Set(['name', 'commune', 'nameFrequency']);

/**
 * Whether the pair has evidence besides a person's name and commune: an ID, a code, the phone, the birth year or
 * the village agreeing, or a cooperative's own name. A name alone links a namesake as readily as the person.
 */
function corroborated(pair: RankedPair): boolean {
  return pair.contributions.some((part) => part.weight > 0 && (!NAME_AND_PLACE.has(part.field) || (part.field === 'name' && part.level === 'ORGANISATION')));
}

/**
 * Whether a record with these candidates (best first, as stored) would be LINKED to the first at these
 * thresholds: the decision's rules, for the precision-recall curve of `npm run bench:linking`.
 */
export function linksAt(candidates: LinkCandidate[], thresholds: { link: number; review: number }): boolean {
  if (!candidates.length || candidates.some((candidate) => typeof candidate.weight !== 'number' || !candidate.contributions)) return false;
  const ranked = candidates.map((candidate) => ({ weight: candidate.weight!, probability: candidate.confidence, contributions: candidate.contributions! }));
  return holdBack(ranked, thresholds) === null;
}

/**
 * Why a review item is uncertain, read from its stored candidates (best first); null for candidates stored before
 * the scoring model (no weights), or for none.
 */
export function reviewReasonOf(candidates: LinkCandidate[] | null | undefined): ReviewReason | null {
  if (!candidates?.length || candidates.some((candidate) => candidate.weight === undefined || candidate.weight === null || !candidate.contributions)) return null;
  const ranked = candidates.map((candidate) => ({ weight: candidate.weight!, probability: candidate.confidence, contributions: candidate.contributions! }));
  return holdBack(ranked, { link: LINK_THRESHOLD, review: REVIEW_THRESHOLD }) ?? LinkReviewReason.LOW_CONFIDENCE;
}

/** How many bits the best candidate leads the runner-up by (null with one candidate or without weights). */
export function runnerUpMargin(candidates: LinkCandidate[] | null | undefined): number | null {
  const [best, second] = candidates ?? [];
  if (typeof best?.weight !== 'number' || typeof second?.weight !== 'number') return null;
  return Math.round((best.weight - second.weight) * 100) / 100;
}

export function decideMatch(pairs: ScoredPair[], thresholds = { link: LINK_THRESHOLD, review: REVIEW_THRESHOLD }): HouseholdMatch {
  const ranked = [...pairs].sort((a, b) => b.weight - a.weight || a.householdId.localeCompare(b.householdId));
  const agrees = (pair: ScoredPair, field: string) => pair.contributions.some((part) => part.field === field && part.level === 'SAME');
  const best = ranked.find((pair) => pair.probability >= thresholds.review);
  if (!best) return { householdId: null, method: null, confidence: round3(ranked[0]?.probability ?? 0), status: 'UNLINKED', candidates: [] };
  // The official sees the plausible households, and any other the ID or the phone points at, however unlikely.
  const shown = ranked.filter((pair) => pair.probability >= thresholds.review || agrees(pair, 'nationalId') || agrees(pair, 'phone'));
  const candidates: LinkCandidate[] = shown.slice(0, MAX_CANDIDATES).map((pair) => ({
    householdId: pair.householdId, method: methodOf(pair), confidence: round3(pair.probability), weight: pair.weight, contributions: pair.contributions,
  }));
  if (holdBack(ranked, thresholds) === null) {
    return { householdId: best.householdId, method: methodOf(best), confidence: round3(best.probability), status: 'LINKED', candidates };
  }
  return { householdId: null, method: null, confidence: round3(best.probability), status: 'REVIEW', candidates };
}

/** Three decimals: 0.9998 is shown as 1, 0.995 stays apart from 0.99. */
function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
