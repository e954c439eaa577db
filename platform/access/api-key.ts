import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** An API key of the hub: only a hash of its secret is stored; the key itself is printed once, when created. */
@Entity({ tableName: 'api_key' })
export class ApiKey {
  /** The public part of the key (`nsk_<id>_<secret>`), shown by `nongsan keys list`. */
  @PrimaryKey({ type: 'string', length: 16 })
  id!: string;

  /** SHA-256 of the secret, hex: the secret is 32 random bytes, so a slow hash adds nothing. */
  @Property({ type: 'string', length: 64 })
  secretHash!: string;

  @Property({ type: 'string', length: 16 })
  role!: string;

  /** A province code (trade, official) or a platform (partner); null for national or unscoped roles. */
  @Property({ type: 'string', length: 32, nullable: true })
  scope?: string | null;

  /** Who the key was given to (a person, a firm, a department). */
  @Property({ type: 'string' })
  owner!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Index()
  @Property({ type: 'datetime', nullable: true })
  expiresAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;
}
