import type { ContenderId, Lineup } from '../contenders';
import type { Profile } from '../profile';
import type { ReplyScript } from '../../../src/loopback/script';
import { openLoop } from '../load';
import { World } from '../world';

const FALLBACK_TEXT = 'Answer from the fallback provider, within its quota.';
/** The primary is rate limited for the whole scenario and asks callers to come back in 30 s. */
const PRIMARY_LIMITED: ReplyScript = { fault: { type: 'status', status: 429, retryAfter: '30' } };

export interface QuotaRow {
  id: ContenderId;
  name: string;
  chats: number;
  /** Chats answered before their deadline (%). */
  answeredPct: number;
  /** 429s the fallback answered because its quota was spent: what pacing must keep at zero. */
  fallback429s: number;
  /** Requests that reached the fallback / the primary. */
  fallbackRequests: number;
  primaryRequests: number;
  /** The fallback's quota: requests per window. */
  quota: { requests: number; windowMs: number };
}

/**
 * Scenario 7: the primary answers every request 429 (retry-after 30 s); the fallback has limited
 * headroom (a fixed-window request quota it reports in Anthropic's rate-limit headers, and 429
 * once spent). Chats arrive faster than the fallback's quota allows. A router that paces by the
 * reported headroom sends the fallback no more than it can take; one that does not runs it into
 * its own 429s. Every contender has its own provider pair; they run side by side.
 */
export async function quota(lineup: Lineup, ids: ContenderId[], p: Profile['quota']): Promise<QuotaRow[]> {
  return Promise.all(ids.map((id) => runOne(lineup, id, p)));
}

async function runOne(lineup: Lineup, id: ContenderId, p: Profile['quota']): Promise<QuotaRow> {
  const q = { requests: p.fallbackQuota, windowMs: p.windowMs };
  const world = await World.start(PRIMARY_LIMITED, { text: FALLBACK_TEXT }, { quota: q });
  const c = await lineup.create(id, world.endpoints);
  try {
    const results = await openLoop(p.chats, p.ratePerSec, () => c.chat('quota', AbortSignal.timeout(p.deadlineMs)));
    return {
      id,
      name: c.name,
      chats: results.length,
      answeredPct: (100 * results.filter((r) => r.ok && r.text === FALLBACK_TEXT).length) / results.length,
      fallback429s: world.fallback.server.quota?.refused ?? 0,
      fallbackRequests: world.fallback.chats,
      primaryRequests: world.primary.chats,
      quota: q,
    };
  } finally {
    await c.close();
    await world.close();
  }
}
