import type { ErrorKind } from '../core/errors';
import { STATUS_GLYPHS, statusText, type StatusKind } from '../core/status';
import type { ProviderHealth } from '../resilience/api';

/** One provider's state as every surface shows it. */
export interface ProviderStatus {
  kind: StatusKind;
  /** Epoch ms when the state ends by itself (cooldown, fire drill). */
  until?: number;
  /** Why it needs attention ("key rejected"), when that is the state. */
  detail?: string;
  /** The words, with the time left: "fire drill, 4 min left". */
  text: string;
  glyph: string;
}

const ATTENTION: Partial<Record<ErrorKind, string>> = {
  auth: 'key rejected',
  model_not_found: 'unknown model',
  quota_exhausted: 'quota exhausted',
};

/**
 * The single state of a provider, from its health snapshot. A fire drill is its own state (not
 * "open": the breaker stays closed during one), and the time left belongs to the state.
 */
export function providerStatus(h: ProviderHealth, now = Date.now()): ProviderStatus {
  const make = (kind: StatusKind, until?: number, detail?: string): ProviderStatus => ({
    kind,
    until,
    detail,
    text: statusText(kind, until, now, detail),
    glyph: STATUS_GLYPHS[kind],
  });
  if (!h.enabled || h.state === 'disabled') return make('disabled');
  if (h.state === 'misconfigured') return make('needs_attention', undefined, h.lastError ? ATTENTION[h.lastError.kind] ?? h.lastError.kind.replace(/_/g, ' ') : undefined);
  if (h.simulatedOutageUntil !== undefined && h.simulatedOutageUntil > now)
    return make('fire_drill', h.simulatedOutageUntil);
  if (h.breaker === 'isolated') return make('isolated');
  if (h.state === 'cooling_down' && h.cooldownUntil !== undefined && h.cooldownUntil > now) return make('cooling_down', h.cooldownUntil);
  if (h.state === 'open' || h.breaker === 'open') return make('breaker_open');
  if (h.breaker === 'half_open') return make('recovering');
  if (h.state === 'degraded') return make('degraded');
  return make('healthy');
}

/** The breaker row, in words that agree with the state ("closed" during a fire drill is true). */
export function breakerText(h: ProviderHealth): string {
  return h.breaker === 'half_open' ? 'half-open (testing)' : h.breaker;
}
