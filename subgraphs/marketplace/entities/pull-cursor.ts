import { BigIntType, Entity, Enum, Property } from '@mikro-orm/core';
import { Platform } from '../vocabulary';

/** Where the last pull from a platform's events API stopped: the next pull starts there. */
@Entity({ tableName: 'pull_cursor' })
export class PullCursor {
  @Enum({ items: () => Platform, nativeEnumName: 'platform', primary: true })
  platform!: Platform;

  /** The platform's opaque cursor after the last page taken in. */
  @Property({ type: 'string', length: 500 })
  cursor!: string;

  /** The API it came from, for messages: a cursor is meaningless to another API. */
  @Property({ type: 'string', length: 500 })
  baseUrl!: string;

  /** Events received through pulls, in all. */
  @Property({ type: new BigIntType('number'), default: 0 })
  eventsPulled!: number;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}
