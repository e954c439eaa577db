import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { entitiesByKey, entityByKey, entityByKeyWithParent, firstRowsPerKey, LoaderFamily, rowsByKey } from '../../platform/loaders';
import { indicatorFiguresLoader } from '../../platform/indicators/batch';
import { preparedRows, quoted, statementText } from '../../platform/database/prepared';
import { Listing } from './entities/listing';
import { Order } from './entities/order';
import { Shop } from './entities/shop';
import { marketplaceIndicatorStatement } from './resolvers/indicator-report.resolver';
import { DOMESTIC_COUNTRY, ListingStatus, UNSOLD_ORDER_STATUS } from './vocabulary';

/** The order column each kind of sales summary groups by; every one is the first column of an index. */
export const SALES_SCOPE_COLUMNS = {
  listing: 'listing_id',
  shop: 'shop_id',
  household: 'seller_household_id',
  sellerProvince: 'seller_province_code',
  destinationProvince: 'destination_province_code',
} as const;
export type SalesScope = keyof typeof SALES_SCOPE_COLUMNS;

/** Order time window: `from` inclusive, `to` exclusive, either open. Nulls (not undefined) so loader keys agree. */
export interface Period {
  from: Date | null;
  to: Date | null;
}

/** One sales summary question; parents asking the same one share a loader and so a statement. */
export interface SalesQuestion {
  scope: SalesScope;
  period: Period;
}

export interface SalesTotals {
  orderCount: number;
  quantityKg: number;
  valueVnd: number;
}
export interface CountrySalesRow extends SalesTotals {
  country: string;
}
export interface ProvinceSalesRow extends SalesTotals {
  provinceCode: string;
}

/** One question's sales of one key, both ways, in the order PostgreSQL sorted them. */
interface SalesByDestination {
  byCountry: (CountrySalesRow & { scopeKey: string })[];
  byProvince: (ProvinceSalesRow & { scopeKey: string })[];
}

/** Sort key of a listing's orders page: newest first, the id breaking ties. */
export interface OrderPosition {
  orderedAt: Date;
  id: string;
}

/** Province scopes whose sums `order_province_rollup` holds, by the column of the province asked for. */
const ROLLED_UP_SCOPES: Partial<Record<SalesScope, string>> = { sellerProvince: 'seller_province_code', destinationProvince: 'destination_province_code' };
/** The destination province as the sales statement groups it (see salesByDestination). */
const PROVINCE = "(destination_province_code || '')";
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
/** True when the instant is a Vietnam midnight, so a rollup per Vietnam day can answer a period starting or ending there. */
const onDayBoundary = (instant: Date | null): boolean => instant === null || (instant.getTime() + VIETNAM_OFFSET_MS) % 86_400_000 === 0;
const vietnamDay = (instant: Date): string => new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);

/** Which sales statement a question needs: its text depends on these only, never on the keys or dates. */
interface SalesShape {
  scopeColumn: string;
  fromRollup: boolean;
  hasFrom: boolean;
  hasTo: boolean;
}

/**
 * Sold orders of all the keys of a tick, grouped twice (grouping sets): by key and destination country (the summary's
 * totals and its countries), and by key, country and province, from which the domestic provinces are taken. Largest
 * quantity first, then by destination. Bindings: the keys as one array, then the period's bounds that are set (and,
 * read from orders, the unsold status before them).
 */
function salesStatement(schema: string, { scopeColumn, fromRollup, hasFrom, hasTo }: SalesShape): string {
  return statementText(`${schema}|sales|${scopeColumn}|${fromRollup}|${hasFrom}|${hasTo}`, () => {
    const scope = quoted(scopeColumn);
    const [table, count, time] = fromRollup ? ['order_province_rollup', 'sum(order_count)', 'day'] : ['order', 'count(*)', 'ordered_at'];
    const conditions = [`${scope} = any(?)`, ...(fromRollup ? [] : ['status <> ?']), ...(hasFrom ? [`${time} >= ?`] : []), ...(hasTo ? [`${time} < ?`] : [])];
    return (
      `select ${scope} as scope_key, destination_country as country, ${PROVINCE} as province, grouping(${PROVINCE}) = 1 as country_total, ` +
      `${count}::int as order_count, sum(quantity_kg)::float8 as total_kg, sum(value_vnd)::float8 as total_vnd ` +
      `from ${quoted(schema)}.${quoted(table)} where ${conditions.join(' and ')} ` +
      // `|| ''` keeps nulls and makes the province an expression of its own: when the scope is the destination
      // province, the plain column is in both grouping sets and grouping() could not tell them apart
      `group by grouping sets ((${scope}, destination_country, ${PROVINCE}), (${scope}, destination_country)) ` +
      // a key whose sums all went back to zero (orders cancelled) has no sales, as when read from orders
      `${fromRollup ? 'having sum(order_count) <> 0 ' : ''}order by total_kg desc, country asc, province asc`
    );
  });
}

