/** Maps engine health and events to what the dashboard draws. Plain TypeScript. */
import type { ChartPoint, EventRow, ProviderCard } from '../core/protocol';
import type { EngineEvent, ProviderHealth } from '../resilience/api';

export function toCard(h: ProviderHealth): ProviderCard {
  const rl = h.rateLimit;
  return {
    id: h.id,
    label: h.label,
    model: h.model,
    trust: String(h.trust),
    enabled: h.enabled,
    state: h.state,
    breaker: h.breaker,
    cooldownUntil: h.cooldownUntil,
    outageUntil: h.simulatedOutageUntil,
    ttftP50: h.ttft.p50,
    ttftP95: h.ttft.p95,
    errorRate: h.errorRate,
    requests: h.requests,
    remainingRequests: rl?.remainingRequests,
    limitRequests: rl?.limitRequests,
    remainingTokens: rl?.remainingTokens,
    limitTokens: rl?.limitTokens,
    lastError: h.lastError ? { kind: h.lastError.kind, message: h.lastError.message, at: h.lastError.at } : undefined,
  };
}

/** A log line for the events a user wants to see (failovers, hedges, continuations, breakers). */
export function eventToRow(e: EngineEvent): EventRow | undefined {
  const row = (text: string): EventRow => ({ at: e.at, kind: e.type, text });
  switch (e.type) {
    case 'fell_back':
      return row(`Fell back from ${e.from} to ${e.to} (${e.kind})`);
    case 'hedge_fired':
      return row(`Hedged ${e.primary} with ${e.hedge} after ${Math.round(e.afterMs)} ms`);
    case 'hedge_won':
      return row(`Hedge won: ${e.winner} answered first, ${e.loser} cancelled`);
    case 'continued':
      return row(`Continued on ${e.to} after ${e.from} stopped (${e.keptChars} chars kept)`);
    case 'attempt_failed':
      return row(`${e.providerId} failed: ${e.kind}${e.streamed ? ' mid-answer' : ''}`);
    case 'breaker':
      return row(`${e.providerId} breaker ${e.state.replace('_', '-')}`);
    case 'cooldown':
      return row(`${e.providerId} cooling down for ${Math.max(0, Math.round((e.until - e.at) / 1000))} s`);
    case 'sensitivity_blocked':
      return row(`Kept a sensitive request away from ${e.providerId}: ${e.reason}`);
    case 'health_changed':
      return row(`${e.providerId}: ${e.previous.replace('_', ' ')} -> ${e.state.replace('_', ' ')}`);
    case 'chat_failed':
      return row(`A chat failed after ${e.attempts} attempt(s): ${e.kind}`);
    default:
      return undefined;
  }
}

/** A chart sample: first-token times and failed attempts. */
export function eventToPoint(e: EngineEvent): ChartPoint | undefined {
  if (e.type === 'first_token') return { at: e.at, series: 'ttft', providerId: e.providerId, value: e.ttftMs };
  if (e.type === 'attempt_failed' && e.kind !== 'cancelled') return { at: e.at, series: 'error', providerId: e.providerId, value: 1 };
  return undefined;
}
