import type { RateLimitInfo } from '../../core/chunks';
import type { ErrorKind } from '../../core/errors';
import type { LatencyStats } from '../api';

/** The outcome and timings of one upstream attempt, as the engine reports it. */
export interface AttemptSample {
  providerId: string;
  ok: boolean;
  /** Failure kind; `cancelled` attempts (user stop, hedge loser) do not count as failures or requests. */
  kind?: ErrorKind;
  ttftMs?: number;
  maxGapMs?: number;
  meanGapMs?: number;
  totalMs?: number;
  tokens?: number;
  /** Epoch ms. */
  at: number;
  rateLimit?: RateLimitInfo;
  message?: string;
  /**
   * Lost a race before its first token: `ttftMs` is a lower bound (its own time from its own
   * start), counted as slowness evidence but not into the latency averages.
   */
  censored?: boolean;
  /** Its first token was already reported through `HealthTracker.firstToken`. */
  firstTokenNoted?: boolean;
}

export interface TrackerOptions {
  /** Age bound of the rolling window (default 5 min). */
  windowMs: number;
  /** Count bound of the rolling window per provider (default 200). */
  maxSamples: number;
  /** Degraded when the window's error rate is above this (default 0.2). */
  degradedErrorRate: number;
  /** Degraded when recent p50 TTFT exceeds this many times the long-run baseline (default 2). */
  degradedLatencyFactor: number;
  /** Fewest samples before error rate or latency can mark a provider degraded (default 5). */
  minSamples: number;
  /** Failures in a row that make a provider degraded at once, before `minSamples`. */
  degradedAfterFailures: number;
  /** Successes in a row after which error-rate degradation is considered over. */
  recoverAfterSuccesses: number;
  /** Time constant of the recent error rate (default 4 s: degradation shows within seconds). */
  recentTauMs: number;
  /** Decayed samples the recent error rate needs before it can mark a provider failing (default 3). */
  recentMinWeight: number;
  /** Recent first-token times compared to the baseline (default 5; at least 3 needed). */
  recentTtfts: number;
  /** Prompt first tokens in a row that end degradation (default 1): a first token is evidence. */
  recoverAfterPrompt: number;
  /** TTFT samples in the window before their tail sets the hedge delay (default 20). */
  hedgeMinSamples: number;
  /** Hedge no earlier than this many times the median TTFT (default 2): the real tail. */
  hedgeTailFactor: number;
  /** EWMA weight of expected latency (default 0.3). */
  ewmaAlpha: number;
  /** EWMA weight of the long-run TTFT baseline (default 0.02: a new normal takes ~25 samples). */
  baselineAlpha: number;
  now: () => number;
}

export interface ProviderStats {
  ttft: LatencyStats;
  /** Over each attempt's mean gap between text deltas. */
  interTokenGap: LatencyStats;
  totalMs: LatencyStats;
  /** Largest gap between two deltas seen in the window. */
  maxInterTokenGapMs?: number;
  tokensPerSec?: number;
  /** Failures / attempts in the window, 0..1. */
  errorRate: number;
  /** Attempts in the window (cancelled ones excluded). */
  requests: number;
  consecutiveFailures: number;
  rateLimit?: RateLimitInfo;
  lastError?: { kind: ErrorKind; message: string; at: number };
}
