import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { communesOfProvince } from '../places';
import type { IndicatorFigures } from './graphql';
import { parseReportPeriod, type ReportPeriod } from './period';
import { parseReportScope, type ReportScope } from './scope';

/** One report asked for: the scope and period parsed from the `IndicatorReport` key. */
export interface ReportQuestion {
  key: string;
  scope: ReportScope;
  period: ReportPeriod;
}

export const reportKey = (scope: string, period: string): string => `${scope}|${period}`;

export function reportQuestion(reference: { scope: string; period: string }): ReportQuestion {
  const scope = parseReportScope(reference.scope);
  const period = parseReportPeriod(reference.period);
  return { key: reportKey(scope.id, period.name), scope, period };
}

/**
 * The reports of one tick as a SQL row source `q(key, province, commune, communes, p_from, p_to, q_from, q_to)` (p: the
 * period, q: the previous one; `communes`: the scope's communes from the places reference, null for the nation, for
 * owners whose facts know only a commune): each owner joins its facts to it and groups by `q.key`, so any number of
 * reports (a form asks for several scopes) costs one statement.
 */
export function questionsSql(questions: readonly ReportQuestion[]): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const tuples = questions.map(({ key, scope, period }) => {
    const communes = scope.provinceCode ? communesOfProvince(scope.provinceCode).map((commune) => commune.code) : scope.communeCode ? [scope.communeCode] : null;
    // Joined into one text: knex would spread an array into several parameters.
    params.push(key, scope.provinceCode, scope.communeCode, communes?.join(',') ?? null, period.from, period.to, period.previous.from, period.previous.to);
    return '(?::text, ?::text, ?::text, string_to_array(?::text, \',\'), ?::date, ?::date, ?::date, ?::date)';
  });
  return { sql: `(values ${tuples.join(', ')}) as q(key, province, commune, communes, p_from, p_to, q_from, q_to)`, params };
}

export interface FigureRow {
  key: string;
  code: string;
  achieved: number | string | null;
  previous: number | string | null;
  cumulative: number | string | null;
}

/**
 * A per-request loader: report question -> figures per indicator code, one statement per batch. Several statements
 * (an owner's rows from different tables) are joined into that one statement; each then reads the batch as the
 * common table `q`, which it may name more than once.
 */
export function indicatorFiguresLoader(
  em: EntityManager,
  ...statements: ((questions: { sql: string }) => string)[]
): DataLoader<ReportQuestion, Map<string, IndicatorFigures>, string> {
  return new DataLoader(
    async (questions) => {
      const unique = [...new Map(questions.map((question) => [question.key, question])).values()];
      const source = questionsSql(unique);
      const sql = statements.length === 1
        ? statements[0](source)
        : `with q as (select * from ${source.sql}) ${statements.map((statement) => `(${statement({ sql: 'q' })})`).join(' union all ')}`;
      const rows = await em.getConnection().execute<FigureRow[]>(sql, source.params);
      const byKey = new Map<string, Map<string, IndicatorFigures>>();
      for (const row of rows) {
        const figures = byKey.get(row.key) ?? new Map<string, IndicatorFigures>();
        figures.set(row.code, { achieved: Number(row.achieved ?? 0), previous: Number(row.previous ?? 0), cumulative: Number(row.cumulative ?? 0) });
        byKey.set(row.key, figures);
      }
      return questions.map((question) => byKey.get(question.key) ?? new Map());
    },
    { cacheKeyFn: (question) => question.key },
  );
}

const ZERO: IndicatorFigures = { achieved: 0, previous: 0, cumulative: 0 };
export const figuresOf = (figures: Map<string, IndicatorFigures>, code: string): IndicatorFigures => figures.get(code) ?? ZERO;
