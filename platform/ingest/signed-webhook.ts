import crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Signed webhooks: the sender computes HMAC-SHA256 over "<unix seconds>.<raw body>" with a secret shared with the
 * hub and sends it with the timestamp. Signing the timestamp with the body means a captured request cannot be
 * replayed later with a fresh timestamp; the window bounds how late a genuine request may arrive.
 */

export const SIGNATURE_HEADER = 'x-nongsan-signature';
export const TIMESTAMP_HEADER = 'x-nongsan-timestamp';

/** How far the sender's timestamp may be from the hub's clock, either way (clock drift, slow networks). */
export const DEFAULT_SIGNATURE_WINDOW_SECONDS = 300;

/** `sha256=<hex>` of the timestamp and the raw body, as the sender puts it in the signature header. */
export function signBody(secret: string, timestampSeconds: number, body: string | Buffer): string {
  const mac = crypto.createHmac('sha256', secret);
  mac.update(`${timestampSeconds}.`);
  mac.update(body);
  return `sha256=${mac.digest('hex')}`;
}

/** The two headers a sender adds to a request whose body is `body`. */
export function signatureHeaders(secret: string, body: string | Buffer, now = Date.now()): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return { [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: signBody(secret, timestamp, body) };
}

export type SignatureCheck = { valid: true } | { valid: false; reason: string };

/** Checks the signature and the timestamp of a received request; the reason says what is wrong, never the secret. */
export function verifySignature(
  secret: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
  { now = Date.now(), windowSeconds = DEFAULT_SIGNATURE_WINDOW_SECONDS }: { now?: number; windowSeconds?: number } = {},
): SignatureCheck {
  const signature = single(headers[SIGNATURE_HEADER]);
  const timestampText = single(headers[TIMESTAMP_HEADER]);
  if (!signature) return { valid: false, reason: `The request has no ${SIGNATURE_HEADER} header.` };
  if (!timestampText) return { valid: false, reason: `The request has no ${TIMESTAMP_HEADER} header (Unix time in seconds).` };
  if (!/^\d{1,12}$/.test(timestampText)) {
    return { valid: false, reason: `The ${TIMESTAMP_HEADER} header "${timestampText}" is not a Unix time in seconds.` };
  }
  const timestamp = Number(timestampText);
  const skew = Math.abs(now / 1000 - timestamp);
  if (skew > windowSeconds) {
    return {
      valid: false,
      reason: `The ${TIMESTAMP_HEADER} is ${Math.round(skew)} s away from the hub's clock; requests older than ${windowSeconds} s are refused as possible replays.`,
    };
  }
  if (!/^sha256=[0-9a-f]{64}$/i.test(signature)) {
    return { valid: false, reason: `The ${SIGNATURE_HEADER} header must be "sha256=" followed by 64 hexadecimal digits.` };
  }
  const expected = Buffer.from(signBody(secret, timestamp, body).slice('sha256='.length), 'hex');
  const given = Buffer.from(signature.slice('sha256='.length), 'hex');
  // Constant-time comparison: the time taken must not tell an attacker how many leading bytes were right.
  if (!crypto.timingSafeEqual(expected, given)) {
    return { valid: false, reason: 'The signature does not match the body.' };
  }
  return { valid: true };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
