import type { FieldContribution } from './scoring';

/**
 * The contract for linking a record of another source (a census record, a marketplace shop) to the registry
 * household it belongs to. The registry implements the matching; the other subgraphs only send evidence.
 */

/** What a source knows of a household (or of the person who answered for it); the ID number only hashed. */
export interface IdentityEvidence {
  nationalIdHash?: string | null;
  /** Which kind of number was hashed (12-digit CCCD, old 9-digit CMND): a CMND is never "another person's CCCD". */
  nationalIdKind?: 'CCCD' | 'CMND' | null;
  /** A cooperative's or business household's registration or tax code (digits only). */
  registrationCode?: string | null;
  /** E.164, see `normalisePhone()`. */
  phone?: string | null;
  /** The head's name, a member's, or an organisation's own name. */
  name?: string | null;
  /** Current (2025) five-digit commune code, see `resolveCommune()`. */
  communeCode?: string | null;
  /** The named person's year of birth. */
  birthYear?: number | null;
  /** Village, hamlet (thôn, ấp, bản, xóm), as written. */
  village?: string | null;
}

export type LinkMethod = 'NATIONAL_ID' | 'PHONE' | 'NAME_AND_COMMUNE';

/** LINKED: confident enough to use; REVIEW: an official must settle it; UNLINKED: no plausible household. */
export type LinkStatus = 'LINKED' | 'REVIEW' | 'UNLINKED';

export interface LinkCandidate {
  householdId: string;
  /** The strongest agreeing evidence. */
  method: LinkMethod;
  /** Probability of the pair, 0 to 1. */
  confidence: number;
  /** Match weight in bits (prior included). */
  weight?: number;
  /** Each field's agreement level and weight: why the candidate ranks where it does. */
  contributions?: FieldContribution[];
}

export interface HouseholdMatch {
  /** The chosen household when LINKED, else null. */
  householdId: string | null;
  method: LinkMethod | null;
  confidence: number;
  status: LinkStatus;
  /** Best candidates first (for the review list). */
  candidates: LinkCandidate[];
}

export interface HouseholdMatcher {
  /** Matches a batch in one round trip; answers in the order of the evidence. */
  match(evidence: IdentityEvidence[]): Promise<HouseholdMatch[]>;
}
