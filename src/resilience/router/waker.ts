/** Result of one wait of the chat loop. */
export type WakeReason = 'woken' | 'timeout' | 'aborted';

/**
 * Lets the chat loop sleep until an attempt reports progress, a deadline passes or the chat is
 * cancelled. A wake with nobody waiting is remembered, so no progress is missed. Every wait
 * cleans up its timer and abort listener, so nothing is left behind when the chat ends.
 */
export class Waker {
  private pending = false;
  private resolve?: (r: WakeReason) => void;

  wake(): void {
    const r = this.resolve;
    if (r) {
      this.resolve = undefined;
      r('woken');
    } else this.pending = true;
  }

  wait(signal: AbortSignal, timeoutMs?: number): Promise<WakeReason> {
    if (signal.aborted) return Promise.resolve('aborted');
    if (this.pending) {
      this.pending = false;
      return Promise.resolve('woken');
    }
    if (timeoutMs !== undefined && timeoutMs <= 0) return Promise.resolve('timeout');
    return new Promise<WakeReason>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (r: WakeReason) => {
        if (timer) clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.resolve = undefined;
        resolve(r);
      };
      const onAbort = () => finish('aborted');
      signal.addEventListener('abort', onAbort, { once: true });
      if (timeoutMs !== undefined) timer = setTimeout(() => finish('timeout'), timeoutMs);
      this.resolve = finish;
    });
  }
}

/** Sleeps `ms`, resolving false early if the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
