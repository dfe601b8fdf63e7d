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
  /** How many of the latest TTFTs make the "recent" p50 (default 10). */
  recentSamples: number;
  /** Failures in a row that make a provider degraded at once, before `minSamples`. */
  degradedAfterFailures: number;
  /** Successes in a row after which error-rate degradation is considered over. */
  recoverAfterSuccesses: number;
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
