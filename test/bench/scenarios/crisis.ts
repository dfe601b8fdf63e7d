import type { ContenderId, Lineup } from '../contenders';
import type { Contender } from '../contenders/types';
import { openLoop } from '../load';
import type { Profile } from '../profile';
import type { ReplyScript } from '../../../src/loopback/script';
import { seededRandom, summarize, type Summary } from '../stats';
import { World } from '../world';

export const PRIMARY_TEXT = 'Answer from the primary provider: keep the tests fast and the files small.';
export const FALLBACK_TEXT = 'Answer from the fallback provider: keep the tests fast and the files small.';

/** Baseline latencies of the two providers (the fallback is a little slower, as backups often are). */
const PRIMARY_OK: ReplyScript = { text: PRIMARY_TEXT, firstTokenDelayMs: 40, tokenDelayMs: 3 };
const FALLBACK_OK: ReplyScript = { text: FALLBACK_TEXT, firstTokenDelayMs: 60, tokenDelayMs: 3 };

export type Phase = 'healthy' | 'degraded' | 'outage' | 'recovery';

/** Degraded primary: +300% latency, 40% errors (15% 429 retry-after 1 s, 15% 529, 10% 500). */
function degradedScripts(n: number, seed: number): ReplyScript[] {
  const rnd = seededRandom(seed);
  const slow: ReplyScript = { ...PRIMARY_OK, firstTokenDelayMs: 160 };
  return Array.from({ length: n }, () => {
    const r = rnd();
    if (r < 0.15) return { headerDelayMs: 40, fault: { type: 'status', status: 429, retryAfter: '1' } };
    if (r < 0.3)
      return {
        headerDelayMs: 40,
        fault: { type: 'status', status: 529, errorType: 'overloaded_error', message: 'Overloaded' },
      };
    if (r < 0.4) return { headerDelayMs: 40, fault: { type: 'status', status: 500 } };
    return slow;
  });
}

export interface ChatRecord {
  at: number;
  phase: Phase;
  ok: boolean;
  by?: 'primary' | 'fallback';
  ttftMs?: number;
}

export interface CrisisRow {
  id: ContenderId;
  name: string;
  chats: number;
  answeredPct: number;
  answeredPctByPhase: Record<Phase, number>;
  /** Over answered chats. */
  ttft: Summary;
  ttftSamples: number[];
  /** First-token latency of answered chats by the phase they started in. */
  ttftByPhase: Record<Phase, Summary>;
  /** Share of answered chats the primary answered, by phase (%). */
  primaryPctByPhase: Record<Phase, number>;
  attemptsPerChat: number;
  /** ms after the primary recovered until every later chat was answered by the primary; undefined = not within the window. */
  returnToPrimaryMs?: number;
  recoveryWindowMs: number;
  errors: Record<string, number>;
}

/**
 * Scenario 2: healthy -> degraded primary -> full primary outage (503) -> recovery, fallback
 * healthy throughout. Every contender has its own provider pair and sees the same seeded fault
 * sequence and the same open-loop arrival rate; the contenders run side by side.
 */
export async function crisis(lineup: Lineup, ids: ContenderId[], p: Profile['crisis']): Promise<CrisisRow[]> {
  return Promise.all(ids.map((id) => runOne(lineup, id, p)));
}

