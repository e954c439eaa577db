import { Field, Float, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import type { ContributionField, FieldContribution } from './scoring';
import type { HouseholdMatch, LinkCandidate } from './types';

/*
 * How a linked record (a census record, a marketplace shop) stores and shows its link to a registry household:
 * one vocabulary for every subgraph that links, so that an official reads the same states and methods everywhere.
 */

/** How a record was matched to a registry household, from strongest to weakest; MANUAL when an official settled it. */
export enum HouseholdLinkMethod {
  NATIONAL_ID = 'NATIONAL_ID',
  PHONE = 'PHONE',
  NAME_AND_COMMUNE = 'NAME_AND_COMMUNE',
  MANUAL = 'MANUAL',
}

/** Where a record stands in the linking: the same three states as the registry's matcher answers. */
export enum HouseholdLinkStatus {
  /** Linked to one household, by the matcher or by an official. */
  LINKED = 'LINKED',
  /** The matcher was not sure: waits in the review list for an official. */
  REVIEW = 'REVIEW',
  /** No household matched, or an official decided none does. */
  UNLINKED = 'UNLINKED',
}

registerEnumType(HouseholdLinkMethod, {
  name: 'HouseholdLinkMethod',
  description: 'How a record was linked to the registry household: by national ID number, phone number, name within the commune, or by an official (MANUAL).',
});

registerEnumType(HouseholdLinkStatus, {
  name: 'HouseholdLinkStatus',
  description: 'LINKED: linked to a household; REVIEW: waiting for an official to settle it; UNLINKED: no household matches.',
});

/** Why a review item waits for an official (see reviewReasonOf in decision.ts). */
export enum LinkReviewReason {
  OTHER_ID_NUMBER = 'OTHER_ID_NUMBER',
  ID_AND_PHONE_DISAGREE = 'ID_AND_PHONE_DISAGREE',
  CLOSE_RUNNER_UP = 'CLOSE_RUNNER_UP',
  LOW_CONFIDENCE = 'LOW_CONFIDENCE',
}

registerEnumType(LinkReviewReason, {
  name: 'LinkReviewReason',
  description: 'Why the matcher did not link a record on its own.',
  valuesConfig: {
    OTHER_ID_NUMBER: { description: 'The best household has another ID number (or registration code) of the same kind: another person, or a number written wrong.' },
    ID_AND_PHONE_DISAGREE: { description: 'The ID number points at one household, the phone at another.' },
    CLOSE_RUNNER_UP: { description: 'A second household comes within 4 bits (16 times less likely) of the best: namesakes, most often. Compare the candidates\' evidence.' },
    LOW_CONFIDENCE: { description: 'The best household is plausible but not likely enough to link: too little evidence (a bare name, a typo, a missing middle name).' },
  },
});

/** The link columns a linked record keeps (entities name them so). */
export interface StoredLink {
  /** The registry household, when LINKED; null while in review or unlinked. */
  householdId: string | null;
  linkStatus: HouseholdLinkStatus;
  linkMethod: HouseholdLinkMethod | null;
  /** 0 to 1. */
  linkConfidence: number;
  /** For REVIEW records: the households the matcher found plausible, best first. */
  linkCandidates: LinkCandidate[] | null;
  /** When an official settled the link; such a link is kept by later imports and events. */
  linkSettledAt: Date | null;
}

/** The matcher's answer as stored link fields; a LINKED answer without a household is no link. */
export function linkFromMatch(match: HouseholdMatch): StoredLink {
  const confidence = Math.min(1, Math.max(0, match.confidence));
  const method = match.method ? HouseholdLinkMethod[match.method] : null;
  if (match.status === 'LINKED' && match.householdId) {
    return { householdId: match.householdId, linkStatus: HouseholdLinkStatus.LINKED, linkMethod: method, linkConfidence: confidence, linkCandidates: null, linkSettledAt: null };
  }
  if (match.status === 'REVIEW' && match.candidates.length) {
    return { householdId: null, linkStatus: HouseholdLinkStatus.REVIEW, linkMethod: method, linkConfidence: confidence, linkCandidates: match.candidates, linkSettledAt: null };
  }
  return { householdId: null, linkStatus: HouseholdLinkStatus.UNLINKED, linkMethod: null, linkConfidence: 0, linkCandidates: null, linkSettledAt: null };
}

/**
 * An official's decision: the household given (or none), method MANUAL, kept by later imports and events. The
 * matcher's candidates stay, as a record of what the official chose among.
 */
export function settledLink(householdId: string | null, settledAt: Date, candidates: LinkCandidate[] | null = null): StoredLink {
  return {
    householdId,
    linkStatus: householdId ? HouseholdLinkStatus.LINKED : HouseholdLinkStatus.UNLINKED,
    linkMethod: HouseholdLinkMethod.MANUAL,
    linkConfidence: 1,
    linkCandidates: candidates,
    linkSettledAt: settledAt,
  };
}

/** Whether two links say the same (candidates compared by household and confidence). */
export function sameLink(a: StoredLink, b: StoredLink): boolean {
  const candidates = (link: StoredLink) => JSON.stringify((link.linkCandidates ?? []).map((candidate) => [candidate.householdId, candidate.method, candidate.confidence]));
  return (
    (a.householdId ?? null) === (b.householdId ?? null) && a.linkStatus === b.linkStatus && (a.linkMethod ?? null) === (b.linkMethod ?? null) &&
    Math.abs(a.linkConfidence - b.linkConfidence) < 1e-9 && candidates(a) === candidates(b)
  );
}

export interface LinkCandidateShape<H> {
  household: H;
  method: HouseholdLinkMethod;
  confidence: number;
  weight: number | null;
  evidence: LinkEvidence[];
}

export interface LinkEvidence extends FieldContribution {
  agrees: boolean;
}

/**
 * The GraphQL type of a review list's candidate, named per subgraph (each owns its review list), with the
 * subgraph's own `Household` reference type.
 */
export function LinkCandidateType<H extends object>(household: ClassType<H>, name: string, description: string) {
  // Named per subgraph, as the candidate is: no personal value, only which field agreed how and what it weighed.
  @ObjectType(`${name}Evidence`, { description: 'One field of the pair as the matcher compared it: the agreement level and its weight.' })
  class LinkEvidenceObject implements LinkEvidence {
    @Field(() => String, { description: 'nationalId, registrationCode, phone, name, commune, birthYear, village, or nameFrequency (the name is shared by other households of the commune).' })
    field!: ContributionField;

    @Field(() => String, {
      description: 'SAME, DIFFERENT, OTHER_KIND (a CMND against a CCCD: says nothing), NEAR (birth year one off); for names EXACT, FOLDED (written without diacritics), ' +
        'TONE_ONLY (only tone marks differ: usually another person), MEMBER (another member\'s or the organisation\'s name), MIDDLE_MISSING, INITIALS, EDIT_ONE, DIFFERENT; ' +
        'for nameFrequency SHARED_BY_n (n households of the commune carry the name) or LOOKALIKES_n (n households of the commune have a name like it), ' +
        'with _MEMBERS_j when j of them carry it by a member only (each counts as the share of the source\'s records that name a member).',
    })
    level!: string;

    @Field(() => Float, { description: 'Bits: positive when the field speaks for the household, negative against, 0 for nothing.' })
    weight!: number;

    @Field(() => Boolean, { description: 'Whether the field speaks for the household.' })
    agrees!: boolean;
  }

  @ObjectType(name, { description })
  class LinkCandidateObject implements LinkCandidateShape<H> {
    // Nullable: the registry being down must not blank the whole review list.
    @Field(() => household, { nullable: true })
    household!: H;

    @Field(() => HouseholdLinkMethod)
    method!: HouseholdLinkMethod;

    @Field(() => Float, { description: 'Probability that the record is this household\'s, from 0 to 1.' })
    confidence!: number;

    @Field(() => Float, { nullable: true, description: 'Match weight in bits (the prior and every field\'s weight); null for candidates found before the scoring model.' })
    weight!: number | null;

    @Field(() => [LinkEvidenceObject], { description: 'Why the candidate ranks where it does: each compared field, strongest first.' })
    evidence!: LinkEvidence[];
  }
  return LinkCandidateObject;
}

/** Stored candidates as review-list candidates, best first as the matcher gave them. */
export function candidatesOf<H>(stored: LinkCandidate[] | null | undefined, household: (id: string) => H): LinkCandidateShape<H>[] {
  return (stored ?? []).map((candidate) => ({
    household: household(candidate.householdId), method: HouseholdLinkMethod[candidate.method], confidence: candidate.confidence, weight: candidate.weight ?? null,
    evidence: (candidate.contributions ?? []).map((part) => ({ ...part, agrees: part.weight > 0 })).sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)),
  }));
}
