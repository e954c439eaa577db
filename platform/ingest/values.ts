import { foldVietnamese } from '../identity/normalise';

/** Cell values as Vietnamese officials write them: yes/no marks, dates, labels for coded values. */

const YES = new Set(['co', 'x', 'v', 'yes', 'y', 'true', '1', 'da', 'roi', 'da co', 'co roi', 'dat', 'ok']);
const NO = new Set(['khong', 'k', 'ko', 'no', 'n', 'false', '0', 'chua', 'chua co', 'khong co', '-']);

/**
 * "Có", "x", "Đã", "1" -> true; "Không", "Chưa", "0" -> false; an empty cell -> false; a phrase that starts with
 * đã/có or chưa/không says which ("Đã tập huấn", "Chưa mở"); anything else -> null.
 */
export function parseYesNo(text: string): boolean | null {
  const trimmed = text.trim();
  if (trimmed === '') return false;
  // A tick mark is a yes too.
  if (/^[✓✔☑]$/u.test(trimmed)) return true;
  const folded = foldVietnamese(trimmed);
  if (YES.has(folded)) return true;
  if (NO.has(folded)) return false;
  const firstWord = folded.split(' ')[0];
  if (firstWord === 'da' || firstWord === 'co') return true;
  if (firstWord === 'chua' || firstWord === 'khong') return false;
  return null;
}

/**
 * A calendar day as YYYY-MM-DD from the forms spreadsheets and people produce: 2025-08-15, 15/08/2025, 15/8/2025,
 * 15-08-2025, 15.08.2025 (day first, as in Vietnam). Null when it is not a real date.
 */
export function parseDay(text: string): string | null {
  const trimmed = text.trim();
  let year: number, month: number, day: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  if (match) [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
    if (!match) return null;
    [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * A lookup of coded values by the labels people write for them, compared folded (case, diacritics, punctuation
 * ignored): `labelLookup({ COOPERATIVE: ['Hợp tác xã', 'HTX'] })('hop tac xa')` -> 'COOPERATIVE'. The codes
 * themselves are accepted too.
 */
export function labelLookup<Code extends string>(labels: Record<Code, string[]>): (text: string) => Code | undefined {
  const byFolded = new Map<string, Code>();
  for (const [code, names] of Object.entries(labels) as [Code, string[]][]) {
    for (const name of [code, ...names]) byFolded.set(foldVietnamese(name), code);
  }
  return (text) => byFolded.get(foldVietnamese(text));
}
