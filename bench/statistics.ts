/** Latency figures of one measured run, in milliseconds. */
export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

/** The nearest-rank percentile (0 < p <= 100) of values sorted in ascending order; NaN when there are none. */
export function percentile(sortedValues: ArrayLike<number>, p: number): number {
  if (sortedValues.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sortedValues.length);
  return sortedValues[Math.min(sortedValues.length, Math.max(1, rank)) - 1];
}

export function summariseLatencies(latenciesMs: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(latenciesMs).sort();
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.length ? sum / sorted.length : Number.NaN,
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
  };
}

/** A contender's figure as a multiple of ours; null when either is missing or ours is zero. */
export function ratio(theirs: number | null | undefined, ours: number | null | undefined): number | null {
  if (theirs == null || ours == null || !Number.isFinite(theirs) || !Number.isFinite(ours) || ours === 0) return null;
  return theirs / ours;
}

/** Counter increases between two readings of the same counters, by name. */
export function counterDeltas(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((name) => [name, after[name] - (before[name] ?? 0)]));
}

export function sum(values: Record<string, number>): number {
  return Object.values(values).reduce((total, value) => total + value, 0);
}
