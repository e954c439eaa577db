import crypto from 'node:crypto';
import { PLATFORM_SECRETS, secretValue } from '../server/secrets';

/**
 * Identity evidence as the sources write it (household lists, census forms, marketplace seller profiles), put in
 * one canonical form so that records of one household can be compared across sources.
 */

/** Unicode NFC, trimmed, inner whitespace collapsed: the form stored for any free text. */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * A person's name as stored: NFC, single spaces, each word capitalised ("nguyễn  văn AN" -> "Nguyễn Văn An").
 * Vietnamese names have no particles that stay lower-case, so this is safe.
 */
export function normalisePersonName(name: string): string {
  return normaliseText(name)
    .toLocaleLowerCase('vi')
    .split(' ')
    .map((word) => word.charAt(0).toLocaleUpperCase('vi') + word.slice(1))
    .join(' ');
}

/** Lower case without diacritics, đ -> d, single spaces: "Đắk  Lắk" -> "dak lak". For search and loose matching. */
export function foldVietnamese(text: string): string {
  // Character by character through a table: decomposing the whole text each time was the hot spot of imports and
  // matching (every name, header and place goes through here).
  let folded = '';
  let pendingSpace = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    let replacement: string | undefined;
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) replacement = text[index];
    else if (code >= 65 && code <= 90) replacement = String.fromCharCode(code + 32);
    else if (code >= 0xd800 && code <= 0xdbff) replacement = ' ';
    else {
      replacement = foldedCharacters.get(code);
      if (replacement === undefined) {
        replacement = String.fromCharCode(code).normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/[^a-z0-9]+/g, ' ');
        foldedCharacters.set(code, replacement);
      }
    }
    for (const character of replacement) {
      if (character === ' ') pendingSpace = folded.length > 0;
      else {
        if (pendingSpace) folded += ' ';
        pendingSpace = false;
        folded += character;
      }
    }
  }
  return folded;
}

/** Non-ASCII UTF-16 code unit -> its folded form ("" for a combining mark, " " for anything not a letter or digit). */
const foldedCharacters = new Map<number, string>();

export type PhoneResult = { phone: string } | { problem: string };

/**
 * A Vietnamese phone number in E.164 (+84 and 9 digits for a mobile, 10 for a landline): accepts 0912 345 678, 0912.345.678, +84 912 345 678,
 * 84912345678 and (84) 912-345-678. Old 11-digit mobile numbers (016x, 012x...) were renumbered in 2018 and are
 * refused with that reason rather than guessed.
 */
export function normalisePhone(raw: string): PhoneResult {
  const digits = raw.replace(/[\s.\-()]/g, '');
  if (!/^\+?\d+$/.test(digits)) return { problem: `"${raw}" is not a phone number (only digits, spaces, dots, dashes and a leading + are allowed)` };
  let national: string;
  if (digits.startsWith('+84')) national = digits.slice(3);
  else if (digits.startsWith('84') && (digits.length === 11 || digits.length === 12)) national = digits.slice(2);
  else if (digits.startsWith('0')) national = digits.slice(1);
  else if (digits.length === 9) national = digits;
  else return { problem: `"${raw}" is not a Vietnamese phone number (expected 0xxxxxxxxx or +84xxxxxxxxx)` };
  if (national.startsWith('0')) national = national.slice(1);
  const mobile = national.length === 9 && /^[35789]/.test(national);
  const landline = national.length === 10 && national.startsWith('2');
  if (national.length === 10 && /^1[2-9]/.test(national)) {
    return { problem: `"${raw}" is an old 11-digit mobile number, renumbered in 2018; ask for the current 10-digit number` };
  }
  if (!mobile && !landline) {
    return { problem: `"${raw}" is not a Vietnamese mobile (0 and 9 digits, starting 03, 05, 07, 08 or 09) or landline (02...) number` };
  }
  return { phone: `+84${national}` };
}

export type NationalIdResult = { nationalId: string; kind: 'CCCD' | 'CMND' } | { problem: string };

/**
 * A citizen ID: the 12-digit căn cước (CCCD), whose first three digits are a province-of-birth code (001-096) and
 * whose fourth is the century-and-sex digit (0-9), or the old 9-digit chứng minh nhân dân (CMND).
 */
export function normaliseNationalId(raw: string): NationalIdResult {
  const digits = raw.replace(/[\s.\-]/g, '');
  if (!/^\d+$/.test(digits)) return { problem: `"${raw}" must contain only digits` };
  if (digits.length === 9) return { nationalId: digits, kind: 'CMND' };
  if (digits.length !== 12) return { problem: `"${raw}" has ${digits.length} digits; a CCCD has 12 and an old CMND 9` };
  const provinceOfBirth = Number(digits.slice(0, 3));
  if (provinceOfBirth < 1 || provinceOfBirth > 96) {
    return { problem: `"${raw}" starts with ${digits.slice(0, 3)}, which is not a province-of-birth code (001-096)` };
  }
  return { nationalId: digits, kind: 'CCCD' };
}

/**
 * A keyed hash (HMAC-SHA256) of an ID number, so that sources can be matched on it without the number itself ever
 * being stored outside the registry or written to a log. The key comes from NONGSAN_ID_HASH_KEY; every process
 * that compares hashes must use the same key. Only development runs fall back to the public development key.
 */
export function nationalIdHash(nationalId: string, key = idHashKey()): string {
  return crypto.createHmac('sha256', key).update(nationalId).digest('base64url');
}

function idHashKey(): string {
  const key = secretValue(PLATFORM_SECRETS.find((setting) => setting.variable === 'NONGSAN_ID_HASH_KEY')!);
  if (!key) throw new Error('NONGSAN_ID_HASH_KEY is not set: ID numbers cannot be hashed without it outside development.');
  return key;
}
