import { usd } from '../core/money';
import type { ProviderHealth } from '../resilience/api';
import type { SpendRow } from '../resilience/cost/ledger';
import { PRICES_AS_OF } from '../resilience/cost/prices';
import { ms, pct } from './format';
import { providerStatus } from './providerStatus';
import type { ReliabilityRecorder } from './recorder';

export interface ProviderReport {
  id: string;
  label: string;
  model: string;
  state: string;
  attempts: number;
  failures: number;
  /** Successful attempts / attempts; absent when it had no attempts (nothing to claim). */
  availability?: number;
  ttftP50Ms?: number;
  ttftP95Ms?: number;
  errorRate: number;
  failovers: number;
  continuations: number;
  /** Fire drills started on it, and the chats they rerouted to another provider. */
  fireDrills: number;
  drillReroutes: number;
  /** Chats that passed it over for another reason (cooldown, open breaker, sensitivity). */
  skipped: number;
}

export interface ReliabilityReport {
  generatedAt: string;
  since: string;
  chats: number;
  chatsFailed: number;
  providers: ProviderReport[];
  incidents: { at: string; provider: string; what: string }[];
  /** Spend per provider per day by the price table (newest first). */
  spend: (SpendRow & { provider: string })[];
}

/** The exported report: numbers and incidents only, never keys or conversation text. */
export function buildReport(
  health: ProviderHealth[],
  rec: ReliabilityRecorder,
  now = Date.now(),
  spend: SpendRow[] = [],
): ReliabilityReport {
  const label = (id: string) => health.find((h) => h.id === id)?.label ?? id;
  return {
    generatedAt: new Date(now).toISOString(),
    since: new Date(rec.since).toISOString(),
    chats: rec.chats,
    chatsFailed: rec.chatsFailed,
    providers: health.map((h) => {
      const t = rec.tallies.get(h.id);
      const attempts = t?.attempts ?? 0;
      const failures = t?.failures ?? 0;
      return {
        id: h.id,
        label: h.label,
        model: h.model,
        state: providerStatus(h, now).text,
        attempts,
        failures,
        ...(attempts ? { availability: (attempts - failures) / attempts } : {}),
        ttftP50Ms: h.ttft.p50,
        ttftP95Ms: h.ttft.p95,
        errorRate: h.errorRate,
        failovers: t?.failoversFrom ?? 0,
        continuations: t?.continuationsFrom ?? 0,
        fireDrills: t?.drills ?? 0,
        drillReroutes: t?.drillReroutes ?? 0,
        skipped: t?.skips ?? 0,
      };
    }),
    incidents: rec.incidents.map((i) => ({
      at: new Date(i.at).toISOString(),
      provider: label(i.providerId),
      what: i.what.replace('{other}', label(i.otherId ?? '')),
    })),
    spend: spend.map((r) => ({ ...r, provider: label(r.providerId) })),
  };
}

export function reportMarkdown(r: ReliabilityReport): string {
  const drills = r.providers.reduce((n, p) => n + p.fireDrills, 0);
  const rerouted = r.providers.reduce((n, p) => n + p.drillReroutes, 0);
  const lines = [
    '# Switchboard reliability report',
    '',
    `Generated ${r.generatedAt}, covering since ${r.since}. Chats: ${r.chats} (${r.chatsFailed} failed). Fire drills: ${drills} (${rerouted} chat${rerouted === 1 ? '' : 's'} rerouted).`,
    '',
    '| Provider | Model | State | Availability | First token p50 | p95 | Error rate | Attempts | Failovers | Continuations | Fire drills (chats rerouted) | Other skips |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...r.providers.map(
      (p) =>
        `| ${p.label} | ${p.model} | ${p.state} | ${p.availability === undefined ? 'no attempts' : pct(p.availability)} | ${ms(p.ttftP50Ms)} | ${ms(p.ttftP95Ms)} | ${p.attempts ? pct(p.errorRate) : '—'} | ${p.attempts} | ${p.failovers} | ${p.continuations} | ${p.fireDrills} (${p.drillReroutes}) | ${p.skipped} |`,
    ),
    '',
    '## Incidents',
    '',
    ...(r.incidents.length ? r.incidents.map((i) => `- ${i.at} — ${i.provider}: ${i.what}`) : ['None recorded.']),
    '',
    ...spendSection(r.spend),
  ];
  return lines.join('\n');
}

/** Spend per provider per day; answers of models without a price are counted apart, not as free. */
function spendSection(rows: ReliabilityReport['spend']): string[] {
  return [
    '## Spend',
    '',
    `By the price table (your \`switchboard.cost.prices\`, else list prices of ${PRICES_AS_OF}; prices change). Answers whose provider reported no usage (cancelled, dropped) are not counted.`,
    '',
    ...(rows.length
      ? [
          '| Day | Provider | Spent | Answers | Unpriced answers | Input tokens | of which cached | Output tokens |',
          '|---|---|---|---|---|---|---|---|',
          ...rows.map((s) => `| ${s.day} | ${s.provider} | ${usd(s.usd)} | ${s.answers} | ${s.unpriced} | ${s.inputTokens} | ${s.cachedInputTokens} | ${s.outputTokens} |`),
        ]
      : ['No usage recorded.']),
    '',
  ];
}
