import { nationalIdHash } from '../platform/identity/normalise';
import { misspell, strangersVillage, writePhone, type LabelledRecord, type Mistake, type RegisteredHead } from './linking-set';
import { mobilePhone, person } from './people';
import { SeededRandom } from './random';

/*
 * A harder labelled set, written apart from linking-set.ts: one group of records per failure the first matcher
 * had on an independent census set (issue 12). Every record carries its commune (today's code), as the census does.
 *   - old-cmnd: the head given by an old 9-digit CMND the registry never saw (it holds the CCCD), with the right
 *     phone, or with name and birth year only;
 *   - member-name: the household written under the spouse's (or another member's) name, with that person's birth
 *     year, sometimes the household's phone;
 *   - middle-name-only: the middle name left out, name and birth year only;
 *   - tone-mark-stranger: someone not registered whose name differs from a head's only by tone marks, name only;
 *   - namesake-other-phone: someone not registered with exactly a head's name, another phone and birth year;
 *   - namesake-name-only: the same with the name alone, which nobody can tell apart: it must never be LINKED.
 */

const TONE_MARKS = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];

export function hardLinkingSet(registered: RegisteredHead[], seed: number): LabelledRecord[] {
  const random = new SeededRandom(seed);
  const villageOf = strangersVillage(registered);
  const records: LabelledRecord[] = [];
  const registeredNames = new Set(registered.map((head) => `${head.communeCode}:${head.headName.normalize('NFC')}`));
  for (const head of registered) {
    const roll = random.next();
    const mistakes: Mistake[] = [];
    // The census asks for the village: most forms give it.
    const village = () => (head.streetAddress && random.chance(0.6) ? head.streetAddress.split(',')[0] : null);
    const strangerVillage = () => (random.chance(0.6) ? villageOf(random, head.communeCode) : null);
    const base = { communeCode: head.communeCode };
    if (roll < 0.1) {
      const withPhone = head.phone !== null && random.chance(0.6);
      records.push({
        evidence: {
          ...base, nationalIdHash: nationalIdHash(cmnd(random)), nationalIdKind: 'CMND', name: misspell(random, head.headName, mistakes),
          phone: withPhone ? writePhone(random, head.phone!, mistakes) : null, birthYear: withPhone ? null : (head.birthYear ?? null), village: village(),
        },
        truth: head.id, kind: 'old-cmnd', mistakes,
      });
    } else if (roll < 0.2 && head.members?.length) {
      const member = random.pick(head.members);
      const withPhone = head.phone !== null && random.chance(0.5);
      records.push({
        evidence: { ...base, name: member.name, birthYear: member.birthYear, phone: withPhone ? head.phone : null, village: village() },
        truth: head.id, kind: 'member-name', mistakes: withPhone ? [] : ['no-phone'],
      });
    } else if (roll < 0.3 && head.headName.split(' ').length >= 3) {
      const words = head.headName.split(' ');
      records.push({
        evidence: { ...base, name: [words[0], ...words.slice(2)].join(' '), birthYear: head.birthYear ?? null, village: village() },
        truth: head.id, kind: 'middle-name-only', mistakes: ['missing-middle-name', 'no-phone', 'no-id'],
      });
    } else if (roll < 0.4) {
      const other = toneVariant(random, head.headName);
      if (other && !registeredNames.has(`${head.communeCode}:${other}`)) {
        records.push({ evidence: { ...base, name: other, village: strangerVillage() }, truth: null, kind: 'tone-mark-stranger', mistakes: [] });
      }
    } else if (roll < 0.5) {
      let birthYear = person(random).birthYear;
      if (birthYear === head.birthYear) birthYear += 3;
      records.push({ evidence: { ...base, name: head.headName, phone: mobilePhone(random), birthYear, village: strangerVillage() }, truth: null, kind: 'namesake-other-phone', mistakes: [] });
    } else if (roll < 0.55) {
      records.push({ evidence: { ...base, name: head.headName }, truth: null, kind: 'namesake-name-only', mistakes: [] });
    }
  }
  return records;
}

/** An old CMND: nine digits. */
function cmnd(random: SeededRandom): string {
  return String(random.int(10_000_000, 399_999_999)).padStart(9, '0');
}

/** The same name with the tone mark of one word changed (or added): "Vũ Quang Hùng" -> "Vũ Quang Hưng" style. */
export function toneVariant(random: SeededRandom, name: string): string | null {
  const words = name.split(' ');
  const index = words.length - 1 - (random.chance(0.7) ? 0 : 1);
  const decomposed = words[index].normalize('NFD');
  const marks = [...decomposed].filter((character) => TONE_MARKS.includes(character));
  let changed: string;
  if (marks.length) {
    const others = TONE_MARKS.filter((mark) => mark !== marks[0]);
    changed = random.chance(0.25) ? decomposed.replace(marks[0], '') : decomposed.replace(marks[0], random.pick(others));
  } else {
    // No tone mark: put one on the first vowel.
    const vowel = decomposed.search(/[aeiouy]/i);
    if (vowel < 0) return null;
    changed = decomposed.slice(0, vowel + 1) + random.pick(TONE_MARKS) + decomposed.slice(vowel + 1);
  }
  words[index] = changed.normalize('NFC');
  const variant = words.join(' ');
  return variant === name ? null : variant;
}
