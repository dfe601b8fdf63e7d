import type { ProviderHealth } from '../resilience/api';
import { ms, pct, STATE_LABEL } from './format';
import type { ReliabilityRecorder } from './recorder';

export interface ProviderReport {
  id: string;
  label: string;
  model: string;
  state: string;
  attempts: number;
  failures: number;
  /** Successful attempts / attempts (1 when none). */
  availability: number;
  ttftP50Ms?: number;
  ttftP95Ms?: number;
  errorRate: number;
  failovers: number;
  continuations: number;
}

export interface ReliabilityReport {
  generatedAt: string;
  since: string;
  chats: number;
  chatsFailed: number;
  providers: ProviderReport[];
  incidents: { at: string; provider: string; what: string }[];
}

/** The exported report: numbers and incidents only, never keys or conversation text. */
export function buildReport(health: ProviderHealth[], rec: ReliabilityRecorder, now = Date.now()): ReliabilityReport {
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
        state: STATE_LABEL[h.state],
        attempts,
        failures,
        availability: attempts ? (attempts - failures) / attempts : 1,
        ttftP50Ms: h.ttft.p50,
        ttftP95Ms: h.ttft.p95,
        errorRate: h.errorRate,
        failovers: t?.failoversFrom ?? 0,
        continuations: t?.continuationsFrom ?? 0,
      };
    }),
    incidents: rec.incidents.map((i) => ({ at: new Date(i.at).toISOString(), provider: i.providerId, what: i.what })),
  };
}

export function reportMarkdown(r: ReliabilityReport): string {
  const lines = [
    '# Switchboard reliability report',
    '',
    `Generated ${r.generatedAt}, covering since ${r.since}. Chats: ${r.chats} (${r.chatsFailed} failed).`,
    '',
    '| Provider | Model | State | Availability | First token p50 | p95 | Error rate | Attempts | Failovers | Continuations |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...r.providers.map(
      (p) => `| ${p.label} | ${p.model} | ${p.state} | ${pct(p.availability)} | ${ms(p.ttftP50Ms)} | ${ms(p.ttftP95Ms)} | ${pct(p.errorRate)} | ${p.attempts} | ${p.failovers} | ${p.continuations} |`,
    ),
    '',
    '## Incidents',
    '',
    ...(r.incidents.length ? r.incidents.map((i) => `- ${i.at} — ${i.provider}: ${i.what}`) : ['None recorded.']),
    '',
  ];
  return lines.join('\n');
}
