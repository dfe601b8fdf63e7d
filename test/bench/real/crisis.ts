import type { ContenderId, Lineup } from '../contenders';
import { openLoop } from '../load';
import type { ReplyScript } from '../../../src/loopback/script';
import { percentile, seededRandom, summarize, type Summary } from '../stats';
import { crisisChat, returnTime, type Phase } from '../scenarios/crisis';
import { World } from '../world';
import { FALLBACK, PRIMARY, scripts, ttfts, type RealProfile } from './profile';

export const PRIMARY_TEXT = 'Answer from the primary provider: keep the tests fast, the files small and the names plain, and measure before you tune anything.';
export const FALLBACK_TEXT = 'Answer from the fallback provider: keep the tests fast, the files small and the names plain, and measure before you tune anything.';


export interface RealCrisisRow {
  id: ContenderId;
  name: string;
  seed: number;
  chats: number;
  answeredPct: number;
  /** First token of answered chats that started in the degraded and outage phases. */
  crisisTtft: Summary;
  /** p99 of the fallback's own first-token delays over as many chats (what calling it directly gives). */
  fallbackOwnP99?: number;
  /** Upstream requests (chats, retries, hedges, health probes) beyond one per chat, in % of chats. */
  extraPct: number;
  /** Share of answered chats the primary answered while degraded (%). */
  primaryPctDegraded: number;
  returnToPrimaryMs?: number;
  recoveryMs: number;
  errors: Record<string, number>;
}

/** The primary degraded: 4x slower first tokens, 40% errors (15% 429 retry-after 2 s, 15% 529, 10% 500). */
function degraded(n: number, seed: number): ReplyScript[] {
  const rnd = seededRandom(seed * 7919);
  const slow = scripts(PRIMARY_TEXT, PRIMARY, ttfts(PRIMARY, n, seed * 31, 4));
  return slow.map((ok) => {
    const r = rnd();
    if (r < 0.15) return { headerDelayMs: 300, fault: { type: 'status', status: 429, retryAfter: '2' } };
    if (r < 0.3)
      return {
        headerDelayMs: 300,
        fault: { type: 'status', status: 529, errorType: 'overloaded_error', message: 'Overloaded' },
      };
    if (r < 0.4) return { headerDelayMs: 300, fault: { type: 'status', status: 500 } };
    return ok;
  });
}

/**
 * The seed's crisis at real timing: healthy, degraded primary, primary down (fast 503s), primary
 * back; the fallback healthy throughout. Every contender gets its own provider pair with the same
 * seeded scripts and the same open-loop arrivals, all side by side.
 */
export function realCrisis(lineup: Lineup, ids: ContenderId[], p: RealProfile, seed: number): Promise<RealCrisisRow[]> {
  return Promise.all(ids.map((id) => runOne(lineup, id, p, seed)));
}

async function runOne(lineup: Lineup, id: ContenderId, p: RealProfile, seed: number): Promise<RealCrisisRow> {
  const c = p.crisis;
  const ends = {
    healthy: c.healthyMs,
    degraded: c.healthyMs + c.degradedMs,
    outage: c.healthyMs + c.degradedMs + c.outageMs,
  };
  const total = ends.outage + c.recoveryMs;
  const count = Math.floor((p.ratePerSec * total) / 1000);
  const many = count * 4 + 100;
  const primaryOk = () => scripts(PRIMARY_TEXT, PRIMARY, ttfts(PRIMARY, many, seed));
  const fallbackDelays = ttfts(FALLBACK, many, seed + 1000);
  const world = await World.start(primaryOk()[0], scripts(FALLBACK_TEXT, FALLBACK, fallbackDelays)[0]);
  world.primary.phase(primaryOk()[0], primaryOk());
  world.fallback.phase(
    scripts(FALLBACK_TEXT, FALLBACK, [FALLBACK.ttftMs])[0],
    scripts(FALLBACK_TEXT, FALLBACK, fallbackDelays),
  );
  const contender = await lineup.create(id, world.endpoints);
  const phaseAt = (t: number): Phase =>
    t < ends.healthy ? 'healthy' : t < ends.degraded ? 'degraded' : t < ends.outage ? 'outage' : 'recovery';
  const timers = [
    setTimeout(
      () => world.primary.phase(scripts(PRIMARY_TEXT, PRIMARY, [PRIMARY.ttftMs * 4])[0], degraded(many, seed)),
      ends.healthy,
    ),
    setTimeout(
      () =>
        world.primary.phase({
          headerDelayMs: 100,
          fault: { type: 'status', status: 503, message: 'Service Unavailable' },
        }),
      ends.degraded,
    ),
    setTimeout(() => world.primary.phase(primaryOk()[0], primaryOk()), ends.outage),
  ];
  const errors: Record<string, number> = {};
  try {
    const records = await openLoop(
      count,
      p.ratePerSec,
      crisisChat(contender, p.deadlineMs, performance.now(), phaseAt, errors, {
        primary: PRIMARY_TEXT,
        fallback: FALLBACK_TEXT,
      }),
    );
    const inCrisis = records.filter((r) => r.phase === 'degraded' || r.phase === 'outage');
    const answeredDegraded = records.filter((r) => r.phase === 'degraded' && r.ok);
    return {
      id,
      name: contender.name,
      seed,
      chats: records.length,
      answeredPct: (100 * records.filter((r) => r.ok).length) / records.length,
      crisisTtft: summarize(inCrisis.filter((r) => r.ok).map((r) => r.ttftMs ?? 0)),
      fallbackOwnP99: percentile(fallbackDelays.slice(0, inCrisis.length), 99),
      extraPct: (100 * (world.attempts - records.length)) / records.length,
      primaryPctDegraded: answeredDegraded.length
        ? (100 * answeredDegraded.filter((r) => r.by === 'primary').length) / answeredDegraded.length
        : 0,
      returnToPrimaryMs: returnTime(
        records.filter((r) => r.phase === 'recovery'),
        ends.outage,
      ),
      recoveryMs: c.recoveryMs,
      errors,
    };
  } finally {
    for (const t of timers) clearTimeout(t);
    await contender.close();
    await world.close();
  }
}
