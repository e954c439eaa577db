/**
 * Personal data shown to an official who must recognise a person without the whole record being displayed
 * (review lists of uncertain links): enough to tell candidates apart, not enough to contact or identify anyone.
 */

/** "Nguyễn Văn An" -> "Nguyễn V. A.": the family name (shared by millions) and the initials of the rest. */
export function maskPersonName(name: string): string {
  const words = name.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  return [words[0], ...words.slice(1).map((word) => `${word.charAt(0)}.`)].join(' ');
}

/** The last `count` digits of a phone number ("+84912345678" -> "678"), or null without one. */
export function phoneLastDigits(phone: string | null | undefined, count = 3): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length >= count ? digits.slice(-count) : null;
}

/** An ID number in a message, by its last three digits only: "…567". */
export function maskIdNumber(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  return digits.length >= 3 ? `the number ending in ${digits.slice(-3)}` : 'the number';
}
