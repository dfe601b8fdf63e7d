/** Small statistics helpers for the benchmark (nearest-rank percentiles, rounding). */

/** Nearest-rank percentile of `values` (0..100); undefined for an empty list. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export interface Summary {
  n: number;
  p50?: number;
  p95?: number;
  p99?: number;
  max?: number;
}

export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: values.length ? Math.max(...values) : undefined,
  };
}

/** Rounds to `digits` decimals (undefined stays undefined). */
export function round(v: number | undefined, digits = 2): number | undefined {
  if (v === undefined || !Number.isFinite(v)) return undefined;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** Deterministic [0, 1) generator (mulberry32) so every contender sees the same fault sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * How `got` differs from `want`: characters of `want` missing from `got` (lost) and characters of
 * `got` that are not part of `want` (duplicated or invented), through their longest common subsequence.
 */
export function textDiff(want: string, got: string): { lost: number; extra: number } {
  const n = want.length;
  const m = got.length;
  let prev = new Uint16Array(m + 1);
  let cur = new Uint16Array(m + 1);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      cur[j] = want[i - 1] === got[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    }
    [prev, cur] = [cur, prev];
  }
  const common = prev[m];
  return { lost: n - common, extra: m - common };
}
