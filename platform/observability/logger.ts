import pino, { type Logger } from 'pino';

/**
 * One JSON logger for every service. Level from LOG_LEVEL; by default `info`, `warn` in a terminal (npm start
 * prints its own lines there) and silent under jest. What could carry personal data or secrets is never
 * written: credentials and identity headers are redacted, and GraphQL variables and results are not logged at all.
 */
export const logger: Logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : process.stdout.isTTY ? 'warn' : 'info'),
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: ['headers.authorization', 'headers.cookie', 'headers["x-nongsan-identity"]', 'headers["x-internal-token"]', 'variables', '*.variables'],
    censor: '[redacted]',
  },
});

export function serviceLogger(service: string): Logger {
  return logger.child({ service });
}
