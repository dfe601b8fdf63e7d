import type { ProviderHealth, ProviderState } from '../resilience/api';

export const ms = (v: number | undefined) => (v === undefined ? '—' : v >= 10_000 ? `${(v / 1000).toFixed(0)} s` : v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);
export const pct = (v: number) => `${(v * 100).toFixed(v > 0 && v < 0.1 ? 1 : 0)}%`;

export const STATE_GLYPH: Record<ProviderState, string> = {
  healthy: '$(pass-filled)',
  degraded: '$(warning)',
  cooling_down: '$(watch)',
  open: '$(error)',
  misconfigured: '$(key)',
  disabled: '$(circle-slash)',
};

export const STATE_LABEL: Record<ProviderState, string> = {
  healthy: 'healthy',
  degraded: 'degraded',
  cooling_down: 'cooling down',
  open: 'down (breaker open)',
  misconfigured: 'needs attention',
  disabled: 'disabled',
};

/** "cooldown 12 s" style remaining time, or undefined when over. */
export function remaining(until: number | undefined, now: number): string | undefined {
  return until !== undefined && until > now ? ms(until - now) : undefined;
}

/** One line describing a provider's live health, for quick picks and summaries. */
export function healthLine(h: ProviderHealth, now = Date.now()): string {
  const parts = [STATE_LABEL[h.state], `p50 ${ms(h.ttft.p50)}`, `errors ${pct(h.errorRate)}`];
  const cd = remaining(h.cooldownUntil, now);
  if (cd) parts.push(`cooldown ${cd}`);
  const drill = remaining(h.simulatedOutageUntil, now);
  if (drill) parts.push(`simulated outage ${drill}`);
  return parts.join(' · ');
}
