import type { HttpRequest, Route } from '../server/http';
import { problemResponse } from '../server/problem';
import { FORM_KINDS, FORMS, type FormKind } from './form-kinds';
import { FORM_QUERY, formCsv, formXlsx, type FormReport, type Reporter } from './official-form';

/** Runs a GraphQL operation as the caller of `request` would (the gateway passes its own executor). */
export type ExecuteAs = (
  request: HttpRequest,
  query: string,
  variables: Record<string, unknown>,
) => Promise<{ data?: Record<string, unknown> | null; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }>;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/**
 * `GET /reports/weekly.xlsx?province=20&week=2026-W23`, `/reports/monthly.xlsx?province=20&month=2026-06`,
 * `/reports/quarterly.xlsx?province=20&quarter=2026-Q2`, `/reports/annual.xlsx?province=20&year=2026` (or `.csv`; `commune=` instead of `province=` for a commune, none for the nation), with the reporter's block from
 * `organisation`, `name`, `phone`, `email`. The figures are the IndicatorReport the caller may see.
 */
export function officialFormRoutes(execute: ExecuteAs): Route[] {
  return [{
    method: 'GET',
    path: new RegExp(`^/reports/(${FORM_KINDS.join('|')})\\.(xlsx|csv)$`),
    handle: async (request, [kind, format]) => {
      const formKind = kind as FormKind;
      const parameters = new URLSearchParams(request.search);
      const expected = FORMS[formKind].parameter;
      const period = parameters.get(expected.name);
      const bad = (detail: string) => problemResponse({ type: 'about:blank', title: 'Bad report request', status: 400, detail });
      if (!period || !expected.pattern.test(period)) {
        return bad(`The ${formKind} form needs ${expected.name}=${expected.example} (got ${period === null ? 'none' : JSON.stringify(period)}).`);
      }
      const scope = parameters.get('commune') ?? parameters.get('province') ?? 'VN';
      const answer = await execute(request, FORM_QUERY, { scope, period });
      const report = answer.data?.indicatorReport as FormReport | null | undefined;
      if (!report) {
        const first = answer.errors?.[0];
        const forbidden = first?.extensions?.code === 'FORBIDDEN';
        return problemResponse({ type: 'about:blank', title: forbidden ? 'Forbidden' : 'Bad report request', status: forbidden ? 403 : 400, detail: first?.message ?? 'No report.' });
      }
      // A row a subgraph could not answer is left empty in the form and named in the header, never invented.
      const missing = (answer.errors ?? []).map((error) => error.message);
      const reporter: Reporter = {
        organisation: parameters.get('organisation') ?? undefined,
        name: parameters.get('name') ?? undefined,
        phone: parameters.get('phone') ?? undefined,
        email: parameters.get('email') ?? undefined,
      };
      const fileName = `bao-cao-${FORMS[formKind].slug}-${report.scope}-${report.period}.${format}`;
      const headers: Record<string, string> = {
        'content-disposition': `attachment; filename="${fileName}"`,
        ...(missing.length ? { 'x-nongsan-report-problems': encodeURIComponent(missing.join(' | ').slice(0, 1000)) } : {}),
      };
      return format === 'xlsx'
        ? { status: 200, headers: { 'content-type': XLSX, ...headers }, body: await formXlsx(formKind, report, reporter) }
        : { status: 200, headers: { 'content-type': 'text/csv; charset=utf-8', ...headers }, body: formCsv(formKind, report) };
    },
  }];
}
