import { DEFAULT_ENGINE_SETTINGS } from './defaults';
import { withDefaults } from './options';

export interface RetryBudgetOptions {
  /** Extra attempts allowed per user request in the window. */
  ratio: number;
  /** Sliding window length. */
  windowMs: number;
  /** Extra attempts always allowed per window, so a quiet window can still fail over. Defaults: resilience/defaults.ts. */
  minPerWindow: number;
  now: () => number;
}

export interface RetryBudgetStats {
  /** User requests in the window. */
  requests: number;
  /** Extra upstream attempts (retries, fallbacks after a failure, hedges) in the window. */
  extras: number;
  /** Extras the window allows: max(minPerWindow, ratio * requests). */
  allowed: number;
}

const DEFAULTS: RetryBudgetOptions = { ...DEFAULT_ENGINE_SETTINGS.retryBudget, now: Date.now };

/**
 * Envoy/Finagle-style retry budget: extra attempts are capped at a fraction of recent requests,
 * so when every provider fails the router cannot multiply load (no retry storms).
 */
export class RetryBudget {
  private readonly opts: RetryBudgetOptions;
  private readonly requests = new TimeQueue();
  private readonly extras = new TimeQueue();

  constructor(opts?: Partial<RetryBudgetOptions>) {
    this.opts = withDefaults(DEFAULTS, opts);
  }

  /** Counts one user chat. */
  recordRequest(): void {
    this.requests.push(this.opts.now());
  }

  /** Claims one extra upstream attempt; false when it would exceed `allowed` in the window. */
  tryAcquire(): boolean {
    const s = this.stats();
    if (s.extras + 1 > s.allowed) return false;
    this.extras.push(this.opts.now());
    return true;
  }

  stats(): RetryBudgetStats {
    const cutoff = this.opts.now() - this.opts.windowMs;
    const requests = this.requests.countAfter(cutoff);
    const extras = this.extras.countAfter(cutoff);
    return { requests, extras, allowed: Math.max(this.opts.minPerWindow, this.opts.ratio * requests) };
  }
}

/** Timestamps in arrival order; old ones are dropped as they leave the window. */
class TimeQueue {
  private items: number[] = [];
  private head = 0;

  push(at: number): void {
    this.items.push(at);
  }

  countAfter(cutoff: number): number {
    while (this.head < this.items.length && this.items[this.head] <= cutoff) this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return this.items.length - this.head;
  }
}
