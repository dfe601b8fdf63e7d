import { DASH, ms, pct, table } from '../report/format';
import type { RealCrisisRow } from './crisis';
import type { RealProfile } from './profile';
import type { RealTailRow } from './tail';

export interface RealResult {
  date: string;
  machine: string;
  profile: RealProfile;
  crisis: RealCrisisRow[];
  tail: RealTailRow[];
  durationMs: number;
}

export interface Goal {
  seed: number;
  goal: string;
  value: string;
  met: boolean;
}

/** Issue 12's goals at real timing, for Switchboard, per seed: every one listed, met or not. */
export function realGoals(r: RealResult): Goal[] {
  const out: Goal[] = [];
  for (const seed of r.profile.seeds) {
    const c = r.crisis.find((x) => x.id === 'switchboard' && x.seed === seed);
    const t = r.tail.find((x) => x.id === 'switchboard' && x.seed === seed);
    if (!c || !t) continue;
    const limit = c.fallbackOwnP99 === undefined ? undefined : 1.3 * c.fallbackOwnP99;
    const tailLimit = t.healthyP95 === undefined ? undefined : 1.5 * t.healthyP95;
    out.push(
      {
        seed,
        goal: '100% of chats answered while a provider is healthy (crisis and tail)',
        value: `${pct(c.answeredPct)} / ${pct(t.answeredPct)}`,
        met: c.answeredPct === 100 && t.answeredPct === 100,
      },
      {
        seed,
        goal: "crisis p99 first token <= 1.3x the fallback's own p99",
        value: `${ms(c.crisisTtft.p99)} ms vs ${ms(limit)} ms (fallback p99 ${ms(c.fallbackOwnP99)} ms)`,
        met: limit !== undefined && c.crisisTtft.p99 !== undefined && c.crisisTtft.p99 <= limit,
      },
      {
        seed,
        goal: 'extra upstream requests <= 10% of chats (crisis, health probes included)',
        value: pct(c.extraPct),
        met: c.extraPct <= 10,
      },
      {
        seed,
        goal: 'back on the recovered primary within 3 s',
        value:
          c.returnToPrimaryMs === undefined
            ? `not within ${(c.recoveryMs / 1000).toFixed(0)} s`
            : `${(c.returnToPrimaryMs / 1000).toFixed(1)} s`,
        met: c.returnToPrimaryMs !== undefined && c.returnToPrimaryMs <= 3000,
      },
      {
        seed,
        goal: 'tail p99 first token <= 1.5x the healthy p95',
        value: `${ms(t.ttft.p99)} ms vs ${ms(tailLimit)} ms (healthy p95 ${ms(t.healthyP95)} ms)`,
        met: tailLimit !== undefined && t.ttft.p99 !== undefined && t.ttft.p99 <= tailLimit,
      },
    );
  }
  return out;
}

function crisisTable(r: RealResult): string {
  return table(
    [
      'Seed',
      'Contender',
      'answered',
      'crisis TTFT p50 / p95 / p99 ms',
      'extra upstream',
      'primary share while degraded',
      'back on primary',
      'most common failure',
    ],
    r.crisis.map((c) => {
      const top = Object.entries(c.errors).sort((a, z) => z[1] - a[1])[0];
      return [
        String(c.seed),
        c.name,
        pct(c.answeredPct),
        `${ms(c.crisisTtft.p50)} / ${ms(c.crisisTtft.p95)} / ${ms(c.crisisTtft.p99)}`,
        pct(c.extraPct),
        pct(c.primaryPctDegraded),
        c.returnToPrimaryMs === undefined
          ? `not within ${(c.recoveryMs / 1000).toFixed(0)} s`
          : `${(c.returnToPrimaryMs / 1000).toFixed(1)} s`,
        top ? `${top[0].replace(/\|/g, '/')} (${top[1]})` : DASH,
      ];
    }),
  );
}

function tailTable(r: RealResult): string {
  return table(
    ['Seed', 'Contender', 'TTFT p50 / p95 / p99 ms', 'healthy p95 ms', 'extra upstream', 'answered'],
    r.tail.map((t) => [String(t.seed), t.name, `${ms(t.ttft.p50)} / ${ms(t.ttft.p95)} / ${ms(t.ttft.p99)}`, ms(t.healthyP95), pct(t.extraPct), pct(t.answeredPct)]),
  );
}

export function realReport(r: RealResult): string {
  const p = r.profile;
  const c = p.crisis;
  return [
    '# Switchboard benchmark at real timing',
    '',
    `${r.machine}; seeds ${p.seeds.join(', ')}; ${(r.durationMs / 1000).toFixed(0)} s.`,
    '',
    `Providers answer like hosted models: first tokens log-normal around 0.8 s (primary) and 0.9 s`,
    `(fallback), 35-40 tokens/s; chats arrive open-loop at ${p.ratePerSec}/s. Crisis: healthy ${c.healthyMs / 1000} s, degraded`,
    `${c.degradedMs / 1000} s (primary 4x slower, 40% errors: 15% 429 retry-after 2 s, 15% 529, 10% 500), outage ${c.outageMs / 1000} s (503),`,
    `recovery ${c.recoveryMs / 1000} s; the fallback healthy throughout. Tail: ${p.tail.ms / 1000} s with ${p.tail.slowShare * 100}% of primary requests`,
    `taking ${p.tail.slowMs / 1000} s to the first token.`,
    '',
    '## Goals (Switchboard)',
    '',
    ...realGoals(r).map((g) => `- seed ${g.seed}: ${g.met ? 'met' : 'NOT met'}: ${g.goal} (measured ${g.value})`),
    '',
    '## Crisis',
    '',
    crisisTable(r),
    '',
    '## Tail',
    '',
    tailTable(r),
    '',
  ].join('\n');
}
