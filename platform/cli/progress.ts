/**
 * Progress of a long job (a generator phase, an import) on stderr: a redrawn bar on a terminal, a line every few
 * seconds otherwise (CI logs, files), and a final line with the count, the time and the rate.
 */
export interface Progress {
  /** Adds `count` done units. */
  tick(count?: number): void;
  /** Ends the bar and returns the figures, for reports. */
  done(): ProgressFigures;
}

export interface ProgressFigures {
  label: string;
  count: number;
  seconds: number;
  perSecond: number;
}

export interface ProgressOptions {
  label: string;
  /** Expected units, when known: shows a percentage and an estimate of the time left. */
  total?: number;
  /** Plural noun of what is counted, e.g. "rows". */
  unit?: string;
  /** Where to write; stderr by default so that stdout stays parseable. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Nothing is printed (tests, library use); figures are still measured. */
  quiet?: boolean;
}

const REDRAW_MS = 200;
const LOG_LINE_MS = 5000;
const BAR_WIDTH = 24;

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const unit = options.unit ?? 'rows';
  const interactive = Boolean(stream.isTTY) && !options.quiet;
  const started = Date.now();
  let count = 0;
  // A log (not a terminal) gets its first line after an interval, not a "1 rows" line at once.
  let lastDrawn = interactive ? 0 : started;
  let finished: ProgressFigures | undefined;

  const line = (now: number): string => {
    const seconds = (now - started) / 1000;
    const rate = seconds > 0 ? count / seconds : 0;
    const parts = [`${options.label}: ${formatCount(count)}`];
    if (options.total) {
      const fraction = Math.min(count / options.total, 1);
      const filled = Math.round(fraction * BAR_WIDTH);
      parts[0] = `${options.label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${formatCount(count)}/${formatCount(options.total)}`;
      if (rate > 0 && fraction < 1) parts.push(`~${formatDuration((options.total - count) / rate)} left`);
    }
    parts.push(`${unit}, ${formatCount(Math.round(rate))} ${unit}/s`);
    return parts.join(' ');
  };

  return {
    tick(added = 1) {
      count += added;
      if (options.quiet) return;
      const now = Date.now();
      if (now - lastDrawn < (interactive ? REDRAW_MS : LOG_LINE_MS)) return;
      lastDrawn = now;
      stream.write(interactive ? `\r${line(now)}\x1b[K` : `${line(now)}\n`);
    },
    done() {
      if (finished) return finished;
      const now = Date.now();
      const seconds = (now - started) / 1000;
      finished = { label: options.label, count, seconds, perSecond: seconds > 0 ? count / seconds : count };
      if (!options.quiet) {
        const summary = `${options.label}: ${formatCount(count)} ${unit} in ${formatDuration(seconds)} (${formatCount(Math.round(finished.perSecond))} ${unit}/s)`;
        stream.write(interactive ? `\r${summary}\x1b[K\n` : `${summary}\n`);
      }
      return finished;
    },
  };
}

/** 1234567 -> "1,234,567". */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** Seconds -> "42 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
