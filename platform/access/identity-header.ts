import crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { isRole, PUBLIC_VIEWER, viewerOf, type Viewer } from './roles';
import { DEVELOPMENT_IDENTITY_SECRET, PLATFORM_SECRETS, secretValue } from '../server/secrets';

/**
 * The caller's identity as the gateway forwards it to subgraphs: claims and the time, HMAC-signed with a secret
 * every service of a deployment shares. A subgraph believes no other header: a request whose header is forged or
 * stale is refused, one without it is served as the public viewer (so a subgraph port never gives more).
 */
export const IDENTITY_HEADER = 'x-nongsan-identity';

/** Short: the header is signed per subgraph request, so it only has to outlive one request's network trip. */
export const IDENTITY_WINDOW_SECONDS = 30;

export { DEVELOPMENT_IDENTITY_SECRET };

/** The shared secret; the development one only where development defaults apply (platform/server/secrets.ts). */
export function identitySecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = secretValue(PLATFORM_SECRETS.find((setting) => setting.variable === 'NONGSAN_IDENTITY_SECRET')!, env)?.trim();
  if (!secret) throw new Error('NONGSAN_IDENTITY_SECRET is not set: the gateway and every subgraph need the same secret outside development.');
  return secret;
}

interface Claims {
  sub: string;
  role: string;
  scope?: string;
  iat: number;
}

export function signIdentity(viewer: Viewer, secret = identitySecret(), now = Date.now()): string {
  const claims: Claims = { sub: viewer.subject, role: viewer.role, iat: Math.floor(now / 1000) };
  const scope = viewer.provinceCode ?? viewer.platform;
  if (scope) claims.scope = scope;
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

export type IdentityCheck = { viewer: Viewer } | { refused: string };

/** The viewer a subgraph request carries: public when there is no header, refused when it is forged or stale. */
export function verifyIdentity(
  headers: IncomingHttpHeaders,
  { secret = identitySecret(), now = Date.now(), windowSeconds = IDENTITY_WINDOW_SECONDS } = {},
): IdentityCheck {
  const raw = headers[IDENTITY_HEADER];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return { viewer: PUBLIC_VIEWER };
  const [payload, signature, extra] = value.split('.');
  if (!payload || !signature || extra !== undefined || !/^[0-9a-f]{64}$/.test(signature)) {
    return { refused: `The ${IDENTITY_HEADER} header is malformed: only the gateway may send it.` };
  }
  const expected = Buffer.from(mac(secret, payload), 'hex');
  if (!crypto.timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
    return { refused: `The ${IDENTITY_HEADER} header is not signed by this deployment's gateway.` };
  }
  let claims: Claims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
  } catch {
    return { refused: `The ${IDENTITY_HEADER} header does not carry claims.` };
  }
  const age = now / 1000 - claims.iat;
  if (!Number.isFinite(age) || Math.abs(age) > windowSeconds) {
    return { refused: `The ${IDENTITY_HEADER} header is stale (${Math.round(age)} s old; at most ${windowSeconds} s).` };
  }
  if (!isRole(claims.role) || typeof claims.sub !== 'string') return { refused: `The ${IDENTITY_HEADER} header names no known role.` };
  return { viewer: viewerOf(claims.sub, claims.role, claims.scope) };
}

function mac(secret: string, payload: string): string {
  return crypto.createHmac('sha256', secret).update(payload).digest('hex');
}
