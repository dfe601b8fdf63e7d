import { groupRows, soloName } from '../core/groups';
import type { ProviderHealth } from '../resilience/api';
import type { SpendRow } from '../resilience/cost/ledger';
import { ms, pct } from './format';
import { providerStatus } from './providerStatus';
import type { ReliabilityRecorder } from './recorder';
import { spendRows, spendSection, type ReportSpendRow } from './spendReport';

/** One deployment (one model of a configured provider entry). */
export interface ProviderReport {
  id: string;
  label: string;
  model: string;
  /** The configured entry and its label: the report lists an entry's models together under it. */
  group: string;
  groupLabel: string;
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
  /** Spend per model per day by the price table (newest first), named by provider entry and model. */
  spend: ReportSpendRow[];
}

/** The exported report: numbers and incidents only, never keys or conversation text. */
export function buildReport(
  health: ProviderHealth[],
  rec: ReliabilityRecorder,
  now = Date.now(),
  spend: SpendRow[] = [],
): ReliabilityReport {
  // "OpenAI · gpt-4o" in incidents when the entry lists several models.
  const label = (id: string) => {
    const h = health.find((x) => x.id === id);
    return h ? soloName(h, health) : id;
  };
  return {
    generatedAt: new Date(now).toISOString(),
    since: new Date(rec.since).toISOString(),
    chats: rec.chats,
    chatsFailed: rec.chatsFailed,
    providers: groupRows(health).flatMap((g) => g.rows).map((h) => {
      const t = rec.tallies.get(h.id);
      const attempts = t?.attempts ?? 0;
      const failures = t?.failures ?? 0;
      return {
        id: h.id,
        label: h.label,
        model: h.model,
        group: h.group ?? h.id,
        groupLabel: h.groupLabel ?? h.label,
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
    spend: spendRows(spend, health),
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
        `| ${p.groupLabel} | ${p.model} | ${p.state} | ${p.availability === undefined ? 'no attempts' : pct(p.availability)} | ${ms(p.ttftP50Ms)} | ${ms(p.ttftP95Ms)} | ${p.attempts ? pct(p.errorRate) : '—'} | ${p.attempts} | ${p.failovers} | ${p.continuations} | ${p.fireDrills} (${p.drillReroutes}) | ${p.skipped} |`,
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