async function runOne(lineup: Lineup, id: ContenderId, p: Profile['crisis']): Promise<CrisisRow> {
  const world = await World.start(PRIMARY_OK, FALLBACK_OK);
  const c: Contender = await lineup.create(id, world.endpoints);
  const ends = {
    healthy: p.healthyMs,
    degraded: p.healthyMs + p.degradedMs,
    outage: p.healthyMs + p.degradedMs + p.outageMs,
  };
  const total = ends.outage + p.recoveryMs;
  const phaseAt = (t: number): Phase =>
    t < ends.healthy ? 'healthy' : t < ends.degraded ? 'degraded' : t < ends.outage ? 'outage' : 'recovery';
  const timers = [
    setTimeout(
      () =>
        world.primary.phase(PRIMARY_OK, degradedScripts(Math.ceil((p.ratePerSec * p.degradedMs) / 1000) * 4 + 20, 42)),
      ends.healthy,
    ),
    setTimeout(
      () => world.primary.phase({ fault: { type: 'status', status: 503, message: 'Service Unavailable' } }),
      ends.degraded,
    ),
    setTimeout(() => world.primary.phase(PRIMARY_OK), ends.outage),
  ];
  const errors: Record<string, number> = {};
  try {
    const count = Math.floor((p.ratePerSec * total) / 1000);
    const records = await openLoop(
      count,
      p.ratePerSec,
      crisisChat(c, p.deadlineMs, performance.now(), phaseAt, errors, {
        primary: PRIMARY_TEXT,
        fallback: FALLBACK_TEXT,
      }),
    );
    const answered = records.filter((r) => r.ok);
    const pct = (rs: ChatRecord[]) => (rs.length ? (100 * rs.filter((r) => r.ok).length) / rs.length : 0);
    const byPhase = Object.fromEntries(
      (['healthy', 'degraded', 'outage', 'recovery'] as const).map((ph) => [
        ph,
        pct(records.filter((r) => r.phase === ph)),
      ]),
    ) as Record<Phase, number>;
    const ttftSamples = answered.map((r) => r.ttftMs ?? 0);
    const phases: Phase[] = ['healthy', 'degraded', 'outage', 'recovery'];
    const inPhase = (ph: Phase) => answered.filter((r) => r.phase === ph);
    const ttftByPhase = Object.fromEntries(
      phases.map((ph) => [ph, summarize(inPhase(ph).map((r) => r.ttftMs ?? 0))]),
    ) as Record<Phase, Summary>;
    const primaryPctByPhase = Object.fromEntries(
      phases.map((ph) => [
        ph,
        inPhase(ph).length ? (100 * inPhase(ph).filter((r) => r.by === 'primary').length) / inPhase(ph).length : 0,
      ]),
    ) as Record<Phase, number>;
    return {
      id,
      name: c.name,
      chats: records.length,
      answeredPct: pct(records),
      answeredPctByPhase: byPhase,
      ttft: summarize(ttftSamples),
      ttftSamples,
      ttftByPhase,
      primaryPctByPhase,
      attemptsPerChat: world.attempts / records.length,
      returnToPrimaryMs: returnTime(records.filter((r) => r.phase === 'recovery'), ends.outage),
      recoveryWindowMs: p.recoveryMs,
      errors,
    };
  } finally {
    for (const t of timers) clearTimeout(t);
    await c.close();
    await world.close();
  }
}

/**
 * One crisis chat for an open loop: asks, tells who answered by the text, counts failures by their
 * message (numbers masked) in `errors`.
 */
export function crisisChat(
  c: Contender,
  deadlineMs: number,
  t0: number,
  phaseAt: (t: number) => Phase,
  errors: Record<string, number>,
  texts: { primary: string; fallback: string },
): (i: number, startedAt: number) => Promise<ChatRecord> {
  return async (_i, startedAt) => {
    const at = startedAt - t0;
    const r = await c.chat('Give me one tip.', AbortSignal.timeout(deadlineMs));
    const by = r.text === texts.primary ? 'primary' : r.text === texts.fallback ? 'fallback' : undefined;
    const ok = r.ok && by !== undefined;
    if (!ok) {
      const key = (r.error ?? `incomplete text (${r.text.length} chars)`).replace(/\d{3,}/g, 'N').slice(0, 80);
      errors[key] = (errors[key] ?? 0) + 1;
    }
    return { at, phase: phaseAt(at), ok, by, ttftMs: ok ? r.ttftMs : undefined };
  };
}

/** From the recovery start until the first chat after which every chat was answered by the primary. */
export function returnTime(recovery: ChatRecord[], recoveredAt: number): number | undefined {
  if (recovery.length === 0) return undefined;
  let lastOther = -1;
  recovery.forEach((r, i) => {
    if (r.by !== 'primary') lastOther = i;
  });
  if (lastOther === recovery.length - 1) return undefined;
  return Math.max(0, recovery[lastOther + 1].at - recoveredAt);
}
