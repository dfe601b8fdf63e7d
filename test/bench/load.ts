/** Load shapes: sequential chats and an open loop (fixed arrival rate, no coordinated omission). */

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Runs `count` calls one after the other. */
export async function sequential<T>(count: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i++) out.push(await fn(i));
  return out;
}

/**
 * Starts call i at `i * 1000 / ratePerSec` ms whatever the previous calls do (an open loop: a slow
 * contender does not get fewer requests), then waits for all of them.
 */
export async function openLoop<T>(
  count: number,
  ratePerSec: number,
  fn: (i: number, startedAt: number) => Promise<T>,
): Promise<T[]> {
  const t0 = performance.now();
  const runs: Promise<T>[] = [];
  for (let i = 0; i < count; i++) {
    const due = t0 + (i * 1000) / ratePerSec;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    runs.push(fn(i, performance.now()));
  }
  return Promise.all(runs);
}

export { sleep };
