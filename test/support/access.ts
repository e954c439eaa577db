import crypto from 'node:crypto';
import { KeyStore, type NewKey } from '../../platform/access/key-store';
import type { Role } from '../../platform/access/roles';
import { hub } from './hub';

/**
 * Credentials for tests, made the way users get theirs: API keys through the same store `nongsan keys create`
 * writes to, and tokens signed by the suite's identity provider (identity-provider.ts). Call `closeKeyStore()`
 * in afterAll of a file that creates keys.
 */
let store: Promise<KeyStore> | undefined;
const keys = new Map<string, Promise<string>>();

function keyStore(): Promise<KeyStore> {
  store ??= KeyStore.open(hub().databaseUrl);
  return store;
}

/** A new key (not cached): for revocation and expiry tests. */
export async function createKey(key: Omit<NewKey, 'owner'> & { owner?: string }): Promise<{ key: string; id: string }> {
  const created = await (await keyStore()).create({ owner: `test ${key.role}`, ...key });
  return { key: created.key, id: created.summary.id };
}

export async function revokeKey(id: string): Promise<void> {
  await (await keyStore()).revoke(id);
}

/** One key per role and scope for the whole file; `scope` is a province code or a platform. */
export function keyFor(role: Exclude<Role, 'public'>, scope?: string): Promise<string> {
  const name = `${role}/${scope ?? ''}`;
  if (!keys.has(name)) keys.set(name, createKey({ role, scope }).then((created) => created.key));
  return keys.get(name)!;
}

/** Headers that present a key (or token) as a partner app would. */
export function bearer(credential: string): Record<string, string> {
  return { authorization: `Bearer ${credential}` };
}

/** Headers of a role: `{}` for public, else a key of that role and scope. */
export async function as(role: Role, scope?: string): Promise<Record<string, string>> {
  return role === 'public' ? {} : bearer(await keyFor(role, scope));
}

export async function closeKeyStore(): Promise<void> {
  const open = store;
  store = undefined;
  keys.clear();
  if (open) await (await open).close();
}

/** An RS256 token of the suite's identity provider; `override` changes claims, `privateKeyPem` forges one. */
export function signToken(
  claims: Record<string, unknown>,
  { expiresInSeconds = 300, privateKeyPem, keyId }: { expiresInSeconds?: number; privateKeyPem?: string; keyId?: string } = {},
): string {
  const provider = hub().identityProvider;
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'RS256', typ: 'JWT', kid: keyId ?? provider.keyId };
  const payload = { iss: provider.issuer, aud: provider.audience, iat: now, exp: now + expiresInSeconds, ...claims };
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const signed = `${encode(header)}.${encode(payload)}`;
  const signature = crypto.sign('sha256', Buffer.from(signed), privateKeyPem ?? provider.privateKeyPem).toString('base64url');
  return `${signed}.${signature}`;
}
