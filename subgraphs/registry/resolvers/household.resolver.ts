import type { FilterQuery } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph';
import {
  checkPageSize, ConnectionType, decodeCursor, type FilteredPage, findPageById, PageArgs, toPage, TotalCountResolver,
} from '../../../platform/graphql/pagination';
import { Household, Training } from '../entities/household';
import { Commune, Province } from '../entities/place';
import type { RegistryLoaders } from '../loaders';
import { HOUSEHOLD_KIND_LABELS, HouseholdKind, ProductGroup, TrainingTopic } from '../vocabulary';

type Context = SubgraphContext<RegistryLoaders>;

@InputType({ description: 'All given conditions must hold.' })
export class HouseholdFilter {
  @Field(() => String, { nullable: true, description: 'Five-digit commune code.' })
  communeCode?: string;

  @Field(() => String, { nullable: true, description: 'Two-digit province code.' })
  provinceCode?: string;

  @Field(() => HouseholdKind, { nullable: true })
  kind?: HouseholdKind;

  @Field(() => ProductGroup, { nullable: true })
  productGroup?: ProductGroup;

  @Field(() => ID, { nullable: true, description: 'Members of this cooperative.' })
  cooperativeId?: string;
}

export const HouseholdConnection = ConnectionType(Household, 'Household');

function toWhere(filter: HouseholdFilter | undefined): FilterQuery<Household> {
  const where: Record<string, unknown> = {};
  if (filter?.communeCode) where.communeCode = filter.communeCode;
  if (filter?.provinceCode) where.provinceCode = filter.provinceCode;
  if (filter?.kind) where.kind = filter.kind;
  if (filter?.productGroup) where.productGroups = { $overlap: [filter.productGroup] };
  if (filter?.cooperativeId) where.cooperativeId = filter.cooperativeId;
  return where as FilterQuery<Household>;
}

export const HouseholdConnectionResolver = TotalCountResolver(
  HouseholdConnection,
  Household,
  'Number of households matching the filter (counted only when asked for).',
);

@Resolver(() => Household)
export class HouseholdResolver {
  @Query(() => Household, { nullable: true, description: 'A household by its standard ID.' })
  household(@Arg('id', () => ID) id: string, @Ctx() { loaders }: Context): Promise<Household | null> {
    return loaders.household.load(id);
  }

  @Query(() => HouseholdConnection, { description: 'Households, filtered, in pages ordered by ID.' })
  households(
    @Arg('filter', () => HouseholdFilter, { nullable: true }) filter: HouseholdFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em }: Context,
  ): Promise<FilteredPage<Household>> {
    return findPageById(em, Household, toWhere(filter), page);
  }

  @FieldResolver(() => String, { description: 'Kind as the programme documents write it, e.g. "Hợp tác xã".' })
  kindLabel(@Root() household: Household): string {
    return HOUSEHOLD_KIND_LABELS[household.kind];
  }

  @FieldResolver(() => Commune)
  async commune(@Root() household: Household, @Ctx() { loaders }: Context): Promise<Commune> {
    return required(await loaders.commune.load(household.communeCode), `commune ${household.communeCode}`);
  }

  @FieldResolver(() => Province)
  async province(@Root() household: Household, @Ctx() { loaders }: Context): Promise<Province> {
    return required(await loaders.province.load(household.provinceCode), `province ${household.provinceCode}`);
  }

  @FieldResolver(() => Household, { nullable: true, description: 'The cooperative this household is a member of.' })
  cooperative(@Root() household: Household, @Ctx() { loaders }: Context): Promise<Household | null> | null {
    return household.cooperativeId ? loaders.household.load(household.cooperativeId) : null;
  }

  @FieldResolver(() => HouseholdConnection, { description: 'Member households of a cooperative or cooperative group.' })
  async members(
    @Root() household: Household,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() { loaders }: Context,
  ): Promise<FilteredPage<Household>> {
    checkPageSize(first);
    const rows = await loaders.members.with({ first, after: decodeCursor(after) }).load(household.id);
    return { ...toPage(rows, first, (member) => member.id), count: () => loaders.memberCount.load(household.id) };
  }

  @FieldResolver(() => [Training])
  trainings(@Root() household: Household, @Ctx() { loaders }: Context): Promise<Training[]> {
    return loaders.trainings.load(household.id);
  }

  @FieldResolver(() => Boolean, { description: 'Trained in digital skills (indicator I.1).' })
  async trainedInDigitalSkills(@Root() household: Household, @Ctx() { loaders }: Context): Promise<boolean> {
    return (await loaders.trainings.load(household.id)).some((training) => training.topic === TrainingTopic.DIGITAL_SKILLS);
  }

  @FieldResolver(() => Boolean, { description: 'Trained in the packing-connecting-delivery process (indicator I.2).' })
  async trainedInPackingAndDelivery(@Root() household: Household, @Ctx() { loaders }: Context): Promise<boolean> {
    return (await loaders.trainings.load(household.id)).some((training) => training.topic === TrainingTopic.PACKING_AND_DELIVERY);
  }
}

/** Reference data is loaded before households; a missing unit means a broken database, not a user error. */
function required<T>(value: T | null, what: string): T {
  if (value === null) throw new GraphQLError(`The registry has no ${what}: its reference data is incomplete.`);
  return value;
}
