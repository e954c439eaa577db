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
 * A year of birth from "1978" or a date of birth ("15/08/1978", "1978-08-15": XLSX dates are read as the latter),
 * between 1900 and this year; null for anything else (a problem to report, never a guess).
 */
export function parseBirthYear(text: string, now = new Date()): number | null {
  const year = text.trim().match(/^(?:\d{1,2}[/.-]\d{1,2}[/.-])?(\d{4})(?:-\d{2}-\d{2})?$/)?.[1];
  if (!year || Number(year) < 1900 || Number(year) > now.getUTCFullYear()) return null;
  return Number(year);
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

/*
 * Text and numbers every import and API checks before anything reaches SQL: one place, so a CSV cell, an EPCIS
 * field and a GraphQL argument are refused with the same words.
 */

/** C0/C1 controls (tab and line breaks aside) and the bidirectional marks that make text display unlike it is stored. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** UTF-8 Vietnamese read as Windows-1252/1258 (Ã¡, Ä‘, Æ°, á»): the file was decoded with the wrong encoding. */
const MOJIBAKE = /Ã[\u00A0-\u00BF]|Ä[\u0090-\u0091]|Æ[\u00A0-\u00B0]|á[\u00BA\u00BB][\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u2013-\u2122]/u;

export interface TextRules {
  /** Longest text the column holds, in characters. */
  maxLength?: number;
  /** Free text may hold tabs and line breaks; names and codes may not. */
  multiline?: boolean;
}

/** What is wrong with a text value, in words for the person who wrote it; undefined when it is fine. */
export function textProblem(text: string, rules: TextRules = {}): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL byte (U+0000), which text cannot hold; remove it';
  // Encoding first: text decoded with the wrong table also shows C1 controls, and the cure is the encoding.
  if (text.includes('\uFFFD')) return 'contains bytes that are not UTF-8 (shown as "\uFFFD"): save the file as UTF-8 (it may be in Windows-1258 or TCVN3)';
  if (MOJIBAKE.test(text)) return 'looks like UTF-8 text that was read as Windows-1258/1252 (such as "Há»£p tÃ¡c xÃ£"): save the file as UTF-8 and send it again';
  const control = CONTROL.exec(text) ?? (rules.multiline ? null : LINE_BREAK_OR_TAB.exec(text));
  if (control) return `contains the control character ${codePoint(control[0])} at position ${control.index + 1}; remove it`;
  const bidi = BIDI.exec(text);
  if (bidi) return `contains the direction mark ${codePoint(bidi[0])} at position ${bidi.index + 1}, which makes the text display differently from what is stored; remove it`;
  if (rules.maxLength !== undefined && [...text].length > rules.maxLength) {
    return `is ${[...text].length} characters long; at most ${rules.maxLength} are allowed`;
  }
  return undefined;
}

export interface NumberRules {
  min?: number;
  max?: number;
}

/** What is wrong with a number (not finite, out of range); undefined when it is fine. */
export function numberProblem(value: number, rules: NumberRules = {}): string | undefined {
  if (!Number.isFinite(value)) return `${String(value)} is not a finite number`;
  if (rules.min !== undefined && value < rules.min) return `${value} is below the smallest allowed value, ${rules.min}`;
  if (rules.max !== undefined && value > rules.max) return `${value} is above the largest allowed value, ${rules.max}`;
  return undefined;
}

/** The text problems of every string in a JSON value (keys too), each with its dotted path: "data.seller.name". */
export function jsonTextProblems(value: unknown, path: string, rules: TextRules = { multiline: true }): { path: string; problem: string }[] {
  if (typeof value === 'string') {
    const problem = textProblem(value, rules);
    return problem ? [{ path, problem }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => jsonTextProblems(item, `${path}[${index}]`, rules));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const problem = textProblem(key, { maxLength: 256 });
    return problem ? [{ path, problem: `has a field name that ${problem}` }] : jsonTextProblems(item, `${path}.${key}`, rules);
  });
}

function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
