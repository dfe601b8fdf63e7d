import type { SkipReason } from '../api';
import type { ProviderSlot } from './slot';

/** A provider passed over for a chat before any attempt, and why (for the inline notice). */
export interface Skip {
  providerId: string;
  label: string;
  reason: SkipReason;
}

/** A provider the user enabled without an API key: ranked like the others, never tried. */
export interface KeylessEntry {
  readonly id: string;
  readonly label: string;
  readonly keyless: true;
}

/**
 * Why `slot` cannot take a new attempt now, or undefined when it can. The order of the checks
 * is the order a user would fix them in: a missing/rejected key first, then what passes by itself.
 */
export function skipReason(slot: ProviderSlot, allowed: boolean, now: number): SkipReason | undefined {
  if (!allowed) return 'sensitivity';
  if (slot.misconfigured) return 'misconfigured';
  if (slot.inOutage(now)) return 'fire_drill';
  if (slot.breaker.state === 'isolated') return 'isolated';
  if (slot.inCooldown(now)) return 'cooldown';
  if (!slot.breaker.isUsable()) return 'breaker_open';
  return slot.gate?.hold(now)?.reason;
}

/**
 * The enabled providers ranked ahead of `chosen` (in `ranked`, the chat's candidate order over
 * every enabled provider, keyless ones included) that the chat passes over, with the reason.
 * Disabled providers are the user's own choice and are not reported.
 */
export function skippedBefore(
  ranked: readonly (ProviderSlot | KeylessEntry)[],
  chosen: ProviderSlot,
  allowed: ReadonlySet<ProviderSlot>,
  now: number,
): Skip[] {
  const out: Skip[] = [];
  for (const s of ranked) {
    if (s === chosen) break;
    if ('keyless' in s) {
      // An entry's models share its key (and its label here): one mention is enough.
      if (!out.some((o) => o.reason === 'no_key' && o.label === s.label))
        out.push({ providerId: s.id, label: s.label, reason: 'no_key' });
      continue;
    }
    if (!s.enabled) continue;
    const reason = skipReason(s, allowed.has(s), now);
    if (reason) out.push({ providerId: s.id, label: s.provider.label, reason });
  }
  return out;
}

const WHY: Record<SkipReason, (label: string) => string> = {
  no_key: (l) => `${l} has no API key`,
  fire_drill: (l) => `${l} is in a fire drill`,
  cooldown: (l) => `${l} is cooling down (rate limited)`,
  breaker_open: (l) => `${l} is down (breaker open)`,
  isolated: (l) => `${l} is isolated until reset`,
  misconfigured: (l) => `${l} needs attention (key or model rejected)`,
  sensitivity: (l) => `${l} may not see this sensitive request`,
  budget: (l) => `${l} has spent its daily budget`,
  pacing: (l) => `${l} is paced (near its rate limit)`,
};

/** "Anthropic is down (breaker open)". */
export function skipWords(reason: SkipReason, label: string): string {
  return WHY[reason](label);
}

/** "Anthropic is in a fire drill; OpenAI answered." */
export function skipMessage(skips: readonly Skip[], answeredBy: string): string {
  return `${skips.map((s) => WHY[s.reason](s.label)).join(', ')}; ${answeredBy} answered.`;
}
