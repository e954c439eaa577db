import type { SeededRandom } from './random';

/** Vietnamese personal data in the real formats (used for the personal fields the registry protects). */

const FAMILY_NAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Hà', 'Đinh'];
const MALE_MIDDLE = ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Công'];
const FEMALE_MIDDLE = ['Thị', 'Thu', 'Ngọc', 'Thanh', 'Kim'];
const MALE_GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hùng', 'Khánh', 'Long', 'Nam', 'Phong', 'Quân', 'Sơn', 'Thắng', 'Tuấn', 'Việt'];
const FEMALE_GIVEN = ['Anh', 'Hà', 'Hạnh', 'Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'Nga', 'Phương', 'Tâm', 'Thảo', 'Trang', 'Yến'];
const MOBILE_PREFIXES = ['32', '33', '34', '35', '36', '37', '38', '39', '86', '96', '97', '98', '81', '82', '83', '84', '85', '88', '91', '94', '70', '76', '77', '78', '79', '89', '90', '93', '56', '58'];
const VILLAGE_WORDS = ['Thôn', 'Ấp', 'Bản', 'Xóm', 'Tổ dân phố'];

export interface Person {
  fullName: string;
  female: boolean;
  birthYear: number;
}

export function person(random: SeededRandom): Person {
  const female = random.chance(0.42);
  const fullName = [
    random.pick(FAMILY_NAMES),
    random.pick(female ? FEMALE_MIDDLE : MALE_MIDDLE),
    random.pick(female ? FEMALE_GIVEN : MALE_GIVEN),
  ].join(' ');
  return { fullName, female, birthYear: random.int(1955, 1998) };
}

/**
 * The other adults of a household as a registry lists them: usually a spouse (who keeps his or her own family
 * name, as Vietnamese do), sometimes a grown child carrying the head's family name.
 */
export function householdMembers(random: SeededRandom, head: Person): { name: string; birthYear: number }[] {
  const members: { name: string; birthYear: number }[] = [];
  if (random.chance(0.85)) {
    let spouse = person(random);
    while (spouse.female === head.female) spouse = person(random);
    members.push({ name: spouse.fullName, birthYear: Math.min(2000, Math.max(1950, head.birthYear + random.int(-6, 6))) });
  }
  if (head.birthYear < 1975 && random.chance(0.3)) {
    const child = person(random);
    members.push({ name: [head.fullName.split(' ')[0], ...child.fullName.split(' ').slice(1)].join(' '), birthYear: head.birthYear + random.int(22, 32) });
  }
  return members;
}

/** A member of a generated household as a list writes it: relation in Vietnamese ("vợ", "con"...). */
export interface ListedMember {
  name: string;
  relation: string;
  birthYear: number;
}

/**
 * A household as the commune's list knows it (for generated registries): a spouse for most heads, 0 to 3 children
 * born to the mother between 20 and 38 (none after 2024) carrying the father's family name, and now and then a
 * parent of the head living with them.
 */
export function householdFamily(random: SeededRandom, head: Person): ListedMember[] {
  const members: ListedMember[] = [];
  let spouse: Person | undefined;
  if (random.chance(0.85)) {
    spouse = person(random);
    while (spouse.female === head.female) spouse = person(random);
    spouse.birthYear = Math.min(2000, Math.max(1950, head.birthYear + (head.female ? random.int(-2, 8) : random.int(-8, 2))));
    members.push({ name: spouse.fullName, relation: head.female ? 'chồng' : 'vợ', birthYear: spouse.birthYear });
  }
  const father = head.female ? spouse : head;
  const mother = head.female ? head : spouse;
  const familyName = (father ?? head).fullName.split(' ')[0];
  const children = random.weighted([[0, 15], [1, 25], [2, 40], [3, 20]] as const);
  for (let index = 0; index < children; index++) {
    const birthYear = (mother ?? head).birthYear + random.int(20, 38);
    if (birthYear > 2024) continue;
    const child = person(random);
    members.push({ name: [familyName, ...child.fullName.split(' ').slice(1)].join(' '), relation: 'con', birthYear });
  }
  if (head.birthYear >= 1970 && random.chance(0.08)) {
    const parent = person(random);
    members.push({
      name: parent.female ? parent.fullName : [head.fullName.split(' ')[0], ...parent.fullName.split(' ').slice(1)].join(' '),
      relation: parent.female ? 'mẹ' : 'bố',
      birthYear: head.birthYear - random.int(20, 35),
    });
  }
  return members;
}

/** E.164 Vietnamese mobile number (+84 and nine digits). */
export function mobilePhone(random: SeededRandom): string {
  return `+84${random.pick(MOBILE_PREFIXES)}${String(random.int(0, 9_999_999)).padStart(7, '0')}`;
}

/**
 * 12-digit citizen ID (CCCD): 3-digit province of birth, 1 digit for sex and century, 2 digits of the
 * birth year, 6 random digits.
 */
export function nationalId(random: SeededRandom, who: Person, provinceCode: string): string {
  const centuryAndSex = (who.birthYear >= 2000 ? 2 : 0) + (who.female ? 1 : 0);
  return `0${provinceCode}${centuryAndSex}${String(who.birthYear % 100).padStart(2, '0')}${String(random.int(0, 999_999)).padStart(6, '0')}`;
}

export function streetAddress(random: SeededRandom, communeFullName: string): string {
  return `${random.pick(VILLAGE_WORDS)} ${random.int(1, 12)}, ${communeFullName}`;
}

/**
 * Names at national scale, by how common they are: about 38% of Vietnamese are Nguyễn, 11% Trần, 9% Lê... Regions
 * add the family names of their ethnic minorities (Tày, Thái, Hmông in the north; Khmer in the Mekong delta) and the
 * Central Highlands the Ê Đê and Jrai naming pattern (Y for men, H' for women, family name last).
 */
const NATIONAL_FAMILY_NAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 380], ['Trần', 110], ['Lê', 95], ['Phạm', 70], ['Hoàng', 30], ['Huỳnh', 21], ['Phan', 45], ['Vũ', 20], ['Võ', 19],
  ['Đặng', 21], ['Bùi', 20], ['Đỗ', 14], ['Hồ', 13], ['Ngô', 13], ['Dương', 10], ['Lý', 5], ['Đinh', 6], ['Trương', 6],
  ['Đoàn', 5], ['Lâm', 4], ['Mai', 4], ['Tạ', 3], ['Cao', 3], ['Lương', 3], ['Hà', 4], ['Thái', 2], ['Châu', 2], ['Trịnh', 3],
  ['Chu', 2], ['Kiều', 1], ['Quách', 1], ['Tô', 2],
];
const REGIONAL_FAMILY_NAMES: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  'northern-midlands-and-mountains': [['Lò', 25], ['Quàng', 12], ['Lường', 15], ['Cầm', 8], ['Giàng', 20], ['Thào', 15], ['Sùng', 12], ['Vàng', 12], ['Hầu', 6], ['Nông', 30], ['Lục', 8], ['Ma', 6]],
  'mekong-delta': [['Thạch', 12], ['Sơn', 10], ['Kim', 8], ['Danh', 8]],
};
const HIGHLANDS_FAMILY_NAMES = ['Niê', 'Mlô', 'Ksor', 'Siu', 'Rơ Châm', 'Êban', 'Byă', 'Kpă'];
const HIGHLANDS_MALE_GIVEN = ['Bhin', 'Kông', 'Wang', 'Sô', 'Dhăm', 'Blư', 'Thuột', 'Jrang'];
const HIGHLANDS_FEMALE_GIVEN = ['Hen', 'Luyên', 'Bia', 'Mai', 'Nga', 'Yơn', 'Dung', 'Hoa'];
const NATIONAL_MALE_MIDDLE: readonly (readonly [string, number])[] = [['Văn', 50], ['Đức', 8], ['Minh', 8], ['Quang', 6], ['Hữu', 6], ['Công', 5], ['Ngọc', 4], ['Thanh', 4], ['Xuân', 4], ['Đình', 5], ['Trọng', 3], ['Quốc', 3]];
const NATIONAL_FEMALE_MIDDLE: readonly (readonly [string, number])[] = [['Thị', 60], ['Thu', 6], ['Ngọc', 6], ['Thanh', 5], ['Kim', 4], ['Bích', 3], ['Mỹ', 3], ['Hồng', 4], ['Thúy', 3]];
const NATIONAL_MALE_GIVEN = [...MALE_GIVEN, 'Hiếu', 'Huy', 'Hoàng', 'Thành', 'Trung', 'Tâm', 'Phúc', 'Lợi', 'Tài', 'Đạt', 'Định', 'Toàn', 'Kiên', 'Lâm', 'Mạnh', 'Nghĩa', 'Quý', 'Sang', 'Tiến', 'Vinh'];
const NATIONAL_FEMALE_GIVEN = [...FEMALE_GIVEN, 'Dung', 'Hằng', 'Hiền', 'Huệ', 'Loan', 'Lụa', 'Nhung', 'Oanh', 'Tuyết', 'Xuân', 'Vân', 'Thủy', 'Thơm', 'Liên', 'Hồng', 'Ngân'];

