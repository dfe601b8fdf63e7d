import { ERROR_POLICY } from '../../core/errorPolicy';
import type { ProviderError } from '../../core/errors';
import type { ProviderSlot } from './slot';

/**
 * The deployments one failure applies to: the one that failed, and, when the failure is its
 * entry's key, account or host (errorPolicy `scope: 'endpoint'`: a rejected key, a spent
 * account, a refused connection), every other model of the same entry too, because they would
 * fail the same way. A fire drill is one deployment's own. Listed with the failed slot first.
 */
export function slotsHitBy(err: ProviderError, failed: ProviderSlot, slots: readonly ProviderSlot[]): ProviderSlot[] {
  if (err.simulated || ERROR_POLICY[err.kind].scope !== 'endpoint') return [failed];
  return [failed, ...slots.filter((s) => s !== failed && s.group === failed.group)];
}
