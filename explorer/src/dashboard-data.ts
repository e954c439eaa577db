/**
 * The dashboard's queries, built for the nation or one province over a period, and the rows each chart shows.
 * Every chart keeps the query and variables it ran, for its "see the query" link and its "download data" rows.
 */
import type { Json } from './table';

export interface Scope {
  /** Two-digit province code; null for the nation. */
  provinceCode: string | null;
  fromYear: number;
  toYear: number;
}

export interface ChartQuery {
  query: string;
  variables: Record<string, unknown>;
}

export interface Quarter {
  label: string;
  from: string;
  to: string;
}

/** Quarters of the period; at most 12 (three years), one alias each, to stay within the gateway's alias limit. */
export function quarters(scope: Scope): Quarter[] {
  const list: Quarter[] = [];
  for (let year = scope.fromYear; year <= scope.toYear && list.length < 12; year++) {
    for (let quarter = 0; quarter < 4; quarter++) {
      const from = new Date(Date.UTC(year, quarter * 3, 1)).toISOString();
      const to = new Date(Date.UTC(year, quarter * 3 + 3, 1)).toISOString();
      list.push({ label: `Q${quarter + 1}/${year}`, from, to });
    }
  }
  return list;
}

export function periodOf(scope: Scope): { from: string; to: string } {
  return { from: new Date(Date.UTC(scope.fromYear, 0, 1)).toISOString(), to: new Date(Date.UTC(scope.toYear + 1, 0, 1)).toISOString() };
}

/** Tonnes sold by the scope's sellers, per quarter. */
export function tonnesOverTimeQuery(scope: Scope): ChartQuery {
  const list = quarters(scope);
  const fields = list.map((_, index) => `q${index}: salesOutOf(period: $q${index}) { quantityKg orderCount }`).join('\n    ');
  const declarations = list.map((_, index) => `$q${index}: PeriodInput`).join(', ');
  const variables: Record<string, unknown> = Object.fromEntries(list.map((quarter, index) => [`q${index}`, { from: quarter.from, to: quarter.to }]));
  if (scope.provinceCode) {
    variables.code = scope.provinceCode;
    return { query: `query TonnesOverTime($code: String!, ${declarations}) {\n  province(code: $code) {\n    code\n    name\n    ${fields}\n  }\n}\n`, variables };
  }
  return { query: `query TonnesOverTime(${declarations}) {\n  provinces {\n    code\n    name\n    ${fields}\n  }\n}\n`, variables };
}

/** Where the scope's sales went: destination provinces (with their centroids) and countries. */
export function reachQuery(scope: Scope): ChartQuery {
  const period = periodOf(scope);
  if (scope.provinceCode) {
    return {
      query: `query Reach($code: String!, $period: PeriodInput) {
  province(code: $code) {
    code
    name
    salesOutOf(period: $period) {
      byProvince { province { code name latitude longitude } quantityKg orderCount }
      byCountry { country countryName quantityKg orderCount }
    }
  }
}
`,
      variables: { code: scope.provinceCode, period },
    };
  }
  return {
    query: `query Reach($period: PeriodInput) {
  provinces {
    code
    name
    latitude
    longitude
    salesInto(period: $period) { quantityKg orderCount }
    salesOutOf(period: $period) { byCountry { country countryName quantityKg orderCount } }
  }
}
`,
    variables: { period },
  };
}

/** Households in the registry against the programme's denominator (farming households, statistics office). */
export function householdsQuery(scope: Scope): ChartQuery {
  if (scope.provinceCode) {
    return {
      query: `query HouseholdsVsTarget($code: String!) {
  province(code: $code) { code name farmingHouseholds }
  households(filter: { provinceCode: $code }) { totalCount }
}
`,
      variables: { code: scope.provinceCode },
    };
  }
  return {
    query: `query HouseholdsVsTarget {
  provinces { code name farmingHouseholds }
  households { totalCount }
}
`,
    variables: {},
  };
}

interface SalesFigures {
  quantityKg: number;
  orderCount: number;
}
type Place = { code: string; name: string; latitude: number | null; longitude: number | null };
type ProvinceRow = Place & Record<string, unknown>;

/** The province rows of an answer: the list for the nation, the one province otherwise. */
function provinceRows(data: Record<string, Json>): ProvinceRow[] {
  if (Array.isArray(data.provinces)) return data.provinces as unknown as ProvinceRow[];
  return data.province ? [data.province as unknown as ProvinceRow] : [];
}

export function tonnesRows(scope: Scope, data: Record<string, Json>): Array<{ quarter: string; tonnes: number; orders: number }> {
  const rows = provinceRows(data);
  return quarters(scope).map((quarter, index) => {
    const figures = rows.map((row) => row[`q${index}`] as SalesFigures);
    return {
      quarter: quarter.label,
      tonnes: Math.round(figures.reduce((sum, figure) => sum + figure.quantityKg, 0)) / 1000,
      orders: figures.reduce((sum, figure) => sum + figure.orderCount, 0),
    };
  });
}

export interface ProvinceReached {
  code: string;
  name: string;
  latitude: number | null;
  longitude: number | null;
  tonnes: number;
  orders: number;
}

export interface CountryReached {
  country: string;
  countryName: string;
  tonnes: number;
  orders: number;
}

export function reachRows(data: Record<string, Json>): { provinces: ProvinceReached[]; countries: CountryReached[] } {
  const rows = provinceRows(data);
  const countries = new Map<string, CountryReached>();
  let provinces: ProvinceReached[];
  if (Array.isArray(data.provinces)) {
    provinces = rows.map((row) => {
      const into = row.salesInto as SalesFigures;
      return { code: row.code, name: row.name, latitude: row.latitude, longitude: row.longitude, tonnes: into.quantityKg / 1000, orders: into.orderCount };
    });
  } else {
    const sales = (rows[0]?.salesOutOf ?? { byProvince: [] }) as { byProvince: Array<SalesFigures & { province: Place }> };
    provinces = sales.byProvince.map((entry) => ({ ...entry.province, tonnes: entry.quantityKg / 1000, orders: entry.orderCount }));
  }
  for (const row of rows) {
    for (const entry of (row.salesOutOf as { byCountry: Array<SalesFigures & { country: string; countryName: string }> }).byCountry) {
      if (entry.country === 'VN') continue;
      const country = countries.get(entry.country) ?? { country: entry.country, countryName: entry.countryName, tonnes: 0, orders: 0 };
      country.tonnes += entry.quantityKg / 1000;
      country.orders += entry.orderCount;
      countries.set(entry.country, country);
    }
  }
  return {
    provinces: provinces.filter((province) => province.orders > 0).sort((a, b) => b.tonnes - a.tonnes),
    countries: [...countries.values()].sort((a, b) => b.tonnes - a.tonnes),
  };
}

export function householdRows(data: Record<string, Json>): { registered: number; farmingHouseholds: number | null; provincesCounted: number } {
  const rows = provinceRows(data) as unknown as Array<{ farmingHouseholds: number | null }>;
  const counted = rows.filter((row) => row.farmingHouseholds !== null);
  return {
    registered: (data.households as { totalCount: number }).totalCount,
    farmingHouseholds: counted.length ? counted.reduce((sum, row) => sum + (row.farmingHouseholds ?? 0), 0) : null,
    provincesCounted: counted.length,
  };
}
