/**
 * Token buckets per caller: `requests` per `seconds`, refilled continuously, so a burst up to the full allowance
 * passes and a steady caller gets the average rate. Buckets idle long enough to be full again are forgotten, so the
 * table cannot grow without bound.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number; seconds: number }>();
  private sweptAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Takes one request from the key's bucket: 0 when allowed, else the seconds to wait before the next one. */
  take(key: string, requests: number, seconds: number): number {
    if (!Number.isFinite(requests)) return 0;
    const now = this.now();
    const perMs = requests / (seconds * 1000);
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: requests, at: now, seconds };
    bucket.tokens = Math.min(requests, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  }

  private sweep(now: number): void {
    if (now - this.sweptAt < 60_000) return;
    this.sweptAt = now;
    for (const [key, bucket] of this.buckets) if (now - bucket.at > bucket.seconds * 1000) this.buckets.delete(key);
  }
}
