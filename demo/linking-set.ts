import { nationalIdHash } from '../platform/identity/normalise';
import type { IdentityEvidence } from '../platform/linking/types';
import { resolveCommune } from '../subgraphs/registry/ingest/communes';
import { mobilePhone, nationalId, person } from './people';
import { SeededRandom } from './random';

/**
 * A labelled test set for household linking: records of "another source" (a census form, a seller profile) for
 * registry households, written with the mistakes such sources make, and records of people the registry does not
 * have, some of them namesakes or near-namesakes of registered heads in the same commune. Each record says which
 * household it truly belongs to (or none), so that a matcher's precision and recall can be measured.
 */

export interface RegisteredHead {
  id: string;
  headName: string;
  phone: string | null;
  nationalId: string | null;
  communeCode: string;
  provinceCode: string;
  /** The head's year of birth, when the registry knows it. */
  birthYear?: number | null;
  /** "Thôn 3, Xã ...": the village comes first. */
  streetAddress?: string | null;
  /** Other members as the registry lists them. */
  members?: { name: string; birthYear: number | null }[] | null;
}

export type Mistake =
  | 'no-diacritics' | 'swapped-order' | 'typo' | 'missing-middle-name' | 'upper-case'
  | 'old-commune-name' | 'no-commune' | 'phone-format' | 'other-phone' | 'no-phone' | 'no-id';

export type RecordKind =
  | 'registered' | 'stranger' | 'namesake' | 'near-namesake'
  // The harder set's kinds (linking-hard-set.ts): each a failure the first matcher had.
  | 'old-cmnd' | 'member-name' | 'middle-name-only' | 'tone-mark-stranger' | 'namesake-other-phone' | 'namesake-name-only';

export interface LabelledRecord {
  evidence: IdentityEvidence;
  /** The household the record belongs to; null when the person is not in the registry. */
  truth: string | null;
  kind: RecordKind;
  mistakes: Mistake[];
}

/** How often each thing happens in the other source (shares of records). */
export const LINKING_SET_RATES = {
  /** Registered households that appear in the other source. */
  registeredShare: 0.8,
  /** Records of people the registry does not have, per registered household: strangers, exact namesakes, near-namesakes. */
  strangers: 0.15,
  namesakes: 0.05,
  nearNamesakes: 0.1,
  withId: 0.45,
  withPhone: 0.7,
  /** Census forms ask the respondent's year of birth; most give it. */
  withBirthYear: 0.85,
  /** The village (thôn, ấp, bản) the form was filled in. */
  withVillage: 0.6,
  otherPhone: 0.1,
  phoneFormat: 0.6,
  noDiacritics: 0.3,
  swappedOrder: 0.15,
  typo: 0.15,
  missingMiddleName: 0.05,
  upperCase: 0.1,
  oldCommuneName: 0.4,
  noCommune: 0.03,
} as const;

/** Old communes (before July 2025) that became each demo producing commune, as old lists name them. */
const OLD_COMMUNES: Record<string, { name: string; district: string; province: string }[]> = {
  '07582': [{ name: 'Xã Tân Hoa', district: 'Huyện Lục Ngạn', province: 'Tỉnh Bắc Giang' }, { name: 'Xã Giáp Sơn', district: 'Huyện Lục Ngạn', province: 'Tỉnh Bắc Giang' }, { name: 'Xã Đồng Cốc', district: 'Huyện Lục Ngạn', province: 'Tỉnh Bắc Giang' }],
  '07339': [{ name: 'Xã Cao Xá', district: 'Huyện Tân Yên', province: 'Tỉnh Bắc Giang' }, { name: 'Xã Ngọc Lý', district: 'Huyện Tân Yên', province: 'Tỉnh Bắc Giang' }],
  '06463': [{ name: 'Thị trấn Chi Lăng', district: 'Huyện Chi Lăng', province: 'Tỉnh Lạng Sơn' }],
  '24280': [{ name: "Xã Ea H'đing", district: "Huyện Cư M'gar", province: 'Tỉnh Đắk Lắk' }],
  '24490': [{ name: 'Xã Ea Yông', district: 'Huyện Krông Pắc', province: 'Tỉnh Đắk Lắk' }, { name: 'Xã Hòa An', district: 'Huyện Krông Pắc', province: 'Tỉnh Đắk Lắk' }],
  '31673': [{ name: 'Xã Đại Ân 2', district: 'Huyện Trần Đề', province: 'Tỉnh Sóc Trăng' }, { name: 'Xã Trung Bình', district: 'Huyện Trần Đề', province: 'Tỉnh Sóc Trăng' }],
  '23059': [{ name: 'Xã Thuận Minh', district: 'Huyện Hàm Thuận Bắc', province: 'Tỉnh Bình Thuận' }, { name: 'Xã Hàm Đức', district: 'Huyện Hàm Thuận Bắc', province: 'Tỉnh Bình Thuận' }],
  '18496': [{ name: 'Xã Hương Long', district: 'Huyện Hương Khê', province: 'Tỉnh Hà Tĩnh' }],
  '18313': [{ name: 'Xã Thọ Điền', district: 'Huyện Vũ Quang', province: 'Tỉnh Hà Tĩnh' }],
  '28360': [{ name: 'Xã Hòa Khánh', district: 'Huyện Cái Bè', province: 'Tỉnh Tiền Giang' }],
  '03980': [{ name: 'Xã Chiềng Hắc', district: 'Thị xã Mộc Châu', province: 'Tỉnh Sơn La' }],
};

