import { GraphQLError } from 'graphql';

/**
 * Report periods as officials name them: an ISO week ("2026-W23"), a month ("2026-06"), a quarter ("2026-Q2"), a
 * year ("2026") or any range of days ("2026-06-01..2026-06-15", both ends included). Days are Vietnam calendar days;
 * `from` is included and `to` excluded, as ISO dates, so SQL compares `day >= from and day < to`.
 */
export interface ReportPeriod {
  /** The period as written by the caller, normalised. */
  name: string;
  kind: 'week' | 'month' | 'quarter' | 'year' | 'range';
  from: string;
  to: string;
  /** The period just before, of the same kind (same number of days for a range): the base of growth %. */
  previous: { from: string; to: string };
  /** The year whose target the period is measured against (the year of its last day). */
  year: number;
}

const DAY_MS = 86_400_000;

export function parseReportPeriod(text: string, argumentName = 'period'): ReportPeriod {
  const value = text.trim();
  const fail = (why: string): never => {
    throw new GraphQLError(`Period "${text}" ${why}. Write a week (2026-W23), month (2026-06), quarter (2026-Q2), year (2026) or days (2026-06-01..2026-06-15).`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName },
    });
  };
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})-W(\d{2})$/.exec(value))) {
    const [year, week] = [Number(match[1]), Number(match[2])];
    const monday = isoWeekMonday(year, week);
    if (week < 1 || isoWeekMonday(year + 1, 1) <= monday) fail(`has no week ${week} in ${year}`);
    const from = monday;
    const to = monday + 7 * DAY_MS;
    return period(`${year}-W${pad(week)}`, 'week', from, to, { from: from - 7 * DAY_MS, to: from });
  }
  if ((match = /^(\d{4})-(\d{2})$/.exec(value))) {
    const [year, month] = [Number(match[1]), Number(match[2])];
    if (month < 1 || month > 12) fail('names no month');
    return period(`${year}-${pad(month)}`, 'month', Date.UTC(year, month - 1, 1), Date.UTC(year, month, 1), { from: Date.UTC(year, month - 2, 1), to: Date.UTC(year, month - 1, 1) });
  }
  if ((match = /^(\d{4})-Q([1-4])$/.exec(value))) {
    const [year, quarter] = [Number(match[1]), Number(match[2])];
    const first = (quarter - 1) * 3;
    return period(`${year}-Q${quarter}`, 'quarter', Date.UTC(year, first, 1), Date.UTC(year, first + 3, 1), { from: Date.UTC(year, first - 3, 1), to: Date.UTC(year, first, 1) });
  }
  if ((match = /^(\d{4})$/.exec(value))) {
    const year = Number(match[1]);
    return period(`${year}`, 'year', Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1), { from: Date.UTC(year - 1, 0, 1), to: Date.UTC(year, 0, 1) });
  }
  if ((match = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value))) {
    const first = parseDay(match[1]) ?? fail(`has no day ${match[1]}`);
    const last = parseDay(match[2]) ?? fail(`has no day ${match[2]}`);
    if (last < first) fail('ends before it starts');
    const to = last + DAY_MS;
    return period(`${match[1]}..${match[2]}`, 'range', first, to, { from: first - (to - first), to: first });
  }
  return fail('is not a period');
}

function period(name: string, kind: ReportPeriod['kind'], from: number, to: number, previous: { from: number; to: number }): ReportPeriod {
  return {
    name, kind, from: day(from), to: day(to), previous: { from: day(previous.from), to: day(previous.to) }, year: new Date(to - DAY_MS).getUTCFullYear(),
  };
}

/** Monday of ISO week 1 is the Monday of the week holding 4 January. */
function isoWeekMonday(year: number, week: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - weekday * DAY_MS + (week - 1) * 7 * DAY_MS;
}

function parseDay(text: string): number | null {
  const time = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(time) || day(time) !== text ? null : time;
}

const day = (time: number): string => new Date(time).toISOString().slice(0, 10);
const pad = (n: number): string => String(n).padStart(2, '0');
