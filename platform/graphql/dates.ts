import { GraphQLError } from 'graphql';

/* Calendar dates travel as 'YYYY-MM-DD' strings, which compare correctly as strings. */

const VIETNAM_UTC_OFFSET_MS = 7 * 3_600_000;

/** Today's calendar date in Vietnam (UTC+7, no daylight saving), which is when certificates expire. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** Checks a 'YYYY-MM-DD' argument, so a malformed date is a clear error rather than a silent string comparison. */
export function calendarDateArgument(value: string, argumentName: string): string {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw new GraphQLError(`"${argumentName}" must be a calendar date YYYY-MM-DD, got "${value}".`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName },
    });
  }
  return value;
}
