import { Arg, FieldResolver, Resolver, Root } from 'type-graphql';
import { Province } from '../entities/references';
import { provinceNameResolver } from '../../../platform/graphql/entity-references';
import { PeriodInput, SalesSummary, salesSummary } from './sales.resolver';

/** Province names for the sales by destination, without a call to the registry. */
export const ProvinceNameResolver = provinceNameResolver(Province);

@Resolver(() => Province)
export class ProvinceResolver {
  @FieldResolver(() => SalesSummary, {
    nullable: true,
    description: 'Orders delivered into the province (tiêu thụ vào tỉnh), from sellers anywhere; `byProvince` is this province alone.',
  })
  salesInto(
    @Root() province: Province,
    @Arg('period', () => PeriodInput, { nullable: true }) period: PeriodInput | null | undefined,
  ): SalesSummary {
    return salesSummary('destinationProvince', province.code, period);
  }

  @FieldResolver(() => SalesSummary, {
    nullable: true,
    description: 'Orders sold by shops of households registered in the province (tiêu thụ từ tỉnh), wherever delivered.',
  })
  salesOutOf(
    @Root() province: Province,
    @Arg('period', () => PeriodInput, { nullable: true }) period: PeriodInput | null | undefined,
  ): SalesSummary {
    return salesSummary('sellerProvince', province.code, period);
  }
}
