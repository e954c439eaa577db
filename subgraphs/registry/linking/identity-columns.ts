import { nationalIdHash } from '../../../platform/identity/normalise';
import { nameBlockKeys } from '../../../platform/linking/names';

/**
 * The derived columns the matcher searches by. Whatever writes households (the demo loader, the list import, a
 * data generator) fills them from the same fields, so that every household can be found.
 */
export function householdIdentityColumns(household: { headName: string; nationalId?: string | null; communeCode: string }): {
  nationalIdHash: string | null;
  nameBlocks: string[];
} {
  return {
    nationalIdHash: household.nationalId ? nationalIdHash(household.nationalId) : null,
    nameBlocks: nameBlockKeys(household.communeCode, household.headName),
  };
}
