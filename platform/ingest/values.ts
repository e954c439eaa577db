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

/** A calendar day as YYYY-MM-DD (see parseCalendarDate), or null when it is not one. */
export function parseDay(text: string): string | null {
  const parsed = parseCalendarDate(text);
  return 'value' in parsed ? parsed.value : null;
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

export type Parsed<T> = { value: T } | { problem: string };

/**
 * A calendar day as YYYY-MM-DD from "20/06/2025", "20-06-2025", "20.06.2025", "2025-06-20" (XLSX dates are
 * already read as the latter). Day first, as Vietnamese forms write it; the day must exist.
 */
export function parseCalendarDate(text: string): Parsed<string> {
  const trimmed = text.trim();
  let parts: [number, number, number] | undefined;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dayFirst) parts = [Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1])];
  if (!parts) return { problem: `"${trimmed}" is not a date; write it as day/month/year, e.g. 20/06/2025` };
  const [year, month, day] = parts;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { problem: `"${trimmed}" is not a day of the calendar (day/month/year)` };
  }
  return { value: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

/**
 * A decimal number written with a decimal comma ("12,5"), a decimal point ("12.5") or both with thousands
 * separators ("1.234,5" or "1,234.5").
 */
export function parseDecimal(text: string): Parsed<number> {
  const written = text.trim();
  const trimmed = written.replace(/\s/g, '');
  let normalised = trimmed;
  if (trimmed.includes(',') && trimmed.includes('.')) {
    // The separator that comes last is the decimal one.
    normalised = trimmed.lastIndexOf(',') > trimmed.lastIndexOf('.') ? trimmed.replace(/\./g, '').replace(',', '.') : trimmed.replace(/,/g, '');
  } else if (trimmed.includes(',')) normalised = trimmed.replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return { problem: `"${written}" is not a number (e.g. 12,5)` };
  return { value: Number(normalised) };
}
