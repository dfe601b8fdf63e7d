import type { ProviderHealth, RoutingPolicy } from '../resilience/api';
import { providerStatus } from './providerStatus';

export const ms = (v: number | undefined) =>
  v === undefined
    ? '—'
    : v >= 10_000
      ? `${(v / 1000).toFixed(0)} s`
      : v >= 1000
        ? `${(v / 1000).toFixed(1)} s`
        : `${Math.round(v)} ms`;
export const pct = (v: number) => `${(v * 100).toFixed(v > 0 && v < 0.1 ? 1 : 0)}%`;

/** How routing picks a provider, in words ("pinned to Demo Cohere"). */
export function routingText(policy: RoutingPolicy, pinnedLabel?: string): string {
  if (policy === 'pinned') return pinnedLabel ? `pinned to ${pinnedLabel}` : 'pinned';
  return policy === 'fastest'
    ? 'automatic (fastest)'
    : policy === 'cheapest'
      ? 'automatic (cheapest)'
      : 'automatic (my order)';
}

/** One line describing a provider's live health, for quick picks and summaries. */
export function healthLine(h: ProviderHealth, now = Date.now()): string {
  return [providerStatus(h, now).text, `p50 ${ms(h.ttft.p50)}`, `errors ${pct(h.errorRate)}`].join(' · ');
}
