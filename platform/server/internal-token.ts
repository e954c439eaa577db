import crypto from 'node:crypto';
import type { HttpRequest } from './http';
import { DEVELOPMENT_INTERNAL_TOKEN, PLATFORM_SECRETS, secretValue } from './secrets';

/**
 * The shared secret of service-to-service routes (`/internal/...`), which answer questions the public graph must
 * not (whether a person is registered, say). Every subgraph of one deployment gets the same NONGSAN_INTERNAL_TOKEN;
 * without it, development runs and tests use a fixed token, and any other process refuses the routes.
 */
export { DEVELOPMENT_INTERNAL_TOKEN };

export function internalToken(): string | null {
  return secretValue(PLATFORM_SECRETS.find((setting) => setting.variable === 'NONGSAN_INTERNAL_TOKEN')!);
}

/** `authorization: Bearer <token>` for a call to a peer's internal route. */
export function internalAuthorization(token = internalToken()): Record<string, string> {
  if (!token) throw new Error('NONGSAN_INTERNAL_TOKEN is not set: internal calls between subgraphs need it in production');
  return { authorization: `Bearer ${token}` };
}

/** Whether the request carries the token (compared in constant time). */
export function carriesInternalToken(request: HttpRequest, token = internalToken()): boolean {
  if (!token) return false;
  const header = request.headers.authorization;
  const given = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  const expected = crypto.createHash('sha256').update(token).digest();
  const actual = crypto.createHash('sha256').update(given).digest();
  return crypto.timingSafeEqual(expected, actual);
}
