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
