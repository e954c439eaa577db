import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Provenance } from '../../../platform/ingest/provenance';

@ObjectType({
  description: 'The QR code on a pack (tem truy xuất nguồn gốc): a consumer scans it to see the lot, its journey and the producer\'s certificates.',
})
@Entity({ tableName: 'trace_code' })
export class TraceCode extends Provenance {
  @Field(() => String, {
    description: 'The code the QR carries, e.g. "QRLN2506201042261", or the GS1 Digital Link URI itself for lots captured over EPCIS.',
  })
  @PrimaryKey({ type: 'text' })
  code!: string;

  @Field(() => ID)
  @Index()
  @Property({ type: 'string', length: 48 })
  lotId!: string;

  @Field(() => ID, { nullable: true, description: 'The listing whose packs carry it; null for a code made from a captured lot (see `listing`).' })
  @Property({ type: 'string', length: 64, nullable: true })
  listingId?: string | null;

  @Field(() => String, { description: 'GS1 Digital Link URI of the pack: GTIN (AI 01) and lot number (AI 10).' })
  @Unique()
  @Property({ type: 'text' })
  digitalLink!: string;
}
