import type { EngineSettings } from '../api';
import type { HealthTracker } from '../health';
import type { AttemptLimits } from './attempt';

/** Samples needed before a provider's own inter-token gaps shape its stall deadline. */
const MIN_SAMPLES = 5;

/**
 * The engine's deadlines for one attempt, handed to the adapter's watchdog (which applies the
 * tighter of these and the provider's configured timeouts). The stall deadline
 * adapts to the provider: `factor` times the largest inter-token gap it showed recently, never
 * under `floorMs`, so a provider that usually streams steadily is declared stalled sooner.
 */
export function attemptLimits(settings: EngineSettings, tracker: HealthTracker, providerId: string): AttemptLimits {
  const w = settings.watchdog ?? {};
  let stallMs = w.stallMs;
  const adaptive = w.adaptiveStall;
  if (adaptive) {
    const s = tracker.stats(providerId);
    if (s.requests >= MIN_SAMPLES && s.maxInterTokenGapMs !== undefined) {
      const derived = Math.max(adaptive.floorMs, adaptive.factor * s.maxInterTokenGapMs);
      stallMs = stallMs === undefined ? derived : Math.min(stallMs, derived);
    }
  }
  return { firstTokenMs: w.firstTokenMs, stallMs };
}
