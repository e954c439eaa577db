import { labelLookup, parseBirthYear, type Parsed } from '../../../platform/ingest/values';
import { normalisePersonName } from '../../../platform/identity/normalise';
import type { HouseholdMember, HouseholdRelation } from '../entities/household';
import { birthYearOfCccd } from '../linking/identity-columns';

/**
 * The household list's evidence of who lives in a household, as the registry and the census know it: the head's
 * birth year ("Năm sinh chủ hộ") and the other members ("Thành viên hộ": `name; relation; birth year` entries
 * separated by `|`). The matcher weighs both when a census record or a shop names the head or a member.
 */

/** Relations as lists write them; stored as codes. "Ba" (father in the south) would fold into "bà": left out. */
export const householdRelationOf = labelLookup<HouseholdRelation>({
  SPOUSE: ['vợ', 'chồng', 'vợ/chồng'],
  CHILD: ['con', 'con trai', 'con gái', 'con đẻ', 'con nuôi'],
  PARENT: ['bố', 'mẹ', 'cha', 'má', 'bố đẻ', 'mẹ đẻ'],
  SIBLING: ['anh', 'chị', 'em', 'anh trai', 'chị gái', 'em trai', 'em gái'],
  GRANDCHILD: ['cháu', 'cháu nội', 'cháu ngoại'],
  OTHER: ['khác', 'con dâu', 'con rể', 'ông', 'bà'],
});

const RELATION_WORDS = 'vợ, chồng, con, bố, mẹ, anh, chị, em, cháu, khác';

/**
 * "Năm sinh chủ hộ": a year or a date of birth. When the ID number is a CCCD, whose digits 4-6 encode the
 * century and year of birth, the two must agree (the message never repeats the number: it is personal data).
 */
export function readHeadBirthYear(text: string, nationalId: string | undefined, idHeader: string): Parsed<number | null> {
  if (!text) return { value: null };
  const year = parseBirthYear(text);
  if (year === null) return { problem: `"${text}" is not a year of birth (e.g. 1978 or 15/08/1978)` };
  const encoded = nationalId ? birthYearOfCccd(nationalId) : null;
  if (encoded !== null && encoded !== year) {
    return { problem: `${year} is not the birth year the CCCD in column "${idHeader}" encodes (its 4th to 6th digits); check both` };
  }
  return { value: year };
}

/**
 * "Thành viên hộ": `Lê Thị Mai; vợ; 1978 | Nguyễn Văn Nam; con; 2001`. The birth year may be left out (the list
 * may not know it); the name and the relation may not. Every bad entry is named, so that one pass fixes them all.
 */
export function readMembers(text: string): Parsed<HouseholdMember[] | null> {
  if (!text.trim()) return { value: null };
  const members: HouseholdMember[] = [];
  const problems: string[] = [];
  for (const entry of text.split('|').map((part) => part.trim())) {
    if (!entry) continue;
    const parts = entry.split(';').map((part) => part.trim());
    const bad = (why: string) => problems.push(`entry "${entry}": ${why}`);
    if (parts.length < 2 || parts.length > 3) {
      bad('write each member as "name; relation; birth year", members separated by |');
      continue;
    }
    const name = normalisePersonName(parts[0]);
    const relation = householdRelationOf(parts[1]);
    const birthYear = parts[2] ? parseBirthYear(parts[2]) : null;
    if (!name || !/\p{L}/u.test(name) || /\d/.test(name)) bad(name ? `"${name}" is not a person's name` : 'the name is empty');
    else if (!relation) bad(`"${parts[1]}" is not a relation; write one of: ${RELATION_WORDS}`);
    else if (parts[2] && birthYear === null) bad(`"${parts[2]}" is not a year of birth (e.g. 1978)`);
    else members.push({ name, relation, birthYear });
  }
  if (problems.length > 0) return { problem: problems.join('; ') };
  return { value: members.length > 0 ? members : null };
}

/** "Lê Thị Mai; vợ; 1978 | ...": the members as the column writes them (the generator and the samples use it). */
export function formatMembers(members: { name: string; relation: string; birthYear: number | null }[]): string {
  return members.map((member) => [member.name, member.relation, ...(member.birthYear ? [String(member.birthYear)] : [])].join('; ')).join(' | ');
}
