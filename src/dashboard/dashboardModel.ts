/** Maps engine health and events to what the dashboard draws. Plain TypeScript. */
import type { ChartPoint, EventRow, ProviderCard } from '../core/protocol';
import { STATUS_WORDS } from '../core/status';
import { breakerText, providerStatus } from '../presentation/providerStatus';
import type { EngineEvent, ProviderHealth, ProviderState, SkipReason } from '../resilience/api';

export function toCard(h: ProviderHealth, now = Date.now()): ProviderCard {
  const rl = h.rateLimit;
  const s = providerStatus(h, now);
  return {
    id: h.id,
    label: h.label,
    model: h.model,
    group: h.group ?? h.id,
    groupLabel: h.groupLabel ?? h.label,
    trust: String(h.trust),
    enabled: h.enabled,
    status: s.kind,
    statusUntil: s.until,
    statusDetail: s.detail,
    breaker: breakerText(h),
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
    spentTodayUsd: h.spentTodayUsd,
    dailyBudgetUsd: h.dailyBudgetUsd,
    budgetShared: h.budgetShared,
    spentTodayEstimatedUsd: h.spentTodayEstimatedUsd,
    cutAttemptsToday: h.cutAttemptsToday,
    hold: h.hold ? `${h.hold.reason === 'budget' ? 'budget' : 'paced'}: ${h.hold.detail}` : undefined,
  };
}

/** How the event log names providers and their states: the same labels and words as everywhere. */
export interface RowNames {
  /** The provider's label ("Demo OpenAI"), not its id. */
  label(providerId: string): string;
  /** The provider's current state in words ("fire drill"), or undefined when unknown. */
  state(providerId: string): string | undefined;
}

const ENGINE_STATE_WORDS: Record<ProviderState, string> = {
  healthy: STATUS_WORDS.healthy,
  degraded: STATUS_WORDS.degraded,
  cooling_down: STATUS_WORDS.cooling_down,
  open: STATUS_WORDS.breaker_open,
  misconfigured: STATUS_WORDS.needs_attention,
  disabled: STATUS_WORDS.disabled,
};

const SKIP_WORDS: Record<SkipReason, string> = {
  no_key: STATUS_WORDS.no_key,
  fire_drill: STATUS_WORDS.fire_drill,
  cooldown: STATUS_WORDS.cooling_down,
  breaker_open: STATUS_WORDS.breaker_open,
  isolated: STATUS_WORDS.isolated,
  misconfigured: STATUS_WORDS.needs_attention,
  sensitivity: 'not allowed for a sensitive request',
  budget: 'daily budget spent',
  pacing: 'paced (near its rate limit)',
};

const IDS: RowNames = { label: (id) => id, state: () => undefined };

/** A log line for the events a user wants to see (failovers, hedges, continuations, breakers). */
export function eventToRow(e: EngineEvent, names: RowNames = IDS, previousWords?: string): EventRow | undefined {
  const row = (text: string): EventRow => ({ at: e.at, kind: e.type, text });
  const n = names.label;
  switch (e.type) {
    case 'fell_back':
      return row(`Fell back from ${n(e.from)} to ${n(e.to)} (${e.kind})`);
    case 'skipped':
      return row(`Passed over ${n(e.providerId)} (${SKIP_WORDS[e.reason]})`);
    case 'fire_drill':
      return row(e.until > e.at ? `Fire drill: ${n(e.providerId)} fails for ${Math.round((e.until - e.at) / 60_000) || '<1'} min` : `Fire drill on ${n(e.providerId)} ended`);
    case 'hedge_fired':
      return row(`Hedged ${n(e.primary)} with ${n(e.hedge)} after ${Math.round(e.afterMs)} ms`);
    case 'hedge_won':
      return row(`Hedge won: ${n(e.winner)} answered first, ${n(e.loser)} cancelled`);
    case 'continued':
      return row(`Continued on ${n(e.to)} after ${n(e.from)} stopped (${e.keptChars} chars kept)`);
    case 'attempt_failed':
      return row(`${n(e.providerId)} failed: ${e.kind}${e.streamed ? ' mid-answer' : ''}`);
    case 'breaker':
      return row(`${n(e.providerId)} breaker ${e.state === 'half_open' ? 'half-open (testing)' : e.state}`);
    case 'cooldown':
      return row(`${n(e.providerId)} cooling down for ${Math.max(0, Math.round((e.until - e.at) / 1000))} s`);
    case 'sensitivity_blocked':
      return row(`Kept a sensitive request away from ${n(e.providerId)}: ${e.reason}`);
    case 'health_changed':
      return row(`${n(e.providerId)}: ${previousWords ?? ENGINE_STATE_WORDS[e.previous]} → ${names.state(e.providerId) ?? ENGINE_STATE_WORDS[e.state]}`);
    case 'chain_moved':
      return row(`${e.chainLabel}: ${e.why}; answered by ${n(e.to)} (a different model family)`);
    case 'chain_back':
      return row(`${e.chainLabel} is back on ${n(e.providerId)}`);
    case 'chat_failed':
      return row(`A chat failed after ${e.attempts} attempt(s): ${e.kind}`);
    default:
      return undefined;
  }
}

/** A chart sample: first-token times and failed attempts. */
export function eventToPoint(e: EngineEvent): ChartPoint | undefined {
  if (e.type === 'first_token') return { at: e.at, series: 'ttft', providerId: e.providerId, value: e.ttftMs };
  if (e.type === 'attempt_failed' && e.kind !== 'cancelled')
    return { at: e.at, series: 'error', providerId: e.providerId, value: 1 };
  return undefined;
}
