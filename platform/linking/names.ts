import { foldVietnamese, normaliseText } from '../identity/normalise';

/**
 * Comparing people's names as different sources write them: with or without diacritics, family name first or
 * last ("Nguyễn Văn An", "An Nguyen Van"), a letter wrong or missing, the middle name left out or given as an
 * initial. A name written with its diacritics is compared with its diacritics: "Vũ Quang Hưng" and "Vũ Quang Hùng"
 * are two names (only a name written without any diacritics is compared folded).
 */

/** How alike two names are, best first. Each level is one agreement level of the scoring model (scoring.ts). */
export enum NameAgreement {
  /** The same words with the same diacritics, in any order. */
  EXACT = 'EXACT',
  /** The same words once folded, and one side is written without any diacritics ("Nguyen Van An"). */
  FOLDED = 'FOLDED',
  /** Both written with diacritics, the same once folded, but the tone marks differ: usually another person. */
  TONE_ONLY = 'TONE_ONLY',
  /** One word (not the given name) missing on one side: "Nguyễn An" for "Nguyễn Văn An". */
  MIDDLE_MISSING = 'MIDDLE_MISSING',
  /** A middle or family name given as its initial: "Nguyễn V. An", "N. V. An". */
  INITIALS = 'INITIALS',
  /** One word off by one letter (typed wrong, missing, doubled, two swapped), the others the same. */
  EDIT_ONE = 'EDIT_ONE',
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
  /** Lower-case words with diacritics, in the order written. */
  words: string[];
  /** Folded words, in the order written (the given name last in the Vietnamese order). */
  foldedWords: string[];
  folded: string[];
  /** `folded` joined: two names with the same key are the same name once folded, in any order. */
  foldedKey: string;
  /** Whether the name carries any diacritic (or đ) at all. */
  marked: boolean;
}

export function prepareName(name: string): PreparedName {
  const words = normaliseText(name).toLowerCase().replace(/\./g, '. ').split(' ').map((word) => word.trim()).filter(Boolean);
  const foldedWords = words.map((word) => foldVietnamese(word)).filter(Boolean);
  const exactWords = [...words].sort();
  const folded = [...foldedWords].sort();
  return { exact: exactWords.join(' '), words, foldedWords, folded, foldedKey: folded.join(' '), marked: foldedWords.join(' ') !== words.map((word) => word.replace(/\.$/, '')).join(' ') };
}

export function compareNames(a: string | PreparedName, b: string | PreparedName): NameAgreement {
  const left = typeof a === 'string' ? prepareName(a) : a;
  const right = typeof b === 'string' ? prepareName(b) : b;
  if (left.folded.length === 0 || right.folded.length === 0) return NameAgreement.DIFFERENT;
  if (left.exact === right.exact) return NameAgreement.EXACT;
  const bothMarked = left.marked && right.marked;
  const sameFolded = left.foldedKey === right.foldedKey;
  if (sameFolded) return bothMarked ? NameAgreement.TONE_ONLY : NameAgreement.FOLDED;
  // Words compared with their diacritics when both sides have them, so that a tone mark never counts as agreement.
  const [onlyLeft, onlyRight] = bothMarked ? withoutCommonWords(left.exact.split(' '), right.exact.split(' ')) : withoutCommonWords(left.folded, right.folded);
  const shorter = Math.min(left.folded.length, right.folded.length);
  const fold = (word: string) => foldVietnamese(word);
  // A word that differs only by its tone marks makes the pair a different name, however the rest agrees.
  if (bothMarked && onlyLeft.some((word) => onlyRight.some((other) => fold(word) === fold(other)))) return NameAgreement.TONE_ONLY;
  if (onlyLeft.length + onlyRight.length === 1 && shorter >= 2) {
    // The missing word must not be the given name (the last word written): "Nguyễn Văn" is not "Nguyễn Văn An".
    const missing = onlyLeft[0] ?? onlyRight[0];
    const fuller = onlyLeft.length ? left : right;
    return fold(missing) === fuller.foldedWords[fuller.foldedWords.length - 1] ? NameAgreement.DIFFERENT : NameAgreement.MIDDLE_MISSING;
  }
  if (onlyLeft.length === onlyRight.length && onlyLeft.length >= 1 && shorter >= 2) {
    const initials = (short: string[], long: string[]) => short.every((word) => /^\p{L}\.?$/u.test(word)) && sameInitials(short.map(fold), long.map(fold));
    if (initials(onlyLeft, onlyRight) || initials(onlyRight, onlyLeft)) return NameAgreement.INITIALS;
  }
  if (onlyLeft.length === 1 && onlyRight.length === 1 && shorter >= 2 && editDistanceAtMostOne(fold(onlyLeft[0]), fold(onlyRight[0]))) return NameAgreement.EDIT_ONE;
  return NameAgreement.DIFFERENT;
}

function sameInitials(initials: string[], words: string[]): boolean {
  const wanted = initials.map((word) => word[0]).sort().join('');
  return wanted === words.map((word) => word[0]).sort().join('');
}

/**
 * Keys under which a name is filed so that any name at most one word away from it shares at least one key: the
 * folded, sorted words, and the same with each word left out in turn. One wrong word (or one missing) leaves the
 * others intact, so two such names always share the key that leaves that word out. Prefixed with the commune, as
 * names are only compared within one commune.
 */
export function nameBlockKeys(communeCode: string, name: string): string[] {
  const words = foldedNameWords(name).filter((word) => word.length > 1);
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
