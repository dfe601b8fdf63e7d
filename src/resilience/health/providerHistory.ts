import type { RateLimitInfo } from '../../core/chunks';
import type { ErrorKind } from '../../core/errors';
import { Ewma } from './ewma';
import { percentiles } from './quantile';
import { RecentEvidence } from './recent';
import type { AttemptSample, ProviderStats, TrackerOptions } from './types';
import { RollingWindow } from './window';

/** What the window keeps of a sample: numbers only, no message strings. */
export interface WindowEntry {
  at: number;
  ok: boolean;
  /** False for cancelled attempts: they are neither a success nor a failure. */
  counted: boolean;
  ttft?: number;
  gap?: number;
  maxGap?: number;
  total?: number;
  tokens?: number;
}

/** One provider's rolling window, averages and failure streak. */
export class ProviderHistory {
  readonly window: RollingWindow<WindowEntry>;
  readonly ttft: Ewma;
  readonly ttftBaseline: Ewma;
  readonly gap: Ewma;
  readonly total: Ewma;
  consecutiveFailures = 0;
  /** Successes in a row since the last failure: a recovered provider stops looking degraded. */
  consecutiveSuccesses = 0;
  rateLimit?: RateLimitInfo;
  lastError?: { kind: ErrorKind; message: string; at: number };
  readonly recent: RecentEvidence;

  constructor(private readonly opts: TrackerOptions) {
    this.recent = new RecentEvidence(opts.recentTauMs, opts.recentTtfts);
    this.window = new RollingWindow<WindowEntry>(opts.maxSamples, opts.windowMs);
    this.ttft = new Ewma(opts.ewmaAlpha);
    this.ttftBaseline = new Ewma(opts.baselineAlpha);
    this.gap = new Ewma(opts.ewmaAlpha);
    this.total = new Ewma(opts.ewmaAlpha);
  }

  record(s: AttemptSample, now: number): void {
    const counted = s.ok || s.kind !== 'cancelled';
    this.window.push(
      {
        at: s.at,
        ok: s.ok,
        counted,
        ttft: s.ttftMs,
        gap: s.meanGapMs,
        maxGap: s.maxGapMs,
        total: s.totalMs,
        tokens: s.tokens,
      },
      now,
    );
    if (s.ttftMs !== undefined && !s.censored) {
      this.ttft.update(s.ttftMs);
      this.ttftBaseline.update(s.ttftMs);
    }
    if (counted) this.recent.outcome(s.ok, now);
    if (s.censored && s.ttftMs !== undefined) this.recent.slowerThan(s.ttftMs);
    else if (s.ttftMs !== undefined && !s.firstTokenNoted) this.recent.firstToken(s.ttftMs, this.prompt(s.ttftMs));
    if (s.meanGapMs !== undefined) this.gap.update(s.meanGapMs);
    if (s.ok && s.totalMs !== undefined) this.total.update(s.totalMs);
    if (s.rateLimit) this.rateLimit = s.rateLimit;
    if (s.ok) {
      this.consecutiveFailures = 0;
      this.consecutiveSuccesses++;
    } else if (counted) {
      this.consecutiveSuccesses = 0;
      this.consecutiveFailures++;
      this.lastError = { kind: s.kind ?? 'server_error', message: s.message ?? '', at: s.at };
    }
  }

  stats(now: number): ProviderStats {
    const entries = this.window.values(now);
    const counted = entries.filter((e) => e.counted);
    const failures = counted.filter((e) => !e.ok).length;
    const pick = (f: (e: WindowEntry) => number | undefined) =>
      entries.map(f).filter((v): v is number => v !== undefined);
    const maxGaps = pick((e) => e.maxGap);
    return {
      ttft: { ...percentiles(pick((e) => e.ttft)), ewma: this.ttft.value },
      interTokenGap: { ...percentiles(pick((e) => e.gap)), ewma: this.gap.value },
      totalMs: { ...percentiles(pick((e) => (e.ok ? e.total : undefined))), ewma: this.total.value },
      maxInterTokenGapMs: maxGaps.length ? Math.max(...maxGaps) : undefined,
      tokensPerSec: tokensPerSec(entries),
      errorRate: counted.length ? failures / counted.length : 0,
      requests: counted.length,
      consecutiveFailures: this.consecutiveFailures,
      rateLimit: this.rateLimit,
      lastError: this.lastError,
    };
  }

  /** Failures / counted attempts in the window, without the percentile work of stats() (hot path). */
  errorRate(now: number): { errorRate: number; requests: number } {
    let requests = 0;
    let failures = 0;
    for (const e of this.window.values(now)) {
      if (!e.counted) continue;
      requests++;
      if (!e.ok) failures++;
    }
    return { errorRate: requests ? failures / requests : 0, requests };
  }

  /** Median, p95 and count of the TTFTs in the window (for the hedge delay). */
  ttftTail(now: number): { n: number; p50?: number; p95?: number } {
    const ttfts = this.window.values(now).map((e) => e.ttft).filter((v): v is number => v !== undefined);
    return { n: ttfts.length, ...percentiles(ttfts) };
  }

  /** A first token within the slowness factor of the baseline (any, before a baseline exists). */
  prompt(ttftMs: number): boolean {
    const base = this.ttftBaseline.value;
    return base === undefined || ttftMs <= this.opts.degradedLatencyFactor * base;
  }
}

/** Generation speed: tokens over the time after the first token, summed over successful attempts. */
function tokensPerSec(entries: WindowEntry[]): number | undefined {
  let tokens = 0;
  let ms = 0;
  for (const e of entries) {
    if (!e.ok || !e.tokens || e.total === undefined) continue;
    const gen = e.total - (e.ttft ?? 0);
    if (gen <= 0) continue;
    tokens += e.tokens;
    ms += gen;
  }
  return ms > 0 ? (tokens * 1000) / ms : undefined;
}
