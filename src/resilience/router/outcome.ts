import type { ErrorKind } from '../../core/errors';
import type { Attempt } from '../attempt';
import type { EngineCore } from './core';
import type { ProviderSlot } from './slot';

/** Nothing to retry until the user acts: the provider is taken out of rotation until reset. */
const MISCONFIGURED: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['auth', 'model_not_found', 'quota_exhausted']);

/**
 * The request itself is at fault (or the answer was filtered): every provider would get the same
 * request, so the chat fails with this error instead of spraying it at each provider. A content
 * filter is not routed around either.
 */
const REQUEST_FAULT: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['bad_request', 'context_too_long', 'content_filtered', 'cancelled']);

/** Does this failure end the chat (true) or move it to the next provider (false)? */
export function endsChat(kind: ErrorKind): boolean {
  return REQUEST_FAULT.has(kind);
}

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
    const simulated = err.detail?.startsWith('simulated outage') ?? false;
    if (MISCONFIGURED.has(err.kind)) {
      slot.misconfigured = { kind: err.kind, message: err.message };
      slot.breaker.release();
    } else if (err.kind === 'rate_limited' && err.retryAfterMs !== undefined && err.retryAfterMs > 0) {
      const until = core.now() + err.retryAfterMs;
      slot.cooldownUntil = Math.max(slot.cooldownUntil ?? 0, until);
      slot.breaker.release();
      core.emit({ type: 'cooldown', providerId: slot.id, until: slot.cooldownUntil, at: core.now() });
    } else if (REQUEST_FAULT.has(err.kind) || simulated) {
      slot.breaker.release();
    } else {
      slot.breaker.onFailure(othersUsable(peers, slot));
    }
  } else {
    slot.breaker.release();
  }
  core.changed();
}
