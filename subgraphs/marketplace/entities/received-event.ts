import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Platform } from '../vocabulary';

/**
 * Every marketplace event the hub has taken in, by the platform's event id: a repeated event is recognised and
 * changes nothing. Events that arrived too late to change anything (an older state) are kept here too, as seen.
 */
@Entity({ tableName: 'received_event' })
// Removals of listings the hub has not seen yet are looked up when the listing's data arrives later.
@Index({ name: 'received_event_listing_removed_idx', expression: `create index "received_event_listing_removed_idx" on "marketplace"."received_event" ("object_id", "occurred_at") where "type" = 'listing.removed'` })
export class ReceivedEvent {
  @Enum({ items: () => Platform, nativeEnumName: 'platform', primary: true })
  platform!: Platform;

  @PrimaryKey({ type: 'string', length: 100 })
  eventId!: string;

  /** e.g. "listing.changed". */
  @Property({ type: 'string', length: 32 })
  type!: string;

  /** The hub's id of the shop, listing or order the event is about. */
  @Property({ type: 'string', length: 48 })
  objectId!: string;

  /** The platform's time of the event. */
  @Property({ type: 'datetime' })
  occurredAt!: Date;

  @Property({ type: 'datetime' })
  receivedAt!: Date;

  /** "webhook" or "pull". */
  @Property({ type: 'string', length: 16 })
  via!: string;
}
