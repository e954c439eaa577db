import type { FilterQuery } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/postgresql';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Float, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { maskPersonName, phoneLastDigits } from '../../../platform/identity/mask';
import { checkPageSize, ConnectionType, decodeCursor, type FilteredPage, PageArgs, toPage, TotalCountResolver } from '../../../platform/graphql/pagination';
import { reviewReasonOf, runnerUpMargin } from '../../../platform/linking/decision';
import { candidatesOf, HouseholdLinkStatus, LinkCandidateType, LinkReviewReason, settledLink, type LinkCandidateShape } from '../../../platform/linking/stored-link';
import { badUserInput, checkSettlements, refuseUnknownHouseholds } from '../../../platform/linking/settlements';
import type { SubgraphContext } from '../../../platform/subgraph';
import { requires, type AccessRule } from '../../../platform/access/auth-checker';
import { provinceOfWork, refuseOutsideProvince } from '../../../platform/access/province-scope';
import type { Viewer } from '../../../platform/access/roles';
import { Commune, Household } from '../entities/references';
import { Shop } from '../entities/shop';
import { writeShopLinks } from '../ingest/link-shops';
import type { MarketplaceLoaders } from '../loaders';
import { Platform } from '../vocabulary';

type Context = SubgraphContext<MarketplaceLoaders>;

const ShopLinkCandidate = LinkCandidateType(Household, 'ShopLinkCandidate', 'A household the matcher found plausible for a shop\'s seller it could not link on its own.');

@ObjectType({
  description:
    'A marketplace shop whose link to a registry household is uncertain, with the evidence an official needs to settle it, ' +
    'masked (personal data): the seller\'s commune, family name and initials, the last digits of the phone.',
})
export class ShopLinkReview {
  @Field(() => ID, { description: 'The shop\'s id: pass it as `shopId` to settleShopLinks.' })
  id!: string;
}

const ShopLinkReviewConnection = ConnectionType(ShopLinkReview, 'ShopLinkReview');
export const ShopLinkReviewTotalCountResolver = TotalCountResolver(ShopLinkReviewConnection, Shop, 'Shops waiting for review that match the filter.');

@ArgsType()
class ShopLinkReviewArgs extends PageArgs {
  @Field(() => Platform, { nullable: true, description: 'Only shops of this platform.' })
  platform?: Platform | null;

  @Field(() => String, { nullable: true, description: 'Only shops of sellers in this (current, five-digit) commune.' })
  communeCode?: string | null;
}

@InputType({ description: 'An official\'s decision on one shop.' })
export class ShopLinkSettlement {
  @Field(() => ID)
  shopId!: string;

  @Field(() => ID, { nullable: true, description: 'The registry household the shop belongs to; null when it belongs to none.' })
  householdId?: string | null;
}

// Arguments as a class, so that the schema lists them in this order (parameter decorators list them reversed).
@ArgsType()
class ShopLinkSettlementArgs {
  @Field(() => ID)
  shopId!: string;

  @Field(() => ID, { nullable: true, description: 'The registry household the shop belongs to; null when it belongs to none.' })
  householdId?: string | null;
}

/** The review list reads shops: each field below is one of the shop's, masked where it is personal. */
@Authorized<AccessRule>(requires('links:review'))
@Resolver(() => ShopLinkReview)
export class ShopLinkReviewResolver {
  @Query(() => ShopLinkReviewConnection, {
    description: 'Marketplace shops the matcher could not link to a registry household with confidence, by id, for an official to settle with settleShopLinks.',
  })
  async shopLinkReviews(@Args(() => ShopLinkReviewArgs) args: ShopLinkReviewArgs, @Ctx() { em, viewer }: Context): Promise<FilteredPage<Shop>> {
    const first = checkPageSize(args.first);
    const after = decodeCursor(args.after);
    if (after !== undefined && (after.length === 0 || after.length > 32)) throw badUserInput(`Invalid cursor "${args.after}": pass the endCursor of a previous page.`, 'after');
    const where: FilterQuery<Shop> = {
      linkStatus: HouseholdLinkStatus.REVIEW,
      ...(args.platform != null ? { platform: args.platform } : {}),
      ...(args.communeCode != null ? { communeCode: args.communeCode } : {}),
      ...(provinceOfWork(viewer) ? { provinceCode: provinceOfWork(viewer) } : {}),
    };
    const rows = await em.find(Shop, after ? { $and: [where, { id: { $gt: after } }] } : where, { orderBy: { id: 'asc' }, limit: first + 1 });
    return { ...toPage(rows, first, (row) => row.id), filter: where };
  }

