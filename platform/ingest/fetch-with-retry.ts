/**
 * GET a JSON document from a partner's API, retrying what is worth retrying: 429 Too Many Requests (after the
 * Retry-After the server asks for, within bounds), 5xx and network failures, with exponential backoff and a
 * bounded number of attempts. Other 4xx answers are the caller's mistake and fail at once.
 */

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts?: number;
  /** Wait before the first retry; doubled for each further one. */
  baseDelayMs?: number;
  /** No wait is longer than this, whatever Retry-After says. */
  maxDelayMs?: number;
  /** Told about each retry (for a progress line). */
  onRetry?: (retry: { attempt: number; delayMs: number; reason: string }) => void;
  /** Replaceable so that tests need not wait. */
  sleep?: (ms: number) => Promise<void>;
}

export class HttpFetchError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'HttpFetchError';
  }
}

const RETRIED_STATUSES = new Set([429, 500, 502, 503, 504]);

export async function fetchJsonWithRetry<T>(url: string, init: RequestInit, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const where = describe(url);

  for (let attempt = 1; ; attempt++) {
    let reason: string;
    let askedDelayMs: number | null = null;
    let status: number | null = null;
    try {
      const response = await fetch(url, init);
      status = response.status;
      if (response.ok) {
        try {
          return (await response.json()) as T;
        } catch {
          throw new HttpFetchError(`${where} answered ${response.status} but its body is not JSON.`, response.status);
        }
      }
      const text = (await response.text()).slice(0, 300);
      if (!RETRIED_STATUSES.has(response.status)) {
        throw new HttpFetchError(`${where} answered ${response.status} ${response.statusText}: ${text}`, response.status);
      }
      reason = `${response.status} ${response.statusText}`;
      askedDelayMs = retryAfterMs(response.headers.get('retry-after'));
    } catch (error) {
      if (error instanceof HttpFetchError) throw error;
      reason = `network error: ${(error as Error).message}`;
    }
    if (attempt >= attempts) {
      throw new HttpFetchError(`${where} still failed after ${attempts} attempts (last: ${reason}).`, status);
    }
    const backoffMs = baseDelayMs * 2 ** (attempt - 1);
    const delayMs = Math.min(maxDelayMs, Math.max(backoffMs, askedDelayMs ?? 0));
    options.onRetry?.({ attempt, delayMs, reason });
    await sleep(delayMs);
  }
}

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/** The URL without its query string (which may carry cursors or tokens) for messages. */
function describe(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
