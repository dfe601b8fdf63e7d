import { Attempt } from '../attempt';
import { attemptLimits } from '../attemptLimits';
import { backoffDelay } from '../backoff';
import type { ChatState } from './chatState';
import type { EngineCore } from './core';
import { orderCandidates } from './order';
import type { ProviderSlot } from './slot';

const DEFAULT_RETRY = { baseMs: 200, maxMs: 4000, maxWaitMs: 15_000 };

/**
 * Starts upstream attempts for one chat: the next candidate in policy order at once; only when
 * none is usable, the same provider again after a jittered backoff, or the soonest cooldown.
 * Every attempt after the chat's first spends the retry budget; the per-chat cap always holds.
 */
export class Launcher {
  constructor(
    private readonly core: EngineCore,
    private readonly chat: ChatState,
  ) {}

  /** The next attempt; waits (bounded, abortable) only when no provider is usable now. */
  async next(): Promise<Attempt> {
    const { chat, core } = this;
    const retry = core.settings.retry ?? DEFAULT_RETRY;
    let allowRepeat = false;
    for (;;) {
      if (chat.signal.aborted) throw chat.cancelled();
      if (chat.attempts >= core.settings.maxAttemptsPerChat) throw chat.exhausted('the attempt limit per chat was reached');
      const slot = this.peek(allowRepeat);
      if (slot) {
        if (chat.attempts > 0 && !this.freeFallback(slot, allowRepeat) && !core.budget.tryAcquire()) throw chat.exhausted('the retry budget is spent');
        const a = this.start(slot, false);
        if (a) return a;
        continue;
      }
      const delay = this.waitBeforeRetry();
      if (delay === undefined) throw chat.exhausted('no provider is usable');
      if (chat.waitedMs + delay > retry.maxWaitMs) throw chat.exhausted(`no provider is usable within ${retry.maxWaitMs} ms`);
      if (!(await chat.sleep(delay))) throw chat.cancelled();
      chat.waitedMs += delay;
      allowRepeat = true;
    }
  }

  /**
   * A chat's first fallback to a provider that is not failing (slow is fine) does not need the budget: a healthy alternative
   * must never be refused while a failing one keeps its place. Load stays bounded because failing
   * providers turn degraded and move behind healthy ones (see healthyFirst), and because repeats
   * on the same provider and hedges always need the budget.
   */
  private freeFallback(slot: ProviderSlot, repeat: boolean): boolean {
    const { chat, core } = this;
    if (repeat || chat.usedFreeFallback || core.tracker.isFailing(slot.id) || slot.breaker.state !== 'closed') return false;
    chat.usedFreeFallback = true;
    return true;
  }

  /**
   * A hedge next to the running attempt, if hedging is on and a candidate, the cap and the budget
   * allow (a primary known to be failing is left as a free fallback would be).
   */
  hedge(primary?: Attempt): Attempt | undefined {
    const { chat, core } = this;
    if (!core.settings.hedging.enabled || chat.attempts >= core.settings.maxAttemptsPerChat) return undefined;
    const slot = this.peek(false);
    if (!slot) return undefined;
    // Hedging away from a provider now known to be failing is a fallback, not extra load.
    const free = primary !== undefined && core.tracker.isFailing(primary.providerId) && this.freeFallback(slot, false);
    if (!free && !core.budget.tryAcquire()) return undefined;
    return this.start(slot, true);
  }

  /** First usable candidate in policy order that is not running here (nor failed here, unless allowRepeat). */
  private peek(allowRepeat: boolean): ProviderSlot | undefined {
    const { chat, core } = this;
    const ordered = orderCandidates(chat.allowed, core.settings, core.tracker, chat.requestChars, core.now(), chat.input.prefer);
    return ordered.find((s) => !chat.isLive(s) && (allowRepeat || !chat.failed.has(s.id)) && s.usable());
  }

  /** How long until retrying makes sense: backoff if a provider is usable, else the soonest cooldown end. */
  private waitBeforeRetry(): number | undefined {
    const { chat, core } = this;
    const retry = core.settings.retry ?? DEFAULT_RETRY;
    const now = core.now();
    if (chat.allowed.some((s) => !chat.isLive(s) && s.usable(now))) return backoffDelay(chat.retries++, retry, () => core.random());
    let soonest: number | undefined;
    for (const s of chat.allowed) {
      if (!s.enabled || s.misconfigured) continue;
      const ends = [s.cooldownUntil, s.breaker.openUntil, s.outageUntil].filter((t): t is number => t !== undefined && t > now);
      if (ends.length === 0) continue;
      const ready = Math.max(...ends);
      if (soonest === undefined || ready < soonest) soonest = ready;
    }
    return soonest === undefined ? undefined : soonest - now + 1;
  }

  private start(slot: ProviderSlot, hedge: boolean): Attempt | undefined {
    const { chat, core } = this;
    if (!slot.breaker.tryAcquire()) return undefined;
    const n = ++chat.attempts;
    slot.lastAttemptAt = core.now();
    const a = new Attempt({
      slot,
      n,
      hedge,
      messages: chat.input.messages,
      options: {
        maxTokens: chat.input.maxTokens,
        temperature: chat.input.temperature,
        ...(chat.continueFrom ? { continueFrom: chat.continueFrom } : {}),
      },
      limits: attemptLimits(core.settings, core.tracker, slot.id),
      clock: core.clock,
      onProgress: () => chat.waker.wake(),
      onFirstToken: (at, ttftMs) => core.emit({ type: 'first_token', chatId: chat.chatId, providerId: at.providerId, ttftMs, at: core.now() }),
    });
    chat.live.add(a);
    core.emit({ type: 'attempt_started', chatId: chat.chatId, providerId: slot.id, attempt: n, hedge, at: core.now() });
    return a.start();
  }
}
