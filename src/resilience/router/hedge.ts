import type { ErrorKind } from '../core/errors';
import type { Attempt } from './attempt';
import type { ChatState } from './router/chatState';
import type { EngineCore } from './router/core';
import type { Launcher } from './router/launcher';
import { applyOutcome } from './router/outcome';

/** How the winning attempt got its turn, for the UI notice. */
export interface FirstOutput {
  winner: Attempt;
  /** The attempt it beat in a hedge race, if any. */
  beat?: Attempt;
}

/** Records an attempt that failed before its first token; throws to end the chat. */
export type OnFailed = (a: Attempt) => void;

/**
 * Waits for the first attempt to produce output ("The Tail at Scale" hedged requests): if the
 * primary has no first token after `hedgeDelay` (its p95 TTFT, clamped), the next candidate
 * starts in parallel; the first to produce a token wins and the other is aborted (its socket
 * closed) without anything of it being kept. A failure before the first token falls back at
 * once to a hedge already running, or to the next candidate.
 */
export async function raceFirstOutput(core: EngineCore, chat: ChatState, launcher: Launcher, onFailed: OnFailed): Promise<FirstOutput> {
  let primary = await launcher.next();
  let hedge = hedgeTimer(core, primary);
  for (;;) {
    const winner = [...chat.live].find((a) => a.hasOutput);
    if (winner) {
      const losers = [...chat.live].filter((a) => a !== winner);
      for (const l of losers) {
        l.abortBeaten();
        chat.live.delete(l);
        applyOutcome(core, l, chat.allowed);
        core.emit({ type: 'hedge_won', chatId: chat.chatId, winner: winner.providerId, loser: l.providerId, at: core.now() });
      }
      return { winner, beat: losers[0] };
    }
    let fellFrom: { id: string; kind: ErrorKind } | undefined;
    for (const a of [...chat.live]) {
      if (a.status !== 'failed') continue;
      chat.live.delete(a);
      onFailed(a);
      fellFrom = { id: a.providerId, kind: a.error?.kind ?? 'server_error' };
    }
    if (chat.live.size === 0) {
      primary = await launcher.next();
      hedge = hedgeTimer(core, primary);
    } else if (!chat.live.has(primary)) {
      primary = [...chat.live][0];
    }
    if (fellFrom) core.emit({ type: 'fell_back', chatId: chat.chatId, from: fellFrom.id, to: primary.providerId, kind: fellFrom.kind, at: core.now() });
    if (chat.live.size === 0 || [...chat.live].some((a) => a.hasOutput || a.status === 'failed')) continue;
    const r = await chat.waker.wait(chat.signal, hedge && hedge.due - core.now());
    if (r === 'aborted') throw chat.cancelled();
    if (r === 'timeout' && hedge) {
      const h = launcher.hedge(primary);
      if (h) {
        core.emit({ type: 'hedge_fired', chatId: chat.chatId, primary: primary.providerId, hedge: h.providerId, afterMs: Math.round(hedge.after), at: core.now() });
        hedge = undefined;
      } else {
        // Refused for now (budget, no candidate): look again after another delay, since the
        // primary may meanwhile be known to be failing, or a candidate usable again.
        hedge = { due: core.now() + hedge.delay, delay: hedge.delay, after: hedge.after + hedge.delay };
      }
    }
  }
}

/**
 * When to hedge `a` (clock time), or undefined when hedging is off. `after` is the
 * planned time since the attempt started (the delay, plus one delay per refused try).
 */
function hedgeTimer(core: EngineCore, a: Attempt): { due: number; delay: number; after: number } | undefined {
  const h = core.settings.hedging;
  if (!h.enabled) return undefined;
  const delay = core.tracker.hedgeDelay(a.providerId, h.minDelayMs, h.maxDelayMs);
  return { due: core.now() + delay, delay, after: delay };
}
