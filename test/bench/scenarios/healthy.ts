import type { ContenderId, Lineup } from '../contenders';
import type { Contender } from '../contenders/types';
import type { Profile } from '../profile';
import { percentile, summarize, type Summary } from '../stats';
import { World } from '../world';

export interface HealthyRow {
  id: ContenderId;
  name: string;
  ttft: Summary;
  /** Contender minus bare SDK, at the same percentile. */
  addedP50?: number;
  addedP99?: number;
  /** Contender p50 / bare p50. */
  ratioP50?: number;
  failures: number;
}

const TEXT = 'Healthy answer: the quick brown fox jumps over the lazy dog again.';

/**
 * Scenario 1: everything healthy, no delays. Chats run one at a time, rotating through the
 * contenders (so drift and GC hit everyone alike); time to first token per contender.
 */
export async function healthy(lineup: Lineup, ids: ContenderId[], p: Profile['healthy']): Promise<HealthyRow[]> {
  const world = await World.start({ text: TEXT }, { text: TEXT });
  const cs: Contender[] = [];
  try {
    for (const id of ids) cs.push(await lineup.create(id, world.endpoints));
    const ttfts = cs.map(() => [] as number[]);
    const failures = cs.map(() => 0);
    for (let i = 0; i < p.warmup + p.requests; i++) {
      for (let k = 0; k < cs.length; k++) {
        const j = (i + k) % cs.length;
        const r = await cs[j].chat('Say hello.', AbortSignal.timeout(10_000));
        if (i < p.warmup) continue;
        if (r.ok && r.ttftMs !== undefined && r.text === TEXT) ttfts[j].push(r.ttftMs);
        else failures[j]++;
      }
    }
    const bare = ids.indexOf('bare');
    const base = bare >= 0 ? ttfts[bare] : undefined;
    return ids.map((id, j) => {
      const ttft = summarize(ttfts[j]);
      const b50 = base && percentile(base, 50);
      const b99 = base && percentile(base, 99);
      return {
        id,
        name: cs[j].name,
        ttft,
        addedP50: b50 !== undefined && ttft.p50 !== undefined ? ttft.p50 - b50 : undefined,
        addedP99: b99 !== undefined && ttft.p99 !== undefined ? ttft.p99 - b99 : undefined,
        ratioP50: b50 && ttft.p50 !== undefined ? ttft.p50 / b50 : undefined,
        failures: failures[j],
      };
    });
  } finally {
    await Promise.all(cs.map((c) => c.close()));
    await world.close();
  }
}
