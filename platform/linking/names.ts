import { foldVietnamese, normaliseText } from '../identity/normalise';

/**
 * Comparing people's names as different sources write them: with or without diacritics, family name first or
 * last ("Nguyễn Văn An", "An Nguyen Van"), a letter wrong or missing, the middle name left out.
 */

/** How alike two names are, best first. */
export enum NameLikeness {
  /** The same words with the same diacritics, in any order. */
  EXACT = 'EXACT',
  /** The same words once diacritics and case are dropped ("Nguyen Van An" for "Nguyễn Văn An"). */
  FOLDED = 'FOLDED',
  /** One word differs by one letter (typed wrong, missing, extra, two swapped), or one word is missing. */
  CLOSE = 'CLOSE',
  DIFFERENT = 'DIFFERENT',
}

/** Lower-case NFC words, sorted: compares names whatever their word order. */
export function nameWords(name: string): string[] {
  // Vietnamese has no locale-specific case rules, so the plain (faster) lower-casing is right.
  return normaliseText(name).toLowerCase().split(' ').filter(Boolean).sort();
}

/** Folded words (no diacritics), sorted. */
export function foldedNameWords(name: string): string[] {
  return foldVietnamese(name).split(' ').filter(Boolean).sort();
}

/** A name taken apart once, for comparing it with many others. */
export interface PreparedName {
  exact: string;
  folded: string[];
}

export function prepareName(name: string): PreparedName {
  return { exact: nameWords(name).join(' '), folded: foldedNameWords(name) };
}

export function compareNames(a: string | PreparedName, b: string | PreparedName): NameLikeness {
  const left = typeof a === 'string' ? prepareName(a) : a;
  const right = typeof b === 'string' ? prepareName(b) : b;
  if (left.exact !== '' && left.exact === right.exact) return NameLikeness.EXACT;
  const foldedA = left.folded;
  const foldedB = right.folded;
  if (foldedA.length === 0 || foldedB.length === 0) return NameLikeness.DIFFERENT;
  const [leftA, leftB] = withoutCommonWords(foldedA, foldedB);
  if (leftA.length === 0 && leftB.length === 0) return NameLikeness.FOLDED;
  // One word typed differently, the others the same (at least one other: one-word names are too weak for this).
  const shorter = Math.min(foldedA.length, foldedB.length);
  if (leftA.length === 1 && leftB.length === 1 && shorter >= 2 && editDistanceAtMostOne(leftA[0], leftB[0])) return NameLikeness.CLOSE;
  // A missing middle name: everything else agrees and at least two words remain on the shorter side.
  if (leftA.length + leftB.length === 1 && shorter >= 2) return NameLikeness.CLOSE;
  return NameLikeness.DIFFERENT;
}

/**
 * Keys under which a name is filed so that any name at most CLOSE to it shares at least one key: the folded,
 * sorted words, and the same with each word left out in turn. One wrong word (or one missing) leaves the others
 * intact, so two such names always share the key that leaves that word out. Prefixed with the commune, as
 * names are only compared within one commune.
 */
export function nameBlockKeys(communeCode: string, name: string): string[] {
  const words = foldedNameWords(name);
  if (words.length === 0) return [];
  const keys = new Set([words.join(' ')]);
  if (words.length >= 2) words.forEach((_, index) => keys.add(words.filter((__, other) => other !== index).join(' ')));
  return [...keys].map((key) => `${communeCode}:${key}`);
}

/** The words left on each side once the words both names share (as many times as both have them) are removed. */
function withoutCommonWords(a: string[], b: string[]): [string[], string[]] {
  const remaining = [...b];
  const onlyA: string[] = [];
  for (const word of a) {
    const index = remaining.indexOf(word);
    if (index >= 0) remaining.splice(index, 1);
    else onlyA.push(word);
  }
  return [onlyA, remaining];
}

/** Damerau-Levenshtein distance <= 1: equal, or one letter substituted, inserted, deleted, or two adjacent swapped. */
export function editDistanceAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  if (a.length === b.length) {
    if (a.slice(start + 1) === b.slice(start + 1)) return true;
    return a[start] === b[start + 1] && a[start + 1] === b[start] && a.slice(start + 2) === b.slice(start + 2);
  }
  const [longer, shorterWord] = a.length > b.length ? [a, b] : [b, a];
  return longer.slice(start + 1) === shorterWord.slice(start);
}