export function createMarketplaceLoaders(em: EntityManager) {
  const knex = em.getKnex();
  const schema = em.config.get('schema')!;

  /** One question's sales of all the keys of a tick, in one statement (see salesStatement). */
  async function salesByDestination({ scope, period }: SalesQuestion, keys: readonly string[]): Promise<SalesByDestination> {
    const rolledUp = ROLLED_UP_SCOPES[scope];
    // A province's sales over whole days come from the rollup kept at ingest (a few rows per day), not its orders.
    const fromRollup = rolledUp !== undefined && onDayBoundary(period.from) && onDayBoundary(period.to);
    const scopeColumn = fromRollup ? rolledUp : SALES_SCOPE_COLUMNS[scope];
    const bound = (instant: Date) => (fromRollup ? vietnamDay(instant) : instant);
    const sql = salesStatement(schema, { scopeColumn, fromRollup, hasFrom: period.from !== null, hasTo: period.to !== null });
    const bindings = [[...keys], ...(fromRollup ? [] : [UNSOLD_ORDER_STATUS]), ...(period.from ? [bound(period.from)] : []), ...(period.to ? [bound(period.to)] : [])];
    const rows = await preparedRows<Record<string, unknown>>(knex, sql, bindings);
    const byCountry: (CountrySalesRow & { scopeKey: string })[] = [];
    const byProvince: (ProvinceSalesRow & { scopeKey: string })[] = [];
    for (const row of rows) {
      const totals = { scopeKey: String(row.scope_key), orderCount: Number(row.order_count), quantityKg: Number(row.total_kg), valueVnd: Number(row.total_vnd) };
      if (row.country_total) byCountry.push({ ...totals, country: String(row.country) });
      // domestic orders with a province: the rollup writes '' for none, an order leaves it null
      else if (row.country === DOMESTIC_COUNTRY && row.province !== (fromRollup ? '' : null)) byProvince.push({ ...totals, provinceCode: String(row.province) });
    }
    return { byCountry, byProvince };
  }

  /** The sales of a question, both groupings, for every key of a tick: one statement serves byCountry and byProvince. */
  const salesOf = new LoaderFamily((question: SalesQuestion) =>
    new DataLoader(async (keys: readonly string[]) => {
      const { byCountry, byProvince } = await salesByDestination(question, keys);
      const of = new Map<string, SalesByDestination>(keys.map((key) => [key, { byCountry: [], byProvince: [] }]));
      for (const row of byCountry) of.get(row.scopeKey)?.byCountry.push(row);
      for (const row of byProvince) of.get(row.scopeKey)?.byProvince.push(row);
      return keys.map((key) => of.get(key)!);
    }),
  );

  const shop = entityByKey(em, Shop, 'id');
  return {
    /** Figures of the marketplace's indicators for the reports of a tick, in one statement. */
    indicatorFigures: indicatorFiguresLoader(em, marketplaceIndicatorStatement(schema)),
    shop,
    /** A listing with its shop, which listings looked up by ID (a trace page's, an order's) are mostly shown with. */
    listing: entityByKeyWithParent(em, Listing, 'id', { parent: Shop, foreignKey: 'shopId', parentKey: 'id', into: shop }),
    order: entityByKey(em, Order, 'id'),
    shopsOfHousehold: entitiesByKey(em, Shop, 'householdId', { orderBy: { id: 'asc' } }),
    /** A shop's listings with one status, or (status null) all but removed ones. */
    listingsOfShop: new LoaderFamily(({ status }: { status: ListingStatus | null }) =>
      entitiesByKey(em, Listing, 'shopId', { where: { status: status ?? { $ne: ListingStatus.REMOVED } }, orderBy: { id: 'asc' } }),
    ),
    /** The first page of orders of many listings in one statement, newest first. */
    ordersOfListing: new LoaderFamily(({ first, after }: { first: number; after: OrderPosition | null }) =>
      rowsByKey(
        (listingIds: readonly string[]) =>
          firstRowsPerKey(em, Order, {
            keyColumn: 'listing_id',
            keys: listingIds,
            orderBy: [{ column: 'ordered_at', order: 'desc' }, { column: 'id', order: 'desc' }],
            limit: first + 1,
            after: (query) => {
              if (after) query.whereRaw('(ordered_at, id) < (?, ?)', [after.orderedAt, after.id]);
            },
          }),
        (order) => order.listingId,
      ),
    ),
    /** Sold orders per key and destination country, VN included: their sums are the summary's totals. */
    salesByCountry: { with: (question: SalesQuestion) => ({ load: async (key: string) => (await salesOf.with(question).load(key)).byCountry }) },
    /** Sold domestic orders per key and destination province. */
    salesByProvince: { with: (question: SalesQuestion) => ({ load: async (key: string) => (await salesOf.with(question).load(key)).byProvince }) },
  };
}

export type MarketplaceLoaders = ReturnType<typeof createMarketplaceLoaders>;
