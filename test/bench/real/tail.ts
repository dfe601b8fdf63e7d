import type { ContenderId, Lineup } from '../contenders';
import { openLoop } from '../load';
import { percentile, seededRandom, summarize, type Summary } from '../stats';
import { World } from '../world';
import { FALLBACK, PRIMARY, scripts, ttfts, type RealProfile } from './profile';

const TEXT = 'Tail answer: measure the slowest requests, not only the median, and keep the budget for when it matters.';

export interface RealTailRow {
  id: ContenderId;
  name: string;
  seed: number;
  ttft: Summary;
  /** p95 of the primary's first-token delays without the slow ones: the healthy p95. */
  healthyP95?: number;
  answeredPct: number;
  /** Upstream requests beyond one per chat, in % of chats. */
  extraPct: number;
}

/**
 * The tail at real timing: a healthy primary whose first tokens spread like a hosted model's, and a
 * seeded 5% of requests that take `slowMs` (8 s) to the first token; the fallback healthy. Hedging
 * at the real tail is what should cut p99 here.
 */
export function realTail(lineup: Lineup, ids: ContenderId[], p: RealProfile, seed: number): Promise<RealTailRow[]> {
  return Promise.all(ids.map((id) => runOne(lineup, id, p, seed)));
}

async function runOne(lineup: Lineup, id: ContenderId, p: RealProfile, seed: number): Promise<RealTailRow> {
  const count = Math.floor((p.ratePerSec * p.tail.ms) / 1000);
  const many = count * 3 + 60;
  const rnd = seededRandom(seed * 104_729);
  const normal = ttfts(PRIMARY, many, seed + 2000);
  const delays = normal.map((d) => (rnd() < p.tail.slowShare ? p.tail.slowMs : d));
  const world = await World.start(
    scripts(TEXT, PRIMARY, [PRIMARY.ttftMs])[0],
    scripts(TEXT, FALLBACK, [FALLBACK.ttftMs])[0],
  );
  world.primary.phase(scripts(TEXT, PRIMARY, [PRIMARY.ttftMs])[0], scripts(TEXT, PRIMARY, delays));
  world.fallback.phase(
    scripts(TEXT, FALLBACK, [FALLBACK.ttftMs])[0],
    scripts(TEXT, FALLBACK, ttfts(FALLBACK, many, seed + 3000)),
  );
  const contender = await lineup.create(id, world.endpoints);
  try {
    const results = await openLoop(count, p.ratePerSec, () =>
      contender.chat('tail', AbortSignal.timeout(p.deadlineMs)),
    );
    const ok = results.filter((r) => r.ok && r.text === TEXT);
    return {
      id,
      name: contender.name,
      seed,
      ttft: summarize(ok.map((r) => r.ttftMs ?? 0)),
      healthyP95: percentile(normal.slice(0, count), 95),
      answeredPct: (100 * ok.length) / results.length,
      extraPct: (100 * (world.attempts - results.length)) / results.length,
    };
  } finally {
    await contender.close();
    await world.close();
  }
}
