/** Percentiles over a small sample (the rolling window holds at most a few hundred values). */

/** Nearest-rank percentile of ascending-sorted `sorted`; q in [0, 1]. Undefined when empty. */
export function quantileSorted(sorted: readonly number[], q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil(Math.min(1, Math.max(0, q)) * sorted.length);
  return sorted[Math.max(0, rank - 1)];
}

export interface Percentiles {
  p50?: number;
  p95?: number;
  p99?: number;
}

/** p50/p95/p99 of the values (any order, not modified); all undefined when empty. */
export function percentiles(values: readonly number[]): Percentiles {
  if (values.length === 0) return {};
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: quantileSorted(sorted, 0.5), p95: quantileSorted(sorted, 0.95), p99: quantileSorted(sorted, 0.99) };
}
