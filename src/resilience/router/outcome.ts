import { ERROR_POLICY } from '../../core/errorPolicy';
import type { Attempt } from './attempt';
import type { EngineCore } from './core';
import type { ProviderSlot } from './slot';

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
    slot.breaker.onSuccess();
  } else if (a.status === 'failed' && a.error) {
    const err = a.error;
    const policy = ERROR_POLICY[err.kind];
    if (policy.misconfigures) {
      slot.misconfigured = { kind: err.kind, message: err.message };
      slot.breaker.release();
    } else if (policy.coolsDown && err.retryAfterMs !== undefined && err.retryAfterMs > 0) {
      const until = core.now() + err.retryAfterMs;
      slot.cooldownUntil = Math.max(slot.cooldownUntil ?? 0, until);
      slot.breaker.release();
      core.emit({ type: 'cooldown', providerId: slot.id, until: slot.cooldownUntil, at: core.now() });
    } else if (!policy.blamesProvider || err.simulated) {
      slot.breaker.release();
    } else {
      slot.breaker.onFailure(othersUsable(peers, slot));
    }
  } else {
    slot.breaker.release();
  }
  core.changed();
}
