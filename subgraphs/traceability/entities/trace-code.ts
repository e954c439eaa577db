import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'The QR code on a pack (tem truy xuất nguồn gốc): a consumer scans it to see the lot, its journey and the producer\'s certificates.',
})
@Entity({ tableName: 'trace_code' })
export class TraceCode {
  @Field(() => String, { description: 'The code the QR carries, e.g. "QRLN2506201042261".' })
  @PrimaryKey({ type: 'string', length: 64 })
  code!: string;

  @Field(() => ID)
  @Index()
  @Property({ type: 'string', length: 48 })
  lotId!: string;

  @Field(() => ID)
  @Property({ type: 'string', length: 64 })
  listingId!: string;

  @Field(() => String, { description: 'GS1 Digital Link URI of the pack: GTIN (AI 01) and lot number (AI 10).' })
  @Property({ type: 'string' })
  digitalLink!: string;
}