  @FieldResolver(() => Shop, { description: 'The shop (name, platform, listings, sales).' })
  shop(@Root() shop: Shop): Shop {
    return shop;
  }

  @FieldResolver(() => Commune, { nullable: true, description: 'The seller\'s commune as the platform gave it.' })
  commune(@Root() shop: Shop): Commune {
    return { code: shop.communeCode };
  }

  @FieldResolver(() => String, { nullable: true, description: 'The seller\'s family name and initials, e.g. "Nguyễn V. A.".' })
  sellerName(@Root() shop: Shop): string | null {
    return shop.sellerName ? maskPersonName(shop.sellerName) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The last three digits of the seller\'s phone number.' })
  phoneLastDigits(@Root() shop: Shop): string | null {
    return phoneLastDigits(shop.sellerPhone);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the platform gave the seller\'s ID number (compared as a keyed hash, never shown).' })
  hasNationalId(@Root() shop: Shop): boolean {
    return Boolean(shop.sellerNationalIdHash);
  }

  @FieldResolver(() => [ShopLinkCandidate], { description: 'Households the matcher found plausible, best first.' })
  candidates(@Root() shop: Shop): LinkCandidateShape<Household>[] {
    return candidatesOf(shop.linkCandidates, (id) => ({ id }));
  }

  @FieldResolver(() => LinkReviewReason, { nullable: true, description: 'Why the matcher did not link it on its own; null for items found before the scoring model.' })
  reviewReason(@Root() shop: Shop): LinkReviewReason | null {
    return reviewReasonOf(shop.linkCandidates);
  }

  @FieldResolver(() => Float, { nullable: true, description: 'How many bits the best candidate leads the runner-up by (each bit halves the odds); null with one candidate.' })
  runnerUpMarginBits(@Root() shop: Shop): number | null {
    return runnerUpMargin(shop.linkCandidates);
  }
}

@Authorized<AccessRule>(requires('links:settle'))
@Resolver()
export class ShopLinkSettlementResolver {
  @Mutation(() => [Shop], {
    description:
      'Settles the links of marketplace shops, all or none: each shop is linked to the household given (method MANUAL), or to none; ' +
      'its listings and orders follow. A settled link is kept by later events about the shop.',
  })
  settleShopLinks(@Arg('settlements', () => [ShopLinkSettlement]) settlements: ShopLinkSettlement[], @Ctx() context: Context): Promise<Shop[]> {
    return settle(context, settlements);
  }

  @Mutation(() => Shop, { description: 'Settles the link of one shop: see settleShopLinks.' })
  async settleShopLink(@Args(() => ShopLinkSettlementArgs) settlement: ShopLinkSettlementArgs, @Ctx() context: Context): Promise<Shop> {
    const [shop] = await settle(context, [settlement]);
    return shop;
  }
}

/** Three statements whatever the number of settlements: read the shops, write the links (with listings and orders), read them back. */
async function settle({ em, viewer, householdDirectory }: Context, settlements: ShopLinkSettlement[]): Promise<Shop[]> {
  if (settlements.length === 0) return [];
  const ids = settlements.map((settlement) => settlement.shopId);
  checkSettlements(settlements, ids, 'Shop');
  const shops = await em.find(Shop, { id: { $in: ids } });
  const byId = new Map(shops.map((shop) => [shop.id, shop]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length) throw badUserInput(`No shop ${missing.join(', ')}.`);
  refuseOutsideProvince(viewer, shops, (shop) => shop.provinceCode, (shop) => `shop ${shop.id}`);
  await refuseUnknownHouseholds(householdDirectory, settlements);

  const settledAt = new Date();
  await em.transactional(async (tx) => {
    const knex = tx.getTransactionContext<Knex.Transaction>()!;
    await writeShopLinks(knex, tx.config.get('schema')!, settlements.map((settlement) => ({
      id: settlement.shopId,
      link: settledLink(settlement.householdId ?? null, settledAt, byId.get(settlement.shopId)!.linkCandidates ?? null),
    })));
  });
  const updated = new Map((await em.fork().find(Shop, { id: { $in: ids } })).map((shop) => [shop.id, shop]));
  return ids.map((id) => updated.get(id)!);
}
