/*
 * Cell values as Vietnamese officials write them in spreadsheets: dates day first, decimal commas. Each parser
 * returns the value, or a problem message in words the person who keeps the file understands.
 */

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
