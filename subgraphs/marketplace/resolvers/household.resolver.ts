import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph';
import { Household } from '../entities/references';
import { Shop } from '../entities/shop';
import type { MarketplaceLoaders } from '../loaders';
import { PeriodInput, SalesSummary, salesSummary } from './sales.resolver';

type Context = SubgraphContext<MarketplaceLoaders>;

@Resolver(() => Household)
export class HouseholdResolver {
  @FieldResolver(() => [Shop], { nullable: true, description: 'The household\'s shops on Postmart.vn and Voso.vn, by ID (indicator I.3).' })
  shops(@Root() household: Household, @Ctx() { loaders }: Context): Promise<Shop[]> {
    return loaders.shopsOfHousehold.load(household.id);
  }

  @FieldResolver(() => SalesSummary, { nullable: true, description: 'Sales of all the household\'s listings on every platform.' })
  sales(
    @Root() household: Household,
    @Arg('period', () => PeriodInput, { nullable: true }) period: PeriodInput | null | undefined,
  ): SalesSummary {
    return salesSummary('household', household.id, period);
  }
}
