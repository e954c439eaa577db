/**
 * The contract for linking a record of another source (a census record, a marketplace shop) to the registry
 * household it belongs to. The registry implements the matching; the other subgraphs only send evidence.
 */

/** What a source knows of a household's head; the ID number only as `nationalIdHash()`, never in clear. */
export interface IdentityEvidence {
  nationalIdHash?: string | null;
  /** E.164, see `normalisePhone()`. */
  phone?: string | null;
  name?: string | null;
  /** Current (2025) five-digit commune code, see `resolveCommune()`. */
  communeCode?: string | null;
}

export type LinkMethod = 'NATIONAL_ID' | 'PHONE' | 'NAME_AND_COMMUNE';

/** LINKED: confident enough to use; REVIEW: an official must settle it; UNLINKED: no plausible household. */
export type LinkStatus = 'LINKED' | 'REVIEW' | 'UNLINKED';

export interface LinkCandidate {
  householdId: string;
  method: LinkMethod;
  /** 0 to 1. */
  confidence: number;
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
