import type { ContenderId, Lineup } from '../contenders';
import type { Contender } from '../contenders/types';
import { openLoop, sequential } from '../load';
import type { Profile } from '../profile';
import type { ReplyScript } from '../../../src/loopback/script';
import { seededRandom, summarize, type Summary } from '../stats';
import { World } from '../world';

const TEXT = 'Tail answer: measure the slowest requests, not only the median.';
const PRIMARY_OK: ReplyScript = { text: TEXT, firstTokenDelayMs: 20, tokenDelayMs: 2 };
const FALLBACK_OK: ReplyScript = { text: TEXT, firstTokenDelayMs: 30, tokenDelayMs: 2 };

export interface TailRow {
  id: ContenderId;
  name: string;
  ttft: Summary;
  answeredPct: number;
  /** Upstream requests per chat minus one (hedges, retries, fallbacks), in %. */
  extraLoadPct: number;
}

/**
 * Scenario 4: 5% of primary requests take `slowMs` (1 s) to the first token (seeded, same for everyone),
 * open-loop arrivals after a healthy warm-up. Hedging is what should cut p99 here.
 */
export async function tail(lineup: Lineup, ids: ContenderId[], p: Profile['tail']): Promise<TailRow[]> {
  const rows: TailRow[] = [];
  for (const id of ids) rows.push(await runOne(lineup, id, p));
  return rows;
}

async function runOne(lineup: Lineup, id: ContenderId, p: Profile['tail']): Promise<TailRow> {
  const world = await World.start(PRIMARY_OK, FALLBACK_OK);
  const c: Contender = await lineup.create(id, world.endpoints);
  try {
    await sequential(p.warmup, () => c.chat('warm up', AbortSignal.timeout(5000)));
    const rnd = seededRandom(7);
    const slow: ReplyScript = { ...PRIMARY_OK, firstTokenDelayMs: p.slowMs };
    const scripts = Array.from({ length: p.requests * 3 }, () => (rnd() < 0.05 ? slow : PRIMARY_OK));
    world.primary.phase(PRIMARY_OK, scripts);
    world.fallback.phase(FALLBACK_OK);
    const before = world.attempts;
    const results = await openLoop(p.requests, p.ratePerSec, () => c.chat('tail', AbortSignal.timeout(10_000)));
    const ok = results.filter((r) => r.ok && r.text === TEXT);
    return {
      id,
      name: c.name,
      ttft: summarize(ok.map((r) => r.ttftMs ?? 0)),
      answeredPct: (100 * ok.length) / results.length,
      extraLoadPct: (100 * (world.attempts - before - results.length)) / results.length,
    };
  } finally {
    await c.close();
    await world.close();
  }
}
