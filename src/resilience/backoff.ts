/** Delays for retrying the same provider when nothing else is usable. */

export interface BackoffOptions {
  /** Delay scale of the first retry (default 200 ms). */
  baseMs: number;
  /** Upper bound of any delay (default 5 s). */
  maxMs: number;
}

const DEFAULTS: BackoffOptions = { baseMs: 200, maxMs: 5000 };

/**
 * Exponential backoff with "equal jitter": attempt n (0-based) waits a random time in
 * [cap/2, cap] where cap = min(maxMs, baseMs * 2^n). Half the delay is guaranteed (no hot
 * retry loop), the other half spreads clients apart. `rand` returns [0, 1), for tests.
 */
export function backoffDelay(
  attempt: number,
  opts: Partial<BackoffOptions> = {},
  rand: () => number = Math.random,
): number {
  const { baseMs, maxMs } = { ...DEFAULTS, ...opts };
  const cap = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.round(cap / 2 + (cap / 2) * rand());
}

/** Epoch ms when a provider that sent `retry-after` may be tried again; undefined without a usable value. */
export function cooldownFrom(retryAfterMs: number | undefined, now: number): number | undefined {
  if (retryAfterMs === undefined || !Number.isFinite(retryAfterMs) || retryAfterMs <= 0) return undefined;
  return now + retryAfterMs;
}