const TYPO_LETTERS = 'aeiouynhtcgmlr';

export function labelledLinkingSet(registered: RegisteredHead[], seed: number): LabelledRecord[] {
  const random = new SeededRandom(seed);
  const villageOf = strangersVillage(registered);
  const rates = LINKING_SET_RATES;
  const records: LabelledRecord[] = [];
  const usedIds = new Set(registered.flatMap((head) => (head.nationalId ? [head.nationalId] : [])));
  const freshId = (provinceCode: string) => {
    let id = nationalId(random, person(random), provinceCode);
    while (usedIds.has(id)) id = nationalId(random, person(random), provinceCode);
    usedIds.add(id);
    return id;
  };

  for (const head of registered) {
    if (random.chance(rates.registeredShare)) {
      const mistakes: Mistake[] = [];
      const name = misspell(random, head.headName, mistakes);
      let phone: string | null = null;
      if (head.phone && random.chance(rates.withPhone)) {
        if (random.chance(rates.otherPhone)) {
          phone = mobilePhone(random);
          mistakes.push('other-phone');
        } else phone = writePhone(random, head.phone, mistakes);
      } else mistakes.push('no-phone');
      const withId = head.nationalId !== null && random.chance(rates.withId);
      if (!withId) mistakes.push('no-id');
      records.push({
        evidence: {
          nationalIdHash: withId ? nationalIdHash(head.nationalId!) : null, nationalIdKind: withId ? idKind(head.nationalId!) : null, phone, name,
          communeCode: writeCommune(random, head.communeCode, mistakes),
          birthYear: head.birthYear && random.chance(rates.withBirthYear) ? head.birthYear : null,
          village: head.streetAddress && random.chance(rates.withVillage) ? head.streetAddress.split(',')[0] : null,
        },
        truth: head.id,
        kind: 'registered',
        mistakes,
      });
    }
    // People the registry does not have, living in the same commune.
    const others: [RecordKind, number][] = [['stranger', rates.strangers], ['namesake', rates.namesakes], ['near-namesake', rates.nearNamesakes]];
    for (const [kind, share] of others) {
      if (!random.chance(share)) continue;
      const mistakes: Mistake[] = [];
      const name =
        kind === 'stranger' ? person(random).fullName
        : kind === 'namesake' ? head.headName
        : nearNamesake(random, head.headName);
      const withId = random.chance(rates.withId);
      records.push({
        evidence: {
          nationalIdHash: withId ? nationalIdHash(freshId(head.provinceCode)) : null,
          nationalIdKind: withId ? 'CCCD' : null,
          birthYear: random.chance(rates.withBirthYear) ? person(random).birthYear : null,
          village: random.chance(rates.withVillage) ? villageOf(random, head.communeCode) : null,
          phone: random.chance(rates.withPhone) ? writePhone(random, mobilePhone(random), []) : null,
          name: misspell(random, name, mistakes),
          communeCode: writeCommune(random, head.communeCode, mistakes),
        },
        truth: null,
        kind,
        mistakes,
      });
    }
  }
  return records;
}