/** Draws names of one region by their frequency; build once per region, draw millions of times. */
export class NamePool {
  private readonly family: WeightedTable<string>;
  private readonly maleMiddle = new WeightedTable(NATIONAL_MALE_MIDDLE);
  private readonly femaleMiddle = new WeightedTable(NATIONAL_FEMALE_MIDDLE);
  private readonly highlands: boolean;

  constructor(regionKey: string) {
    this.family = new WeightedTable([...NATIONAL_FAMILY_NAMES, ...(REGIONAL_FAMILY_NAMES[regionKey] ?? [])]);
    this.highlands = regionKey === 'central-highlands';
  }

  person(random: SeededRandom): Person {
    const female = random.chance(0.42);
    const birthYear = random.int(1950, 2000);
    if (this.highlands && random.chance(0.12)) {
      const given = random.pick(female ? HIGHLANDS_FEMALE_GIVEN : HIGHLANDS_MALE_GIVEN);
      return { fullName: `${female ? `H'${given}` : `Y ${given}`} ${random.pick(HIGHLANDS_FAMILY_NAMES)}`, female, birthYear };
    }
    const fullName = [
      this.family.draw(random),
      (female ? this.femaleMiddle : this.maleMiddle).draw(random),
      random.pick(female ? NATIONAL_FEMALE_GIVEN : NATIONAL_MALE_GIVEN),
    ].join(' ');
    return { fullName, female, birthYear };
  }
}

/** Cumulative weights, searched by bisection: `SeededRandom.weighted` re-adds the weights at every draw. */
export class WeightedTable<T> {
  private readonly values: T[];
  private readonly cumulative: number[];

