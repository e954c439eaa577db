import crypto from 'node:crypto';
import { openSubgraphDatabase, type SubgraphDatabase } from '../database/orm';
import { ApiKey } from './api-key';
import { accessMigrations } from './migrations';
import { isRole, ROLES, viewerOf, type Role, type Viewer } from './roles';

/** The access schema: a PostgreSQL schema of its own in the hub's database, migrated like a subgraph's. */
export const ACCESS_SCHEMA = { name: 'access', entities: [ApiKey], migrations: accessMigrations, processingLog: false };

const KEY_PATTERN = /^nsk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface NewKey {
  role: Role;
  /** Province code (trade, official) or platform (partner). */
  scope?: string | null;
  owner: string;
  expiresAt?: Date | null;
}

export interface KeySummary {
  id: string;
  role: string;
  scope: string | null;
  owner: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export type KeyCheck = { viewer: Viewer } | { refused: string };

/** Creates, lists, revokes and checks API keys. The gateway and `nongsan keys` are its only users. */
export class KeyStore {
  private constructor(private readonly database: SubgraphDatabase) {}

  static async open(databaseUrl: string): Promise<KeyStore> {
    return new KeyStore(await openSubgraphDatabase(ACCESS_SCHEMA, databaseUrl));
  }

  /** Stores the key's hash and returns the key: the only time it is ever shown. */
  async create(key: NewKey): Promise<{ key: string; summary: KeySummary }> {
    if (!isRole(key.role) || key.role === 'public') throw new Error(`The role must be one of ${ROLES.filter((role) => role !== 'public').join(', ')}, not "${key.role}".`);
    viewerOf('check', key.role, key.scope); // refuses a scope that does not fit the role
    if (!key.owner.trim()) throw new Error('A key needs an owner (who it is given to).');
    const id = crypto.randomBytes(6).toString('hex');
    const secret = crypto.randomBytes(32).toString('base64url');
    const em = this.database.orm.em.fork();
    const row = em.create(ApiKey, {
      id,
      secretHash: hash(secret),
      role: key.role,
      scope: key.scope ?? null,
      owner: key.owner.trim(),
      createdAt: new Date(),
      expiresAt: key.expiresAt ?? null,
      revokedAt: null,
    });
    await em.flush();
    return { key: `nsk_${id}_${secret}`, summary: summary(row) };
  }

  async list(): Promise<KeySummary[]> {
    return (await this.database.orm.em.fork().find(ApiKey, {}, { orderBy: { createdAt: 'asc', id: 'asc' } })).map(summary);
  }

  /** Revokes a key by its id (or the whole key); false when there is no such key. */
  async revoke(idOrKey: string): Promise<boolean> {
    const id = KEY_PATTERN.exec(idOrKey)?.[1] ?? idOrKey;
    const updated = await this.database.orm.em.fork().nativeUpdate(ApiKey, { id, revokedAt: null }, { revokedAt: new Date() });
    if (updated > 0) return true;
    return (await this.database.orm.em.fork().count(ApiKey, { id })) > 0;
  }

  /** The viewer a presented key stands for, or why it is refused; one indexed read. */
  async check(presented: string, now = new Date()): Promise<KeyCheck> {
    const match = KEY_PATTERN.exec(presented);
    if (!match) return { refused: 'The API key is malformed: keys look like nsk_<12 hex digits>_<43 characters>.' };
    const row = await this.database.orm.em.fork().findOne(ApiKey, { id: match[1] });
    // Compare hashes in constant time even when the id is unknown, so timing tells nothing.
    const expected = Buffer.from(row?.secretHash ?? '0'.repeat(64), 'hex');
    if (!crypto.timingSafeEqual(expected, Buffer.from(hash(match[2]), 'hex')) || !row) return { refused: 'The API key is not valid.' };
    if (row.revokedAt) return { refused: `The API key ${row.id} was revoked on ${row.revokedAt.toISOString().slice(0, 10)}.` };
    if (row.expiresAt && row.expiresAt <= now) return { refused: `The API key ${row.id} expired on ${row.expiresAt.toISOString().slice(0, 10)}.` };
    if (!isRole(row.role)) return { refused: `The API key ${row.id} has an unknown role.` };
    return { viewer: viewerOf(`key:${row.id}`, row.role, row.scope) };
  }

  close(): Promise<void> {
    return this.database.close();
  }
}

function hash(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}

function summary(row: ApiKey): KeySummary {
  return {
    id: row.id,
    role: row.role,
    scope: row.scope ?? null,
    owner: row.owner,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt ?? null,
    revokedAt: row.revokedAt ?? null,
  };
}