/**
 * A village for someone of the commune the registry does not have: one of the commune's villages as the registry
 * lists them (a registered household's, drawn at random), so that a stranger shares a village by chance as often
 * as a neighbour would.
 */
export function strangersVillage(registered: RegisteredHead[]): (random: SeededRandom, communeCode: string) => string | null {
  const villages = new Map<string, string[]>();
  for (const head of registered) {
    const village = head.streetAddress?.split(',')[0];
    if (!village) continue;
    const list = villages.get(head.communeCode);
    if (list) list.push(village);
    else villages.set(head.communeCode, [village]);
  }
  return (random, communeCode) => {
    const list = villages.get(communeCode);
    return list ? random.pick(list) : null;
  };
}

export function idKind(nationalId: string): 'CCCD' | 'CMND' {
  return nationalId.length === 9 ? 'CMND' : 'CCCD';
}

/** The commune as the other source writes it (sometimes its old name), resolved to today's code as an importer would. */
export function writeCommune(random: SeededRandom, communeCode: string, mistakes: Mistake[]): string | null {
  if (random.chance(LINKING_SET_RATES.noCommune)) {
    mistakes.push('no-commune');
    return null;
  }
  const old = OLD_COMMUNES[communeCode];
  if (old && random.chance(LINKING_SET_RATES.oldCommuneName)) {
    const written = random.pick(old);
    mistakes.push('old-commune-name');
    const resolved = resolveCommune(written);
    return resolved && !resolved.split ? resolved.units[0].code : null;
  }
  return communeCode;
}

export function writePhone(random: SeededRandom, e164: string, mistakes: Mistake[]): string {
  if (!random.chance(LINKING_SET_RATES.phoneFormat)) return e164;
  mistakes.push('phone-format');
  const national = e164.slice(3);
  return random.pick([`0${national}`, `0${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`, `84${national}`, `(+84) ${national.slice(0, 2)}-${national.slice(2)}`, `0${national.slice(0, 3)}.${national.slice(3, 6)}.${national.slice(6)}`]);
}

export function misspell(random: SeededRandom, name: string, mistakes: Mistake[]): string {
  const rates = LINKING_SET_RATES;
  let words = name.split(' ');
  if (words.length >= 3 && random.chance(rates.missingMiddleName)) {
    words = [words[0], ...words.slice(2)];
    mistakes.push('missing-middle-name');
  }
  if (random.chance(rates.typo)) {
    const index = random.int(0, words.length - 1);
    words[index] = typo(random, words[index]);
    mistakes.push('typo');
  }
  if (random.chance(rates.swappedOrder)) {
    // Given name first, as some forms and foreign-made apps put it.
    words = [words[words.length - 1], ...words.slice(0, -1)];
    mistakes.push('swapped-order');
  }
  let written = words.join(' ');
  if (random.chance(rates.noDiacritics)) {
    written = written.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
    mistakes.push('no-diacritics');
  }
  if (random.chance(rates.upperCase)) {
    written = written.toLocaleUpperCase('vi');
    mistakes.push('upper-case');
  }
  return written;
}

/** One letter wrong, missing, doubled or two swapped. */
function typo(random: SeededRandom, word: string): string {
  const letters = [...word];
  const at = random.int(0, letters.length - 1);
  switch (random.int(0, 3)) {
    case 0:
      letters[at] = random.pick([...TYPO_LETTERS]);
      break;
    case 1:
      if (letters.length > 2) letters.splice(at, 1);
      else letters.push(random.pick([...TYPO_LETTERS]));
      break;
    case 2:
      letters.splice(at, 0, letters[at]);
      break;
    default:
      if (at < letters.length - 1) [letters[at], letters[at + 1]] = [letters[at + 1], letters[at]];
      else letters[at] = random.pick([...TYPO_LETTERS]);
  }
  return letters.join('');
}

