import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { CertificationScheme } from '../vocabulary';

@ObjectType({
  description:
    "A producer's certificate (giấy chứng nhận): VietGAP, GlobalGAP, organic, HACCP, or an OCOP rating of 3 to 5 stars.",
})
@Entity({ tableName: 'certification' })
@Index({ properties: ['householdId', 'validUntil'] })
export class Certification {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 32 })
  id!: string;

  @Field(() => ID, { description: 'The certified household; `holder` is the same household as an entity.' })
  @Property({ type: 'string', length: 32 })
  householdId!: string;

  @Field(() => CertificationScheme)
  @Enum({ items: () => CertificationScheme, nativeEnumName: 'certification_scheme' })
  scheme!: CertificationScheme;

  @Field(() => String, { description: 'Number printed on the certificate (số giấy chứng nhận), e.g. "OCOP-24-2024-0001".' })
  @Property({ type: 'string' })
  certificateNumber!: string;

  @Field(() => String, { description: 'Certification body, or for OCOP the provincial People\'s Committee (UBND tỉnh).' })
  @Property({ type: 'string' })
  issuer!: string;

  @Field(() => String, { description: 'The certified product as the certificate names it.' })
  @Property({ type: 'string' })
  product!: string;

  @Field(() => Int, { nullable: true, description: 'OCOP rating, 3 to 5 stars; null for the other schemes.' })
  @Property({ type: 'smallint', nullable: true })
  stars?: number | null;

  @Field(() => String, { description: 'First day of validity (YYYY-MM-DD).' })
  @Property({ type: 'date' })
  validFrom!: string;

  @Field(() => String, { description: 'Last day of validity (YYYY-MM-DD).' })
  @Property({ type: 'date' })
  validUntil!: string;

  /** Both bounds are inclusive; ISO calendar dates compare correctly as strings. */
  isValidOn(day: string): boolean {
    return this.validFrom <= day && day <= this.validUntil;
  }
}

/** Which listings a certificate covers: a certificate names a product, which a household may sell in several shops. */
@Entity({ tableName: 'certification_listing' })
export class CertificationListing {
  @PrimaryKey({ type: 'string', length: 32 })
  certificationId!: string;

  @Index()
  @PrimaryKey({ type: 'string', length: 64 })
  listingId!: string;
}