  constructor(choices: readonly (readonly [T, number])[]) {
    if (!choices.length) throw new Error('A weighted table needs at least one choice');
    this.values = choices.map(([value]) => value);
    let sum = 0;
    this.cumulative = choices.map(([, weight]) => (sum += weight));
  }

  draw(random: SeededRandom): T {
    const roll = random.next() * this.cumulative[this.cumulative.length - 1];
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (roll < this.cumulative[middle]) high = middle;
      else low = middle + 1;
    }
    return this.values[low];
  }
}

/** Mobile numbers in use: ten million per network prefix. */
export const MOBILE_NUMBER_SPACE = MOBILE_PREFIXES.length * 10_000_000;

/**
 * The `serial`-th mobile number of a permutation of all numbers (+84 and nine digits): distinct serials give
 * distinct numbers that still look random, so millions of generated households never share one by accident.
 */
export function mobilePhoneOf(serial: number): string {
  // Multiplying by a number coprime with the space (2^8 3 5^8), modulo the space, is a bijection; the product stays
  // below 2^53 for every serial in the space.
  const index = (serial * 7_919_113 + 40_503) % MOBILE_NUMBER_SPACE;
  return `+84${MOBILE_PREFIXES[Math.floor(index / 10_000_000)]}${String(index % 10_000_000).padStart(7, '0')}`;
}

/**
 * A 12-digit CCCD whose last six digits are the `serial`-th of a permutation of 000000-999999: distinct serials
 * within one (province of birth, sex, birth year) give distinct numbers.
 */
export function nationalIdOf(who: Person, provinceCode: string, serial: number): string {
  const centuryAndSex = (who.birthYear >= 2000 ? 2 : 0) + (who.female ? 1 : 0);
  const digits = (serial * 387_403 + 91_199) % 1_000_000;
  return `0${provinceCode}${centuryAndSex}${String(who.birthYear % 100).padStart(2, '0')}${String(digits).padStart(6, '0')}`;
}
