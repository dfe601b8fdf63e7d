/**
 * Waiting on real I/O in tests (sockets closing, a server seeing a request). Engine timing runs on
 * a VirtualClock (./clock.ts); these helpers only poll for state that real sockets change.
 */

/** Real-time pause. Use only to let real I/O happen, never to wait out an engine timer. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Resolves once `cond` holds; rejects with `what` after `timeoutMs` of real time. */
export async function until(
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 1000,
  what = 'condition',
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}
