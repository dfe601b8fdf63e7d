import type { ContenderId, Lineup } from '../contenders';
import type { Contender } from '../contenders/types';
import { openLoop, sequential } from '../load';
import type { Profile } from '../profile';
import type { ReplyScript } from '../../../src/loopback/script';
import { summarize, type Summary } from '../stats';
import { World } from '../world';

export type FailureMode = 'refused' | '529' | 'hang';
export const MODES: FailureMode[] = ['refused', '529', 'hang'];

const PRIMARY_TEXT = 'Primary answer for the failover test.';
const FALLBACK_TEXT = 'Fallback answer for the failover test.';
const PRIMARY_OK: ReplyScript = { text: PRIMARY_TEXT, firstTokenDelayMs: 20 };
/** The fallback answers at once, so the time measured is the contender's failover time. */
const FALLBACK_OK: ReplyScript = { text: FALLBACK_TEXT };

export interface FailoverCell {
  mode: FailureMode;
  /** Chats answered by the fallback before the deadline (%). */
  answeredPct: number;
  /** ms from the call to the fallback's first token, answered chats only. */
  ms: Summary;
  /** The first chat after the primary failed. */
  firstMs?: number;
  deadlineMs: number;
}

export interface FailoverRow {
  id: ContenderId;
  name: string;
  cells: Record<FailureMode, FailoverCell>;
}

/**
 * Scenario 3: after a healthy warm-up the primary (a) refuses connections (its port is closed),
 * (b) answers 529, or (c) accepts and never answers. The primary fails at the moment the chat
 * starts, so the time from the call to the fallback's first token is the failover time.
 */
export async function failover(lineup: Lineup, ids: ContenderId[], p: Profile['failover']): Promise<FailoverRow[]> {
  const rows: FailoverRow[] = [];
  for (const id of ids) {
    const cells = {} as Record<FailureMode, FailoverCell>;
    let name = id as string;
    for (const mode of MODES) {
      const r = await runOne(lineup, id, mode, p);
      cells[mode] = r.cell;
      name = r.name;
    }
    rows.push({ id, name, cells });
  }
  return rows;
}

async function runOne(
  lineup: Lineup,
  id: ContenderId,
  mode: FailureMode,
  p: Profile['failover'],
): Promise<{ name: string; cell: FailoverCell }> {
  const world = await World.start(PRIMARY_OK, FALLBACK_OK);
  const c: Contender = await lineup.create(id, world.endpoints);
  try {
    await sequential(p.warmup, () => c.chat('warm up', AbortSignal.timeout(5000)));
    if (mode === 'refused') await world.primary.server.close();
    else if (mode === '529')
      world.primary.phase({
        fault: { type: 'status', status: 529, errorType: 'overloaded_error', message: 'Overloaded' },
      });
    else world.primary.phase({ fault: { type: 'hang' } });
    const results = await openLoop(p.requests, p.ratePerSec, () =>
      c.chat('fail over', AbortSignal.timeout(p.deadlineMs)),
    );
    const answered = results.map((r) => (r.ok && r.text === FALLBACK_TEXT ? r.ttftMs : undefined));
    const ms = answered.filter((v): v is number => v !== undefined);
    return {
      name: c.name,
      cell: {
        mode,
        answeredPct: (100 * ms.length) / results.length,
        ms: summarize(ms),
        firstMs: answered[0],
        deadlineMs: p.deadlineMs,
      },
    };
  } finally {
    await c.close();
    await world.close();
  }
}
