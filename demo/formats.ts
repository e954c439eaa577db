import type { SeededRandom } from './random';

/** Identifiers and dates in the formats the sources use, shared by the demo data set and the national generator. */

/** A GTIN-13 under Vietnam's GS1 prefix 893, with its check digit. */
export function gtin13(random: SeededRandom): string {
  const body = `893${String(random.int(0, 9999)).padStart(4, '0')}${String(random.int(0, 99999)).padStart(5, '0')}`;
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** A version-4-shaped UUID, one hex digit per draw (the demo data set's ids depend on this exact sequence). */
export function uuidFrom(random: SeededRandom): string {
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** The same shape as `uuidFrom` from four 32-bit draws: the generator makes tens of millions of them. */
export function fastUuid(random: SeededRandom): string {
  const a = hex8(random);
  const b = hex8(random);
  const c = hex8(random);
  const d = hex8(random);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-a${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hex8(random: SeededRandom): string {
  const word = Math.floor(random.next() * 4294967296);
  return HEX_BYTES[word >>> 24] + HEX_BYTES[(word >>> 16) & 0xff] + HEX_BYTES[(word >>> 8) & 0xff] + HEX_BYTES[word & 0xff];
}

export function date(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Local Vietnam time (UTC+7) as a UTC ISO timestamp. */
export function timestamp(year: number, month: number, day: number, hour: number): string {
  return new Date(Date.UTC(year, month - 1, day, hour - 7)).toISOString();
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
