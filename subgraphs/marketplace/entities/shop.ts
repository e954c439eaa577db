import { Check, Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { Provenance } from '../../../platform/ingest/provenance';
import { HouseholdLinkMethod, HouseholdLinkStatus } from '../../../platform/linking/stored-link';
import type { LinkCandidate } from '../../../platform/linking/types';
import { Platform } from '../vocabulary';
import { Personal, type PersonalOwner } from '../../../platform/access/personal';

/** Whose personal data a shop's seller is: partners see their own platform's sellers. */
const sellerOwner = (shop: Shop): PersonalOwner => ({ householdId: shop.householdId, provinceCode: shop.provinceCode, platform: shop.platform });

@ObjectType({ description: 'A shop (gian hàng) of a farming household on a postal marketplace.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'shop' })
@Unique({ properties: ['platform', 'externalId'] })
@Check({ name: 'shop_link_confidence_check', expression: 'link_confidence >= 0 and link_confidence <= 1' })
@Check({ name: 'shop_linked_household_check', expression: "(link_status = 'LINKED') = (household_id is not null)" })
// The review list pages through REVIEW shops by id.
@Index({ name: 'shop_link_status_id_index', properties: ['linkStatus', 'id'] })
export class Shop extends Provenance {
  @Field(() => ID, { description: 'Platform prefix and the platform\'s shop number, e.g. "PM-104226" (Postmart) or "VS-104301" (Voso).' })
  @PrimaryKey({ type: 'string', length: 32 })
  id!: string;

  @Field(() => Platform)
  @Enum({ items: () => Platform, nativeEnumName: 'platform' })
  platform!: Platform;

  @Field(() => String, { description: 'The shop\'s identifier on its platform.' })
  @Property({ type: 'string', length: 64 })
  externalId!: string;

  /**
   * The owner household, exposed as the `household` stub; null until the shop is linked to a registry household
   * (shops that arrive from a marketplace feed carry only the seller's identity evidence below, which links them).
   */
  @Index()
  @Property({ type: 'string', length: 32, nullable: true })
  householdId?: string | null;

  @Field(() => String, { description: 'Shop name as shown on the platform.' })
  @Property({ type: 'string' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Registered brand mark (nhãn hiệu) the shop sells under (indicator II.4).' })
  @Property({ type: 'string', nullable: true })
  brandMark?: string | null;

  /** When the brand mark was first seen (indicators II.3/II.4 by period); stamped by a database trigger. */
  @Property({ type: 'datetime', nullable: true })
  brandMarkSince?: Date | null;

  @Field(() => Float, { nullable: true, description: 'Buyers\' average rating on the platform, 1 to 5; null until buyers have rated the shop.' })
  @Property({ type: 'double', nullable: true })
  rating?: number | null;

  @Field(() => Date, { description: 'When the shop opened on the platform.' })
  @Property({ type: 'datetime' })
  openedAt!: Date;

  /** Where the shop is registered: the seller's commune as the platform gives it (the owner household's for demo data). */
  @Property({ type: 'string', length: 2 })
  provinceCode!: string;

  @Property({ type: 'string', length: 5 })
  communeCode!: string;

  /*
   * The seller as the platform knows them: the evidence the shop is linked to a registry household by (ID hash,
   * then phone, then name in the commune). Personal data: name and phone shown only under their @Personal rule.
   */

  /** Normalised name (NFC, capitalised words). */
  @Personal('contact', sellerOwner)
  @Field(() => String, { nullable: true, description: 'Personal data: the seller\'s full name as the platform gave it.' })
  @Property({ type: 'string', nullable: true })
  sellerName?: string | null;

  /** E.164. */
  @Personal('contact', sellerOwner)
  @Field(() => String, { nullable: true, description: 'Personal data: the seller\'s phone number (E.164).' })
  @Property({ type: 'string', length: 16, nullable: true })
  sellerPhone?: string | null;

  /** `nationalIdHash()` of the seller's ID number; the number itself is never stored. */
  @Property({ type: 'string', length: 64, nullable: true })
  sellerNationalIdHash?: string | null;

  /** How the platform's commune was read (see `PlaceMatch.via`): "code", "name", "legacy-code", "legacy-name"..., with " (split)" for an old commune divided in 2025, whose first successor is stored. */
  @Property({ type: 'string', length: 32, nullable: true })
  communeResolvedVia?: string | null;

  @Field(() => HouseholdLinkStatus, { description: 'Whether the shop is linked to its registry household, waiting for an official\'s review (shopLinkReviews), or unlinked.' })
  @Enum({ items: () => HouseholdLinkStatus, nativeEnumName: 'household_link_status', default: HouseholdLinkStatus.UNLINKED })
  linkStatus: HouseholdLinkStatus = HouseholdLinkStatus.UNLINKED;

  @Field(() => HouseholdLinkMethod, {
    nullable: true,
    description: 'How the shop was linked to its household; null when none matched, or when the shop came with its household (demo and generated data).',
  })
  @Enum({ items: () => HouseholdLinkMethod, nativeEnumName: 'household_link_method', nullable: true })
  linkMethod?: HouseholdLinkMethod | null;

  @Field(() => Float, { description: 'Confidence of the link, from 0 to 1 (1 for an official\'s decision or a shop that came with its household).' })
  @Property({ type: 'double', default: 0 })
  linkConfidence: number = 0;

  /** For REVIEW shops: the households the matcher found plausible, best first. */
  @Property({ type: 'json', nullable: true })
  linkCandidates?: LinkCandidate[] | null;

  /** When an official settled the link (MANUAL); later events about the shop keep it. */
  @Property({ type: 'datetime', nullable: true })
  linkSettledAt?: Date | null;

  /** The platform's own time of the state stored: an older event never overwrites it. Null for data not from a feed. */
  @Property({ type: 'datetime', nullable: true })
  sourceUpdatedAt?: Date | null;
}
