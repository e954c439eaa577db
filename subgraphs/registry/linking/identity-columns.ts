import { nationalIdHash } from '../../../platform/identity/normalise';
import { nameBlockKeys } from '../../../platform/linking/names';
import type { HouseholdMember } from '../entities/household';

/**
 * The derived columns the matcher searches by. Whatever writes households (the demo loader, the list import, a
 * data generator) fills them from the same fields, so that every household can be found: by the head's name, by
 * a member's, and by an organisation's own name (a cooperative's name is written in a census's head column).
 */
export function householdIdentityColumns(household: {
  headName: string;
  nationalId?: string | null;
  communeCode: string;
  members?: HouseholdMember[] | null;
  organisationName?: string | null;
  /** The head's birth year as a list gives it: used when the ID number does not encode one (a CMND). */
  headBirthYear?: number | null;
}): { nationalIdHash: string | null; nameBlocks: string[]; headBirthYear: number | null } {
  const names = [household.headName, ...(household.members ?? []).map((member) => member.name), ...(household.organisationName ? [household.organisationName] : [])];
  return {
    nationalIdHash: household.nationalId ? nationalIdHash(household.nationalId) : null,
    nameBlocks: [...new Set(names.flatMap((name) => nameBlockKeys(household.communeCode, name)))],
    // The CCCD's encoded year first: a list's own year was checked against it, an older stored one may not be.
    headBirthYear: (household.nationalId ? birthYearOfCccd(household.nationalId) : null) ?? household.headBirthYear ?? null,
  };
}

/** A CCCD's fourth digit gives the century (0-1: 1900s, 2-3: 2000s), the next two the year; a CMND has neither. */
export function birthYearOfCccd(nationalId: string): number | null {
  if (!/^\d{12}$/.test(nationalId)) return null;
  const century = Number(nationalId[3]);
  if (century > 3) return null;
  return (century >= 2 ? 2000 : 1900) + Number(nationalId.slice(4, 6));
}
