import type { ContenderId, Lineup } from '../contenders';
import type { Contender } from '../contenders/types';
import { sequential } from '../load';
import type { Profile } from '../profile';
import type { ReplyScript } from '../../../src/loopback/script';
import { textDiff } from '../stats';
import { answerContinuations, World } from '../world';

export const FULL_TEXT =
  'A mid-stream drop test: the provider sends the first part of this answer, then its connection breaks, ' +
  'and a good router finishes the sentence elsewhere without losing or repeating a single word of it.';

export interface MidStreamRow {
  id: ContenderId;
  name: string;
  chats: number;
  /** The caller got exactly the full answer (%). */
  intactPct: number;
  /** The call raised an error (%). */
  errorPct: number;
  /** Ended without an error but with a wrong text (%): truncation the caller cannot see. */
  silentPct: number;
  /** Mean characters of the answer missing per chat. */
  lostChars: number;
  /** Mean characters shown that are not part of the answer (repeats) per chat. */
  duplicatedChars: number;
}

/**
 * Scenario 5: the primary streams 8 words, then its socket drops. Both providers give the same
 * answer; the fallback continues from an assistant prefill as a real model would (see
 * answerContinuations), so a router that continues can produce the exact text.
 */
export async function midStream(lineup: Lineup, ids: ContenderId[], p: Profile['midStream']): Promise<MidStreamRow[]> {
  const rows: MidStreamRow[] = [];
  for (const id of ids) rows.push(await runOne(lineup, id, p));
  return rows;
}

async function runOne(lineup: Lineup, id: ContenderId, p: Profile['midStream']): Promise<MidStreamRow> {
  const base: ReplyScript = { text: FULL_TEXT, tokenDelayMs: 2 };
  const world = await World.start({ ...base, fault: { type: 'drop', afterTokens: 8 } }, base);
  answerContinuations(world.fallback.server, FULL_TEXT, base);
  const c: Contender = await lineup.create(id, world.endpoints);
  try {
    const results = await sequential(p.requests, () =>
      c.chat('Explain mid-stream failover.', AbortSignal.timeout(10_000)),
    );
    const n = results.length;
    const diffs = results.map((r) => textDiff(FULL_TEXT, r.text));
    return {
      id,
      name: c.name,
      chats: n,
      intactPct: (100 * results.filter((r) => r.ok && r.text === FULL_TEXT).length) / n,
      errorPct: (100 * results.filter((r) => !r.ok).length) / n,
      silentPct: (100 * results.filter((r) => r.ok && r.text !== FULL_TEXT).length) / n,
      lostChars: diffs.reduce((s, d) => s + d.lost, 0) / n,
      duplicatedChars: diffs.reduce((s, d) => s + d.extra, 0) / n,
    };
  } finally {
    await c.close();
    await world.close();
  }
}
