import type { Clock, Timer } from '../../core/clock';

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

  constructor(private readonly clock: Clock) {}

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
      let timer: Timer | undefined;
      const finish = (r: WakeReason) => {
        this.clock.clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.resolve = undefined;
        resolve(r);
      };
      const onAbort = () => finish('aborted');
      signal.addEventListener('abort', onAbort, { once: true });
      if (timeoutMs !== undefined) timer = this.clock.setTimeout(() => finish('timeout'), timeoutMs);
      this.resolve = finish;
    });
  }
}
