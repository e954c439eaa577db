import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { Platform } from '../vocabulary';

@ObjectType({ description: 'A shop (gian hàng) of a farming household on a postal marketplace.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'shop' })
@Unique({ properties: ['platform', 'externalId'] })
export class Shop {
  @Field(() => ID, { description: 'Platform prefix and the platform\'s shop number, e.g. "PM-104226" (Postmart) or "VS-104301" (Voso).' })
  @PrimaryKey({ type: 'string', length: 32 })
  id!: string;

  @Field(() => Platform)
  @Enum({ items: () => Platform, nativeEnumName: 'platform' })
  platform!: Platform;

  @Field(() => String, { description: 'The shop\'s identifier on its platform.' })
  @Property({ type: 'string', length: 64 })
  externalId!: string;

  /** The owner household; exposed as the `household` stub. */
  @Index()
  @Property({ type: 'string', length: 32 })
  householdId!: string;

  @Field(() => String, { description: 'Shop name as shown on the platform.' })
  @Property({ type: 'string' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Registered brand mark (nhãn hiệu) the shop sells under (indicator II.4).' })
  @Property({ type: 'string', nullable: true })
  brandMark?: string | null;

  @Field(() => Float, { description: 'Buyers\' average rating on the platform, 1 to 5.' })
  @Property({ type: 'double' })
  rating!: number;

  @Field(() => Date, { description: 'When the shop opened on the platform.' })
  @Property({ type: 'datetime' })
  openedAt!: Date;

  /** Where the shop is registered: the owner household's province and commune when the shop was opened. */
  @Property({ type: 'string', length: 2 })
  provinceCode!: string;

  @Property({ type: 'string', length: 5 })
  communeCode!: string;
}
