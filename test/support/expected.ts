import { demoDataset } from '../../demo/dataset';

/**
 * What the hub should answer, computed independently from the demo data set (plain JavaScript over the
 * records the subgraphs loaded), so the tests check storage, joins and aggregation end to end.
 */
export const SOLD = (status: string) => status !== 'CANCELLED';

export function expectedSales(listingIds: string[]) {
  const ids = new Set(listingIds);
  const orders = demoDataset().orders.filter((order) => ids.has(order.listingId) && SOLD(order.status));
  const byProvince = new Map<string, number>();
  const byCountry = new Map<string, number>();
  for (const order of orders) {
    if (order.destinationCountry === 'VN') {
      byProvince.set(order.destinationProvinceCode!, (byProvince.get(order.destinationProvinceCode!) ?? 0) + order.quantityKg);
    }
    byCountry.set(order.destinationCountry, (byCountry.get(order.destinationCountry) ?? 0) + order.quantityKg);
  }
  return {
    orderCount: orders.length,
    quantityKg: round(orders.reduce((sum, order) => sum + order.quantityKg, 0)),
    valueVnd: orders.reduce((sum, order) => sum + order.valueVnd, 0),
    byProvince: [...byProvince].map(([code, kg]) => ({ code, quantityKg: round(kg) })).sort(byKey('code')),
    byCountry: [...byCountry].map(([country, kg]) => ({ country, quantityKg: round(kg) })).sort(byKey('country')),
  };
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export function byKey<T>(key: keyof T) {
  return (a: T, b: T) => String(a[key]).localeCompare(String(b[key]));
}
