import { GraphQLError } from 'graphql';
import { Ctx, Field, FieldResolver, Float, InputType, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph';
import { Province } from '../entities/references';
import type { CountrySalesRow, MarketplaceLoaders, Period, SalesQuestion, SalesScope, SalesTotals } from '../loaders';
import { COUNTRY_NAMES } from '../vocabulary';
import { currentProvince } from '../../../platform/places';

type Context = SubgraphContext<MarketplaceLoaders>;

const SOLD_ORDERS = 'Counts every order whose status is not CANCELLED (placed, shipping and delivered orders), by order time.';

@InputType({ description: 'A window of order times: `from` inclusive, `to` exclusive; leave either out for an open end.' })
export class PeriodInput {
  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;
}

@ObjectType({ description: 'Sales into one domestic province (tỉnh, thành phố nhận hàng).' })
export class ProvinceSales {
  @Field(() => Province, { nullable: true, description: 'The destination province.' })
  province!: Province | null;

  @Field(() => Int)
  orderCount!: number;

  @Field(() => Float)
  quantityKg!: number;

  @Field(() => Float, { description: 'VND (whole đồng).' })
  valueVnd!: number;
}

@ObjectType({ description: 'Sales to one country, Vietnam ("VN") included (thị trường tiêu thụ).' })
export class CountrySales {
  @Field(() => String, { description: 'ISO 3166-1 alpha-2 code, "VN" for domestic orders.' })
  country!: string;

  @Field(() => String, { description: 'Country name as the export-promotion team writes it, e.g. "Trung Quốc".' })
  countryName!: string;

  @Field(() => Int)
  orderCount!: number;

  @Field(() => Float)
  quantityKg!: number;

  @Field(() => Float, { description: 'VND (whole đồng).' })
  valueVnd!: number;
}

/**
 * Sales of a listing, shop, household or province over a period. The object only carries the question;
 * each field is answered by a batched GROUP BY, so unrequested breakdowns cost nothing.
 */
@ObjectType({ description: `Sales summary (kết quả tiêu thụ) over a period. ${SOLD_ORDERS}` })
export class SalesSummary {
  question!: SalesQuestion;
  key!: string;
}

/** The summary for `key` (a listing id, household id, province code...) of the given scope. */
export function salesSummary(scope: SalesScope, key: string, period: PeriodInput | null | undefined): SalesSummary {
  const from = period?.from ?? null;
  const to = period?.to ?? null;
  if (from && to && from.getTime() >= to.getTime()) {
    throw new GraphQLError('The period is empty: "from" must be earlier than "to".', {
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'period' },
    });
  }
  const normalised: Period = { from, to };
  return { question: { scope, period: normalised }, key };
}

@Resolver(() => SalesSummary)
export class SalesSummaryResolver {
  @FieldResolver(() => Int, { description: 'Number of sold orders.' })
  async orderCount(@Root() summary: SalesSummary, @Ctx() { loaders }: Context): Promise<number> {
    return (await totals(summary, loaders)).orderCount;
  }

  @FieldResolver(() => Float, { description: 'Kilograms sold (indicator II.2 adds them up in tonnes).' })
  async quantityKg(@Root() summary: SalesSummary, @Ctx() { loaders }: Context): Promise<number> {
    return (await totals(summary, loaders)).quantityKg;
  }

  @FieldResolver(() => Float, { description: 'Value sold in VND (whole đồng).' })
  async valueVnd(@Root() summary: SalesSummary, @Ctx() { loaders }: Context): Promise<number> {
    return (await totals(summary, loaders)).valueVnd;
  }

  @FieldResolver(() => [ProvinceSales], {
    description: `Domestic sales by destination province, largest quantity first (indicator II.6). ${SOLD_ORDERS}`,
  })
  async byProvince(@Root() summary: SalesSummary, @Ctx() { loaders }: Context): Promise<ProvinceSales[]> {
    const rows = await loaders.salesByProvince.with(summary.question).load(summary.key);
    return rows.map(({ provinceCode, orderCount, quantityKg, valueVnd }) => ({
      // A code that is no current province (never stored by the importers) gets no province, as the registry would.
      province: currentProvince(provinceCode) ? { code: provinceCode } : null,
      orderCount,
      quantityKg: roundKg(quantityKg),
      valueVnd,
    }));
  }

  @FieldResolver(() => [CountrySales], {
    description: `All sales by destination country, "VN" included, so they add up to the totals; largest quantity first (indicator II.7). ${SOLD_ORDERS}`,
  })
  async byCountry(@Root() summary: SalesSummary, @Ctx() { loaders }: Context): Promise<CountrySales[]> {
    const rows = await loaders.salesByCountry.with(summary.question).load(summary.key);
    return rows.map(({ country, orderCount, quantityKg, valueVnd }) => ({
      country,
      countryName: COUNTRY_NAMES[country] ?? country,
      orderCount,
      quantityKg: roundKg(quantityKg),
      valueVnd,
    }));
  }
}

/** Totals derive from the country rows (every sold order has a destination country): no extra statement. */
async function totals(summary: SalesSummary, loaders: MarketplaceLoaders): Promise<SalesTotals> {
  const rows: CountrySalesRow[] = await loaders.salesByCountry.with(summary.question).load(summary.key);
  return {
    orderCount: rows.reduce((sum, row) => sum + row.orderCount, 0),
    quantityKg: roundKg(rows.reduce((sum, row) => sum + row.quantityKg, 0)),
    valueVnd: rows.reduce((sum, row) => sum + row.valueVnd, 0),
  };
}

/** Quantities are stored to the gram; rounding removes the floating-point noise of adding them up. */
function roundKg(kg: number): number {
  return Math.round(kg * 1000) / 1000;
}
