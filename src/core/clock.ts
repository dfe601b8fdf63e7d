/**
 * Time as a dependency. Everything in the engine that reads the time or waits (routing, hedging,
 * backoff, breakers, the retry budget, health notifications, the adapters' watchdog) takes one
 * Clock, so tests can run it on virtual time and every component agrees on what "now" is.
 */
export interface Clock {
  /** Epoch ms (may have a fraction). */
  now(): number;
  /** Calls `fn` once after `ms`. An `unref` timer does not keep the process alive. */
  setTimeout(fn: () => void, ms: number, opts?: { unref?: boolean }): Timer;
  clearTimeout(timer: Timer | undefined): void;
}

/** An opaque timer handle of one Clock. */
export type Timer = object;

/** Wall-clock time with sub-millisecond resolution, and Node's timers. */
export const systemClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
  setTimeout(fn, ms, opts) {
    const t = setTimeout(fn, Math.max(0, ms));
    if (opts?.unref) t.unref?.();
    return t;
  },
  clearTimeout(timer) {
    if (timer) clearTimeout(timer as NodeJS.Timeout);
  },
};

/** Waits `ms` on `clock`; resolves false early (and at once) if `signal` aborts. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clock.clearTimeout(timer);
      resolve(false);
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
