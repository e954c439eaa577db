import { demoDataset } from '../../demo/dataset';
import { foldVietnamese, nationalIdHash } from '../../platform/identity/normalise';
import type { HouseholdMatch, HouseholdMatcher, IdentityEvidence, LinkCandidate } from '../../platform/linking/types';

/**
 * A stand-in for the registry's matcher over the demo households, with the contract's rules: the ID number's hash,
 * then the phone, link; a name in the commune links when it is spelt the same (diacritics and case aside) by one
 * household only, and goes to review when its words are in another order or several households share it.
 * It records the size of every batch it is asked, so tests can tell batches from rows.
 */
export interface RecordingMatcher extends HouseholdMatcher {
  batches: number[];
}

export function demoHouseholdMatcher(): RecordingMatcher {
  const households = demoDataset().households.filter((household) => household.kind !== 'COOPERATIVE');
  const byIdHash = new Map(households.map((household) => [nationalIdHash(household.head.nationalId), household.id]));
  const byPhone = new Map(households.map((household) => [household.head.phone, household.id]));
  const sortedWords = (name: string) => foldVietnamese(name).split(' ').sort().join(' ');
  const batches: number[] = [];
  const linked = (householdId: string, method: LinkCandidate['method'], confidence: number): HouseholdMatch => ({
    householdId, method, confidence, status: 'LINKED', candidates: [{ householdId, method, confidence }],
  });
  const matchOne = (evidence: IdentityEvidence): HouseholdMatch => {
    const byId = evidence.nationalIdHash ? byIdHash.get(evidence.nationalIdHash) : undefined;
    if (byId) return linked(byId, 'NATIONAL_ID', 1);
    const byPhoneId = evidence.phone ? byPhone.get(evidence.phone) : undefined;
    if (byPhoneId) return linked(byPhoneId, 'PHONE', 0.95);
    if (evidence.name && evidence.communeCode) {
      const inCommune = households.filter((household) => household.communeCode === evidence.communeCode);
      const exact = inCommune.filter((household) => foldVietnamese(household.head.fullName) === foldVietnamese(evidence.name!));
      if (exact.length === 1) return linked(exact[0].id, 'NAME_AND_COMMUNE', 0.8);
      const loose = inCommune.filter((household) => sortedWords(household.head.fullName) === sortedWords(evidence.name!));
      if (loose.length) {
        const candidates = loose.map((household) => ({ householdId: household.id, method: 'NAME_AND_COMMUNE' as const, confidence: 0.6 }));
        return { householdId: null, method: 'NAME_AND_COMMUNE', confidence: 0.6, status: 'REVIEW', candidates };
      }
    }
    return { householdId: null, method: null, confidence: 0, status: 'UNLINKED', candidates: [] };
  };
  return {
    batches,
    async match(evidence) {
      batches.push(evidence.length);
      return evidence.map(matchOne);
    },
  };
}
