import { Emitter, type Event } from '../../core/events';
import { withDefaults } from '../options';
import { ProviderHistory } from './providerHistory';
import type { AttemptSample, ProviderStats, TrackerOptions } from './types';

const DEFAULTS: TrackerOptions = {
  windowMs: 5 * 60_000,
  maxSamples: 200,
  degradedErrorRate: 0.2,
  degradedLatencyFactor: 2,
  minSamples: 5,
  recentSamples: 10,
  degradedAfterFailures: 3,
  recoverAfterSuccesses: 5,
  ewmaAlpha: 0.3,
  baselineAlpha: 0.02,
  now: Date.now,
};

/**
 * Live health of every provider from the attempts the engine reports: percentiles over a rolling
 * window (bounded by count and age, so memory stays flat) and EWMAs for expectation and baseline.
 */
export class HealthTracker {
  private readonly opts: TrackerOptions;
  private readonly providers = new Map<string, ProviderHistory>();
  private readonly didRecord = new Emitter<string>();
  /** Fires the provider id after each recorded sample. */
  readonly onDidRecord: Event<string> = this.didRecord.event;

  constructor(opts?: Partial<TrackerOptions>) {
    this.opts = withDefaults(DEFAULTS, opts);
  }

  /** Adds one attempt's outcome. O(1) amortized. */
  record(sample: AttemptSample): void {
    let p = this.providers.get(sample.providerId);
    if (!p) this.providers.set(sample.providerId, (p = new ProviderHistory(this.opts)));
    p.record(sample, this.opts.now());
    this.didRecord.fire(sample.providerId);
  }

  /** A snapshot over the current window (empty stats for an unknown provider). */
  stats(providerId: string): ProviderStats {
    const p = this.providers.get(providerId);
    if (p) return p.stats(this.opts.now());
    return { ttft: {}, interTokenGap: {}, totalMs: {}, errorRate: 0, requests: 0, consecutiveFailures: 0 };
  }

  /**
   * Expected time to first token for the `fastest` policy: the TTFT EWMA, inflated by the error
   * rate (a provider failing half the time is expected to take twice as long). Undefined without data.
   */
  expectedTtft(providerId: string): number | undefined {
    const p = this.providers.get(providerId);
    const ewma = p?.ttft.value;
    if (!p || ewma === undefined) return undefined;
    const { errorRate } = p.errorRate(this.opts.now());
    return ewma / Math.max(0.05, 1 - errorRate);
  }

  /** How long to wait before hedging: p95 TTFT clamped to [floorMs, capMs]; capMs without data. */
  hedgeDelay(providerId: string, floorMs: number, capMs: number): number {
    const p95 = this.providers.get(providerId)?.ttftP95(this.opts.now());
    if (p95 === undefined) return capMs;
    return Math.min(capMs, Math.max(floorMs, p95));
  }

  /**
   * Failing: several failures in a row, or an error rate over the threshold (with at least
   * `minSamples` attempts) that a run of successes has not yet put behind it. Slowness alone is not
   * failing.
   */
  isFailing(providerId: string): boolean {
    const p = this.providers.get(providerId);
    if (!p) return false;
    if (p.consecutiveFailures >= this.opts.degradedAfterFailures) return true;
    const s = p.errorRate(this.opts.now());
    const recovered = p.consecutiveSuccesses >= this.opts.recoverAfterSuccesses;
    return !recovered && s.requests >= this.opts.minSamples && s.errorRate > this.opts.degradedErrorRate;
  }

  /**
   * Degraded: failing (see isFailing), or recent TTFT well over its own baseline.
   */
  isDegraded(providerId: string): boolean {
    const p = this.providers.get(providerId);
    if (!p) return false;
    const now = this.opts.now();
    if (this.isFailing(providerId)) return true;
    const recent = p.recentTtftP50(now);
    const baseline = p.ttftBaseline.value;
    return recent !== undefined && baseline !== undefined && recent > this.opts.degradedLatencyFactor * baseline;
  }

  /** Drops everything known about a provider. */
  forget(providerId: string): void {
    this.providers.delete(providerId);
  }

  /** Samples held for a provider (bounded by `maxSamples`); for tests and diagnostics. */
  sampleCount(providerId: string): number {
    return this.providers.get(providerId)?.window.size ?? 0;
  }

  dispose(): void {
    this.didRecord.dispose();
  }
}
