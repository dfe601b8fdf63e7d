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
  degradedAfterFailures: 3,
  recoverAfterSuccesses: 5,
  recentTauMs: 4000,
  recentMinWeight: 3,
  recentTtfts: 5,
  recoverAfterPrompt: 1,
  hedgeMinSamples: 20,
  hedgeTailFactor: 2,
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
    this.history(sample.providerId).record(sample, this.opts.now());
    this.didRecord.fire(sample.providerId);
  }

  /**
   * A first token arrived after `ttftMs` (reported at once, before the answer ends): evidence of
   * how the provider is doing now. Returns whether it was prompt (see RecentEvidence).
   */
  firstToken(providerId: string, ttftMs: number): boolean {
    const p = this.history(providerId);
    const prompt = p.prompt(ttftMs);
    p.recent.firstToken(ttftMs, prompt);
    this.didRecord.fire(providerId);
    return prompt;
  }

  private history(providerId: string): ProviderHistory {
    let p = this.providers.get(providerId);
    if (!p) this.providers.set(providerId, (p = new ProviderHistory(this.opts)));
    return p;
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

  /**
   * How long to wait before hedging: the provider's real tail, max(p95, tailFactor x median) of
   * its TTFTs, clamped to [floorMs, capMs]; capMs until `hedgeMinSamples` are known (the p95 of a
   * handful of early samples hedges far too often).
   */
  hedgeDelay(providerId: string, floorMs: number, capMs: number): number {
    const t = this.providers.get(providerId)?.ttftTail(this.opts.now());
    if (!t || t.n < this.opts.hedgeMinSamples || t.p50 === undefined || t.p95 === undefined) return capMs;
    return Math.min(capMs, Math.max(floorMs, t.p95, this.opts.hedgeTailFactor * t.p50));
  }

  /**
   * Failing: several failures in a row, or a recent (decaying) error rate over the threshold, or
   * an error rate over the threshold in the window (with at least `minSamples` attempts) that a
   * run of successes has not yet put behind it. Prompt first tokens in a row end it at once.
   * Slowness alone is not failing.
   */
  isFailing(providerId: string): boolean {
    const p = this.providers.get(providerId);
    if (!p) return false;
    if (p.recent.promptStreak >= this.opts.recoverAfterPrompt) return false;
    if (p.consecutiveFailures >= this.opts.degradedAfterFailures) return true;
    const now = this.opts.now();
    const recent = p.recent.errorRate(now);
    if (recent.weight >= this.opts.recentMinWeight && recent.rate > this.opts.degradedErrorRate) return true;
    const s = p.errorRate(now);
    const recovered = p.consecutiveSuccesses >= this.opts.recoverAfterSuccesses;
    return !recovered && s.requests >= this.opts.minSamples && s.errorRate > this.opts.degradedErrorRate;
  }

  /** Prompt first tokens in a row (see RecentEvidence). */
  promptStreak(providerId: string): number {
    return this.providers.get(providerId)?.recent.promptStreak ?? 0;
  }

  /** Slow: the median of its recent first-token times is well over its own baseline. */
  isSlow(providerId: string): boolean {
    const p = this.providers.get(providerId);
    if (!p || p.recent.promptStreak >= this.opts.recoverAfterPrompt) return false;
    const recent = p.recent.medianTtft(3);
    const baseline = p.ttftBaseline.value;
    return recent !== undefined && baseline !== undefined && recent > this.opts.degradedLatencyFactor * baseline;
  }

  /** Degraded: failing or slow (see above). */
  isDegraded(providerId: string): boolean {
    return this.isFailing(providerId) || this.isSlow(providerId);
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
