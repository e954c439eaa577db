import { GraphQLError } from 'graphql';
import { Arg, Ctx, FieldResolver, Float, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph';
import { GrowingArea } from '../entities/growing-area';
import { HarvestEvidence, Lot, TraceEvent } from '../entities/lot';
import { Household, Listing } from '../entities/references';
import { TraceCode } from '../entities/trace-code';
import type { TraceabilityLoaders } from '../loaders';
import type { AgriFoodBizStep } from '../vocabulary';
import { canonicalGtin } from '../ingest/epcis/identifiers';

type Context = SubgraphContext<TraceabilityLoaders>;

const HARVEST: AgriFoodBizStep = 'commissioning';
const DELIVERY: AgriFoodBizStep = 'receiving';
const MS_PER_HOUR = 3_600_000;

/** The lot an event or a QR code belongs to; they are only written with their lot, so a missing one is a broken database. */
export async function lotOf(loaders: TraceabilityLoaders, lotId: string, referrer: string): Promise<Lot> {
  const lot = await loaders.lot.load(lotId);
  if (!lot) throw new GraphQLError(`${referrer} points to lot ${lotId}, which does not exist.`);
  return lot;
}

@Resolver(() => Lot)
export class LotResolver {
  @Query(() => Lot, {
    nullable: true,
    description: 'A lot by its lot number (số lô); give the GTIN too when several products use the same lot number.',
  })
  async lot(
    @Arg('lotNumber', () => String) lotNumber: string,
    @Arg('gtin', () => String, { nullable: true, description: 'GTIN-13 (or GTIN-14) of the product.' }) gtin: string | null | undefined,
    @Ctx() { loaders }: Context,
  ): Promise<Lot | null> {
    const lots = (await loaders.lotsByNumber.load(lotNumber)).filter((lot) => !gtin || lot.gtin === canonicalGtin(gtin));
    if (lots.length > 1) {
      throw new GraphQLError(
        `Lot number ${lotNumber} is used by ${lots.length} products (GTIN ${lots.map((lot) => lot.gtin ?? 'unknown').join(', ')}): give the gtin argument too.`,
      );
    }
    return lots[0] ?? null;
  }

  @FieldResolver(() => [TraceEvent], { description: 'Its EPCIS events, in the order they happened.' })
  events(@Root() lot: Lot, @Ctx() { loaders }: Context): Promise<TraceEvent[]> {
    return loaders.eventsOfLot.load(lot.id);
  }

  @FieldResolver(() => [TraceCode], { description: 'QR codes printed for its packs.' })
  traceCodes(@Root() lot: Lot, @Ctx() { loaders }: Context): Promise<TraceCode[]> {
    return loaders.traceCodesOfLot.load(lot.id);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      'Hours from harvest (the commissioning event, else the declared harvest date) to the last receiving event; null until ' +
      'received, or while the harvest time is unknown. Lychee must reach Europe within 96 h, custard apples spoil after 48 h.',
  })
  async harvestToDeliveryHours(@Root() lot: Lot, @Ctx() { loaders }: Context): Promise<number | null> {
    // An event declared erroneous (EPCIS errorDeclaration) did not happen as recorded.
    const events = (await loaders.eventsOfLot.load(lot.id)).filter((event) => !event.errorDeclaredAt);
    const delivered = events.filter((event) => event.bizStep === DELIVERY).at(-1);
    if (!delivered) return null;
    const harvested = events.find((event) => event.bizStep === HARVEST)?.eventTime ?? (lot.harvestEvidence === HarvestEvidence.FIRST_EVENT ? null : lot.harvestedAt);
    if (!harvested) return null;
    return Math.round(((delivered.eventTime.getTime() - harvested.getTime()) / MS_PER_HOUR) * 100) / 100;
  }

  @FieldResolver(() => GrowingArea, { nullable: true })
  growingArea(@Root() lot: Lot, @Ctx() { loaders }: Context): Promise<GrowingArea | null> | null {
    return lot.growingAreaId ? loaders.growingArea.load(lot.growingAreaId) : null;
  }

  @FieldResolver(() => Listing, { nullable: true, description: 'The marketplace listing it is sold through, once known.' })
  listing(@Root() lot: Lot): Listing | null {
    return lot.listingId ? { id: lot.listingId } : null;
  }

  @FieldResolver(() => Household, { nullable: true, description: 'The producing household, once known.' })
  household(@Root() lot: Lot): Household | null {
    return lot.householdId ? { id: lot.householdId } : null;
  }
}

@Resolver(() => TraceEvent)
export class TraceEventResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Lot number of its lot (EPCIS ilmd `cbvmda:lotNumber`); null if it names no lot.' })
  async lotNumber(@Root() event: TraceEvent, @Ctx() { loaders }: Context): Promise<string | null> {
    return event.lotId ? (await lotOf(loaders, event.lotId, `Event ${event.eventId}`)).lotNumber : null;
  }
}
