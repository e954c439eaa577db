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

/** Quarters of the period; at most 12 (three years), one alias each, to stay within the gateway's alias limit. */
export function quarters(scope: Scope): string[] {
  const list: string[] = [];
  for (let year = scope.fromYear; year <= scope.toYear && list.length < 12; year++) {
    for (let quarter = 1; quarter <= 4; quarter++) list.push(`${year}-Q${quarter}`);
  }
  return list;
}

export function periodOf(scope: Scope): { from: string; to: string } {
  return { from: new Date(Date.UTC(scope.fromYear, 0, 1)).toISOString(), to: new Date(Date.UTC(scope.toYear + 1, 0, 1)).toISOString() };
}

/** Indicator II.2 (tonnes of produce delivered, sold by the scope's shops) per quarter, from the indicator reports. */
export function tonnesOverTimeQuery(scope: Scope): ChartQuery {
  const fields = quarters(scope)
    .map((quarter, index) => `q${index}: indicatorReport(scope: $scope, period: "${quarter}") { period salesRows { code achieved } }`)
    .join('\n  ');
  return { query: `query TonnesOverTime($scope: String!) {\n  ${fields}\n}\n`, variables: { scope: scope.provinceCode ?? 'VN' } };
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

/** The days of the period as the indicator reports take them ("2025-01-01..2026-12-31"). */
export function reportPeriod(scope: Scope): string {
  return `${scope.fromYear}-01-01..${scope.toYear}-12-31`;
}

/** The programme's indicator report for the scope and period, with each row's target and completion. */
export function indicatorsQuery(scope: Scope): ChartQuery {
  const rows = 'code labelVi labelEn unit achieved previous growthPct cumulative note';
  return {
    query: `query Indicators($scope: String!, $period: String!) {
  indicatorReport(scope: $scope, period: $period) {
    scopeName
    period
    householdRows { ${rows} }
    salesRows { ${rows} }
    traceabilityRows { ${rows} }
    completion { code target targetNote completionPct }
  }
}
`,
    variables: { scope: scope.provinceCode ?? 'VN', period: reportPeriod(scope) },
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

export function tonnesRows(scope: Scope, data: Record<string, Json>): Array<{ quarter: string; tonnes: number | null }> {
  return quarters(scope).map((quarter, index) => {
    const report = data[`q${index}`] as unknown as { salesRows: Array<{ code: string; achieved: number | null }> };
    return { quarter, tonnes: report.salesRows.find((row) => row.code === 'II.2')?.achieved ?? null };
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

export interface IndicatorRow {
  code: string;
  labelVi: string;
  labelEn: string;
  unit: string;
  achieved: number | null;
  previous: number | null;
  growthPct: number | null;
  cumulative: number | null;
  note: string;
}

export interface IndicatorLine extends IndicatorRow {
  target: number | null;
  completionPct: number | null;
  targetNote: string | null;
}

/** Every row of the report (a source that is down leaves its rows out), in the forms' order, with its target. */
export function indicatorRows(data: Record<string, Json>): IndicatorLine[] {
  type Report = { householdRows: IndicatorRow[]; salesRows: IndicatorRow[] | null; traceabilityRows: IndicatorRow[] | null };
  const report = data.indicatorReport as unknown as Report & { completion: Array<{ code: string; target: number | null; targetNote: string; completionPct: number | null }> | null };
  const completion = new Map((report.completion ?? []).map((entry) => [entry.code, entry]));
  return [...report.householdRows, ...(report.salesRows ?? []), ...(report.traceabilityRows ?? [])]
    .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }))
    .map((row) => ({
      ...row,
      target: completion.get(row.code)?.target ?? null,
      completionPct: completion.get(row.code)?.completionPct ?? null,
      targetNote: completion.get(row.code)?.targetNote ?? null,
    }));
}
