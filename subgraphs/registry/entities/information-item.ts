import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { InformationChannel } from '../vocabulary';

/**
 * An item of information published to farming households (prices, weather, market news...), as officials register
 * it: indicators III.1 (items published) and III.2 (update frequency) count this register.
 */
@ObjectType({ description: 'An information item published to farming households (hạng mục thông tin), indicators III.1 and III.2.' })
@Entity({ tableName: 'information_item' })
@Unique({ properties: ['scope', 'reference'] })
@Index({ properties: ['provinceCode', 'publishedOn'] })
@Index({ properties: ['communeCode', 'publishedOn'] })
export class InformationItem {
  @Field(() => ID)
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Field(() => String, { description: 'Who publishes it: "VN", a province code or a commune code.' })
  @Property({ type: 'string', length: 5 })
  scope!: string;

  @Field(() => String, { description: 'The publisher\'s own code of the item, unique within its scope (e.g. "gia-lua-hang-tuan").' })
  @Property({ type: 'string', length: 64 })
  reference!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  title!: string;

  @Field(() => InformationChannel)
  @Enum({ items: () => InformationChannel, nativeEnumName: 'information_channel' })
  channel!: InformationChannel;

  /** The scope's province (a commune's too), null for national items: reports of a province count both. */
  @Property({ type: 'string', length: 2, nullable: true })
  provinceCode?: string | null;

  @Property({ type: 'string', length: 5, nullable: true })
  communeCode?: string | null;

  @Field(() => String, { description: 'Day first published (YYYY-MM-DD).' })
  @Property({ type: 'date' })
  publishedOn!: string;

  @Field(() => String, { description: 'Day of the latest update (YYYY-MM-DD); the publication day when never updated.' })
  @Property({ type: 'date' })
  updatedOn!: string;

  /** Who recorded it last: the caller's subject, or the file it was imported from. */
  @Property({ type: 'string' })
  recordedBy!: string;
}

/** One day an item was published or updated: III.2 counts these per week. */
@Entity({ tableName: 'information_update' })
export class InformationUpdate {
  @PrimaryKey({ type: 'bigint' })
  itemId!: string;

  @PrimaryKey({ type: 'date' })
  day!: string;
}
