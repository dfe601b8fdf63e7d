/**
 * The engine's defaults. What a user can change comes from the settings schema (one table for
 * defaults, clamps and package.json); the rest are tuning values with no setting, kept only here.
 */
import { SETTINGS as S } from '../config/settingsSchema';
import type { EngineSettings } from './api';
import { DEFAULT_PACING } from './pacing/limits';

export const DEFAULT_ENGINE_SETTINGS: EngineSettings = {
  policy: S['routing.policy'].default,
  hedging: {
    enabled: S['hedging.enabled'].default,
    minDelayMs: S['hedging.minDelayMs'].default,
    maxDelayMs: S['hedging.maxDelayMs'].default,
  },
  midStream: S.midStream.default,
  // Extra attempts up to 10% of the user's requests in the last minute, 5 always allowed: a
  // minute spans several chats at a person's pace, so the ratio still bites in an outage.
  retryBudget: { ratio: 0.1, windowMs: 60_000, minPerWindow: 5 },
  maxAttemptsPerChat: S.maxAttemptsPerChat.default,
  // A short open period: hedging and the free first fallback cover the gap, and a provider that
  // recovers is back after one half-open probe instead of sitting out half a minute.
  breaker: { consecutiveFailures: 5, failureRate: 0.5, minRequests: 10, cooldownMs: 5_000 },
  sensitivity: {
    detectSecrets: S['sensitivity.detectSecrets'].default,
    fileGlobs: [...S['sensitivity.fileGlobs'].default],
    allowedTrust: [...S['sensitivity.allowedTrust'].default],
  },
  retry: { baseMs: 200, maxMs: 4000, maxWaitMs: 15_000 },
  watchdog: { adaptiveStall: { factor: 10, floorMs: 5000 } },
  // One tiny request a second to a provider out of rotation: back within ~2 s of recovering.
  recovery: { probeEveryMs: 1000 },
  seam: { windowChars: 400 },
  cost: { prices: [], dailyBudgetUsd: {}, warnAt: S['cost.budgetWarnPercent'].default / 100 },
  pacing: { ...DEFAULT_PACING, headroom: S['pacing.useReportedHeadroom'].default },
  cacheAffinity: { ttlMs: S['routing.cacheAffinityMinutes'].default * 60_000 },
};

/** How far back the breaker looks for its failure rate (no setting). */
export const BREAKER_WINDOW_MS = 60_000;