/** Another person whose name differs by a little: a given name one letter away, or another given name. */
function nearNamesake(random: SeededRandom, name: string): string {
  const words = name.split(' ');
  const given = words[words.length - 1];
  const replacement = random.chance(0.5) ? typo(random, given) : person(random).fullName.split(' ').pop()!;
  return [...words.slice(0, -1), replacement === given ? `${given}h` : replacement].join(' ');
}

export interface LinkingFigures {
  records: number;
  /** Records of registered households, and of people the registry does not have. */
  registered: number;
  notRegistered: number;
  linked: { count: number; correct: number; wrong: number; precision: number; recall: number };
  review: { count: number; ofRegistered: number; ofNotRegistered: number; containingTruth: number };
  unlinked: { count: number; ofRegistered: number; ofNotRegistered: number };
  /** Registered records linked correctly or sent to review with the right household among the candidates. */
  recallWithReview: number;
  byMethod: Record<string, { linked: number; correct: number; precision: number }>;
  byKind: Partial<Record<RecordKind, { count: number; linked: number; linkedCorrectly: number; review: number; unlinked: number }>>;
  /** Registered records that had this mistake: how many were linked correctly. */
  byMistake: Record<string, { count: number; linkedCorrectly: number; recall: number; review: number }>;
}

/** Compares the matcher's answers with the labels. */
export function scoreLinking(records: LabelledRecord[], matches: { householdId: string | null; method: string | null; status: string; candidates: { householdId: string }[] }[]): LinkingFigures {
  const ratio = (part: number, whole: number) => (whole === 0 ? 1 : Math.round((part / whole) * 10_000) / 10_000);
  const figures: LinkingFigures = {
    records: records.length,
    registered: records.filter((record) => record.truth !== null).length,
    notRegistered: records.filter((record) => record.truth === null).length,
    linked: { count: 0, correct: 0, wrong: 0, precision: 0, recall: 0 },
    review: { count: 0, ofRegistered: 0, ofNotRegistered: 0, containingTruth: 0 },
    unlinked: { count: 0, ofRegistered: 0, ofNotRegistered: 0 },
    recallWithReview: 0,
    byMethod: {},
    byKind: {} as LinkingFigures['byKind'],
    byMistake: {},
  };
  records.forEach((record, index) => {
    const match = matches[index];
    const kind = (figures.byKind[record.kind] ??= { count: 0, linked: 0, linkedCorrectly: 0, review: 0, unlinked: 0 });
    kind.count += 1;
    const correct = match.status === 'LINKED' && match.householdId === record.truth;
    if (match.status === 'LINKED') {
      figures.linked.count += 1;
      kind.linked += 1;
      const method = (figures.byMethod[match.method!] ??= { linked: 0, correct: 0, precision: 0 });
      method.linked += 1;
      if (correct) {
        figures.linked.correct += 1;
        kind.linkedCorrectly += 1;
        method.correct += 1;
      } else figures.linked.wrong += 1;
    } else if (match.status === 'REVIEW') {
      figures.review.count += 1;
      kind.review += 1;
      if (record.truth === null) figures.review.ofNotRegistered += 1;
      else {
        figures.review.ofRegistered += 1;
        if (match.candidates.some((candidate) => candidate.householdId === record.truth)) figures.review.containingTruth += 1;
      }
    } else {
      figures.unlinked.count += 1;
      kind.unlinked += 1;
      if (record.truth === null) figures.unlinked.ofNotRegistered += 1;
      else figures.unlinked.ofRegistered += 1;
    }
    if (record.truth !== null) {
      for (const mistake of record.mistakes) {
        const entry = (figures.byMistake[mistake] ??= { count: 0, linkedCorrectly: 0, recall: 0, review: 0 });
        entry.count += 1;
        if (correct) entry.linkedCorrectly += 1;
        if (match.status === 'REVIEW') entry.review += 1;
      }
    }
  });
  figures.linked.precision = ratio(figures.linked.correct, figures.linked.count);
  figures.linked.recall = ratio(figures.linked.correct, figures.registered);
  figures.recallWithReview = ratio(figures.linked.correct + figures.review.containingTruth, figures.registered);
  for (const method of Object.values(figures.byMethod)) method.precision = ratio(method.correct, method.linked);
  for (const mistake of Object.values(figures.byMistake)) mistake.recall = ratio(mistake.linkedCorrectly, mistake.count);
  return figures;
}
