import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Provenance } from '../../../platform/ingest/provenance';
import { CertificationScheme } from '../vocabulary';

@ObjectType({
  description:
    "A producer's certificate (giấy chứng nhận): VietGAP, GlobalGAP, organic, HACCP, or an OCOP rating of 3 to 5 stars. " +
    'A certificate known only from an EPCIS event (`certificationInfo`) has no validity dates until the certificate list is imported.',
})
@Entity({ tableName: 'certification' })
@Index({ properties: ['householdId', 'validUntil'] })
@Index({ name: 'certification_ocop_holder_commune_index', expression: 'create index "certification_ocop_holder_commune_index" on "traceability"."certification" ("holder_commune_code", "stars") where "scheme" = \'OCOP\'' })
export class Certification extends Provenance {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 32 })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'The certified household; `holder` is the same household as an entity. Null while unknown.' })
  @Property({ type: 'string', length: 32, nullable: true })
  householdId?: string | null;

  @Field(() => CertificationScheme)
  @Enum({ items: () => CertificationScheme, nativeEnumName: 'certification_scheme' })
  scheme!: CertificationScheme;

  @Field(() => String, { description: 'Number printed on the certificate (số giấy chứng nhận), e.g. "OCOP-24-2024-0001".' })
  @Unique()
  @Property({ type: 'string' })
  certificateNumber!: string;

  @Field(() => String, { description: 'Certification body, or for OCOP the provincial People\'s Committee (UBND tỉnh).' })
  @Property({ type: 'string' })
  issuer!: string;

  @Field(() => String, { nullable: true, description: 'The certified product as the certificate names it.' })
  @Property({ type: 'string', nullable: true })
  product?: string | null;

  @Field(() => Int, { nullable: true, description: 'OCOP rating, 3 to 5 stars; null for the other schemes.' })
  @Property({ type: 'smallint', nullable: true })
  stars?: number | null;

  @Field(() => String, { nullable: true, description: 'First day of validity (YYYY-MM-DD); null while unknown.' })
  @Property({ type: 'date', nullable: true })
  validFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'Last day of validity (YYYY-MM-DD); null while unknown.' })
  @Property({ type: 'date', nullable: true })
  validUntil?: string | null;

  /**
   * The holder household's current commune when the certificate was recorded, as the registry answered it: OCOP
   * coverage per province counts by it without reading the registry's tables. Null while the holder is unknown.
   */
  @Property({ type: 'string', length: 5, nullable: true })
  holderCommuneCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the certificate can be checked: the URI EPCIS events cite in `certificationInfo`.' })
  @Property({ type: 'text', nullable: true })
  certificationInfo?: string | null;

  /** Both bounds are inclusive; ISO calendar dates compare correctly as strings. Unknown dates are not valid. */
  isValidOn(day: string): boolean {
    return !!this.validFrom && !!this.validUntil && this.validFrom <= day && day <= this.validUntil;
  }
}

/** Which listings a certificate covers: a certificate names a product, which a household may sell in several shops. */
@Entity({ tableName: 'certification_listing' })
export class CertificationListing extends Provenance {
  @PrimaryKey({ type: 'string', length: 32 })
  certificationId!: string;

  @Index()
  @PrimaryKey({ type: 'string', length: 64 })
  listingId!: string;
}
