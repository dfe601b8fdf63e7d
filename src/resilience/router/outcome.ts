import { ERROR_POLICY } from '../../core/errorPolicy';
import type { ProviderError } from '../../core/errors';
import { slotsHitBy } from './scope';
import type { Attempt } from './attempt';
import type { EngineCore } from './engineCore';
import type { ProviderSlot } from './slot';

/** The longest a run of rate limits keeps a provider cooling down. */
const MAX_COOLDOWN_MS = 60_000;

/** Another provider (not `slot`) among `peers` could take traffic now. */
function othersUsable(peers: readonly ProviderSlot[], slot: ProviderSlot): boolean {
  return peers.some((s) => s !== slot && s.usable());
}

/**
 * Feeds an ended attempt into health and policy state: the tracker sample, the breaker, a
 * retry-after cooldown, misconfiguration. Aborted attempts (hedge losers, cancels) only release
 * a claimed breaker probe: they are not the provider's fault. `peers` are the providers the chat
 * may use: the breaker of the last usable one among them never opens (a sensitive chat's last
 * local provider stays available even while cloud providers are healthy).
 */
export function applyOutcome(core: EngineCore, a: Attempt, peers: readonly ProviderSlot[] = core.slots()): void {
  const slot = a.slot;
  const sample = a.sample(core.now());
  if (sample) core.tracker.record(sample);
  if (a.status === 'done') {
    slot.rateLimits = 0;
    slot.breaker.onSuccess();
  } else if (a.status === 'failed' && a.error) {
    // A rejected key or a refused host fails every model of the entry alike (router/scope.ts).
    for (const hit of slotsHitBy(a.error, slot, core.slots())) applyFailure(core, hit, a.error, peers, hit === slot);
  } else {
    slot.breaker.release();
  }
  core.changed();
}

/**
 * One failure's effect on one deployment: misconfiguration, a retry-after cooldown, or a count
 * against its breaker. `attempted`: the failed attempt ran here (and may hold its half-open probe);
 * false for the other models of its entry that an endpoint-wide failure reaches.
 */
function applyFailure(
  core: EngineCore,
  slot: ProviderSlot,
  err: ProviderError,
  peers: readonly ProviderSlot[],
  attempted: boolean,
): void {
  const policy = ERROR_POLICY[err.kind];
  const release = () => attempted && slot.breaker.release();
  if (policy.misconfigures) {
    slot.misconfigured = { kind: err.kind, message: err.message };
    release();
  } else if (policy.coolsDown && err.retryAfterMs !== undefined && err.retryAfterMs > 0) {
    // Rate limits in a row (no prompt answer between) double the cooldown each time: a provider
    // that keeps limiting stays out longer instead of looking healthy every retry-after.
    const ms = Math.min(MAX_COOLDOWN_MS, err.retryAfterMs * 2 ** Math.min(slot.rateLimits, 10));
    slot.rateLimits++;
    const until = core.now() + Math.max(err.retryAfterMs, ms);
    slot.cooldownUntil = Math.max(slot.cooldownUntil ?? 0, until);
    release();
    core.emit({ type: 'cooldown', providerId: slot.id, until: slot.cooldownUntil, at: core.now() });
  } else if (!policy.blamesProvider || err.simulated) {
    release();
  } else {
    slot.breaker.onFailure(othersUsable(peers, slot));
  }
}

/**
 * A first token arrived (reported at once, before the answer ends). It is evidence of how the
 * provider is doing now: a prompt one ends a rate-limit streak and closes an open or half-open
 * breaker, so a recovered provider is back within seconds rather than after a full answer.
 */
export function noteFirstToken(core: EngineCore, a: Attempt, ttftMs: number): void {
  const prompt = core.tracker.firstToken(a.providerId, ttftMs);
  if (!prompt) return;
  a.slot.rateLimits = 0;
  a.slot.breaker.recovered();
  core.changed();
}
