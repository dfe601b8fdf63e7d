import { Emitter, type Event } from '../core/events';
import type { BreakerState } from './api';
import { RollingWindow } from './health/window';
import { BREAKER_WINDOW_MS, DEFAULT_ENGINE_SETTINGS } from './defaults';
import { withDefaults } from './options';

export interface BreakerOptions {
  /** Open after this many failures in a row. */
  consecutiveFailures: number;
  /** Open when failures / attempts in the window reach this... */
  failureRate: number;
  /** ...and the window holds at least this many attempts. */
  minRequests: number;
  /** How long an open breaker rejects before one probe may go. */
  cooldownMs: number;
  /** Age of outcomes counted for the failure rate. Defaults: resilience/defaults.ts. */
  windowMs: number;
  now?: () => number;
}

const DEFAULTS: Required<Omit<BreakerOptions, 'now'>> = {
  ...DEFAULT_ENGINE_SETTINGS.breaker,
  windowMs: BREAKER_WINDOW_MS,
};
const MAX_OUTCOMES = 1000;

/**
 * Per-provider circuit breaker: closed -> open (consecutive failures or failure rate) -> half_open
 * once the cooldown has passed (lazily, when next asked) -> one probe -> closed or open again.
 * `isolated` is a manual open that only `reset` ends.
 */
export class ProviderBreaker {
  private readonly opts: Required<Omit<BreakerOptions, 'now'>>;
  private readonly now: () => number;
  private readonly outcomes: RollingWindow<{ at: number; ok: boolean }>;
  private current: BreakerState = 'closed';
  private streak = 0;
  private until: number | undefined;
  private probeInFlight = false;
  private readonly stateChange = new Emitter<BreakerState>();
  /** Fires the new state on every transition (open -> half_open fires when it is first observed). */
  readonly onStateChange: Event<BreakerState> = this.stateChange.event;

  constructor(opts?: Partial<BreakerOptions>) {
    const { now, ...rest } = opts ?? {};
    this.opts = withDefaults(DEFAULTS, rest);
    this.now = now ?? Date.now;
    this.outcomes = new RollingWindow(MAX_OUTCOMES, this.opts.windowMs);
  }

  get state(): BreakerState {
    if (this.current === 'open' && this.until !== undefined && this.now() >= this.until) this.transition('half_open');
    return this.current;
  }

  /** Epoch ms when an open breaker allows a probe; undefined unless open. */
  get openUntil(): number | undefined {
    return this.state === 'open' ? this.until : undefined;
  }

  /** True if an attempt may start now. In half_open exactly one probe at a time: this call claims it. */
  tryAcquire(): boolean {
    if (!this.isUsable()) return false;
    if (this.current === 'half_open') this.probeInFlight = true;
    return true;
  }

  /** Like tryAcquire but does not claim the probe (for listing usable providers). */
  isUsable(): boolean {
    const s = this.state;
    return s === 'closed' || (s === 'half_open' && !this.probeInFlight);
  }

  onSuccess(): void {
    const s = this.state;
    if (s === 'open' || s === 'isolated') return;
    this.streak = 0;
    if (s === 'half_open') this.close();
    else this.outcomes.push({ at: this.now(), ok: true }, this.now());
  }

  /**
   * Records a failure; opens when thresholds are crossed, but only if `allowOpen` (the router
   * passes false for the last usable provider). A failed half-open probe reopens for a new cooldown.
   */
  onFailure(allowOpen = true): void {
    const s = this.state;
    if (s === 'open' || s === 'isolated') return;
    const now = this.now();
    this.streak++;
    if (s === 'half_open') {
      this.probeInFlight = false;
      if (allowOpen) this.open(now);
      return;
    }
    this.outcomes.push({ at: now, ok: false }, now);
    if (allowOpen && this.thresholdCrossed(now)) this.open(now);
  }

  /**
   * Evidence of recovery (a prompt first token, a health probe that answered): an open or
   * half-open breaker closes at once instead of sitting out its cooldown. `isolated` stays.
   */
  recovered(): void {
    const s = this.state;
    if (s === 'open' || s === 'half_open') this.close();
  }

  /** Releases a claimed probe without an outcome (the attempt was cancelled). */
  release(): void {
    this.probeInFlight = false;
  }

  /** Forces the breaker open until `reset`. */
  isolate(): void {
    this.probeInFlight = false;
    this.until = undefined;
    this.transition('isolated');
  }

  /** Closes the breaker and forgets all outcomes. */
  reset(): void {
    this.close();
  }

  dispose(): void {
    this.stateChange.dispose();
  }

  private thresholdCrossed(now: number): boolean {
    if (this.streak >= this.opts.consecutiveFailures) return true;
    const all = this.outcomes.values(now);
    if (all.length < this.opts.minRequests) return false;
    return all.filter((o) => !o.ok).length / all.length >= this.opts.failureRate;
  }

  private open(now: number): void {
    this.until = now + this.opts.cooldownMs;
    this.transition('open');
  }

  private close(): void {
    this.streak = 0;
    this.until = undefined;
    this.probeInFlight = false;
    this.outcomes.clear();
    this.transition('closed');
  }

  private transition(next: BreakerState): void {
    if (this.current === next) return;
    this.current = next;
    this.stateChange.fire(next);
  }
}
