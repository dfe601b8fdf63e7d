import type { EngineCore } from './engineCore';

/**
 * When to hedge a running attempt ("The Tail at Scale" hedged requests): at the provider's real
 * tail of time to first token (HealthTracker.hedgeDelay: max(p95, 2 x median) once 20 samples are
 * known, else the cap), clamped to the settings' floor and cap. `after` is the planned time since
 * the attempt started (the delay, plus one delay per refused try).
 */
export interface HedgePlan {
  /** Clock time at which to start a hedge. */
  due: number;
  delay: number;
  after: number;
}

/** The plan for an attempt on `providerId` starting now, or undefined when hedging is off. */
export function planHedge(core: EngineCore, providerId: string): HedgePlan | undefined {
  const h = core.settings.hedging;
  if (!h.enabled) return undefined;
  const delay = core.tracker.hedgeDelay(providerId, h.minDelayMs, h.maxDelayMs);
  return { due: core.now() + delay, delay, after: delay };
}

/**
 * A hedge was refused for now (budget, no candidate): look again after another delay, since the
 * primary may meanwhile be known to be failing, or a candidate usable again.
 */
export function replanHedge(core: EngineCore, p: HedgePlan): HedgePlan {
  return { due: core.now() + p.delay, delay: p.delay, after: p.after + p.delay };
}
