import pino, { type DestinationStream, type Logger } from 'pino';

/** How long a log line may wait in the buffer before it is written (LOG_BUFFER_BYTES above 0). */
const FLUSH_EVERY_MS = 500;

/**
 * Standard output, written in blocks of LOG_BUFFER_BYTES (default 4096; 0 writes each line at once, as in a terminal):
 * one system call per line cost 3-4% of a busy subgraph's CPU. Lines wait at most half a second, and what is
 * buffered is written when the process exits; only a killed process (SIGKILL) loses that last half second.
 */
function standardOutput(): DestinationStream | undefined {
  const bufferBytes = Number(process.env.LOG_BUFFER_BYTES ?? (process.stdout.isTTY ? 0 : 4096));
  if (!Number.isFinite(bufferBytes) || bufferBytes <= 0) return undefined;
  // sonic-boom writes each block at once (retrying a full pipe); its own buffering would fsync at every flush.
  const output = pino.destination({ dest: 1, sync: true });
  let pending: string[] = [];
  let size = 0;
  const writePending = () => {
    if (pending.length === 0) return;
    const block = pending.join('');
    pending = [];
    size = 0;
    output.write(block);
  };
  setInterval(writePending, FLUSH_EVERY_MS).unref();
  process.on('exit', writePending);
  return {
    write(line: string) {
      pending.push(line);
      size += line.length;
      if (size >= bufferBytes) writePending();
    },
  };
}

/**
 * One JSON logger for every service. Level from LOG_LEVEL; by default `info`, `warn` in a terminal (npm start
 * prints its own lines there) and silent under jest. What could carry personal data or secrets is never
 * written: credentials and identity headers are redacted, and GraphQL variables and results are not logged at all.
 */
export const logger: Logger = pino(
  {
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : process.stdout.isTTY ? 'warn' : 'info'),
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['headers.authorization', 'headers.cookie', 'headers["x-nongsan-identity"]', 'headers["x-internal-token"]', 'variables', '*.variables'],
      censor: '[redacted]',
    },
  },
  process.env.NODE_ENV === 'test' ? undefined : standardOutput(),
);

export function serviceLogger(service: string): Logger {
  return logger.child({ service });
}
