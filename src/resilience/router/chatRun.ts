import { sleep } from '../../core/clock';
import { ERROR_POLICY } from '../../core/errorPolicy';
import { ProviderError, isProviderError } from '../../core/errors';
import type { ChatInput, EngineChunk } from '../api';
import { Attempt } from './attempt';
import { admit, refusal, type Admission } from './admission';
import { attemptLimits } from './attemptLimits';
import { cacheKeyFor, rememberWarm, warmProvider } from './cacheAffinity';
import { DEFAULT_RETRY, isUntried, pickCandidate, retryWait, skippedFor } from './candidates';
import { ChatState } from './chatState';
import { planContinuation } from '../../core/continuation';
import { DEFAULT_SEAM, SeamTrimmer } from './continuation';
import type { EngineCore } from './engineCore';
import { planHedge, replanHedge, type HedgePlan } from './hedge';
import { chainAnswered, chainNotice } from './chainNotices';
import { noticeFor, type FirstOutput } from './notices';
import { applyOutcome, noteFirstToken } from './outcome';
import { skipMessage } from './skipped';
import type { ProviderSlot } from './slot';
import { Waker } from './waker';

let chatSeq = 0;

/**
 * One chat through the router, top to bottom (`run`):
 * 1. admission (admission.ts): sensitivity and fit decide who may see the request at all (fallbacks
 *    and hedges included); a conversation goes first where its prompt cache is warm (cacheAffinity.ts);
 * 2. race for a first output: the best candidate first, a hedge when it is slow, the next
 *    candidate at once when it fails (`raceFirstOutput`, `nextAttempt`, `hedgeAttempt`);
 * 3. stream the winner's text (`stream`); if it fails mid-stream: `continue` on the next provider
 *    with the partial answer (the seam rule: core/continuation.ts), `restart` from scratch (a
 *    `restarted` notice tells the UI to take back the partial text), or `stop` (`failOver`).
 * Every attempt reports its end to one sink (`settled`), exactly once. ChatRun is the only writer
 * of the chat's state. Throws a ProviderError whose partialText is everything shown when no
 * provider can finish.
 */
export class ChatRun {
  private readonly state: ChatState;
  private readonly ctrl = new AbortController();
  private readonly waker: Waker;
  /** Who may see this chat (sensitivity, capability and size fit), decided once. */
  private readonly admission: Admission;

  constructor(
    private readonly core: EngineCore,
    private readonly input: ChatInput,
  ) {
    const chatId = input.chatId ?? `chat-${++chatSeq}`;
    this.admission = admit(core, input, chatId);
    const chars = input.messages.reduce((n, m) => n + m.content.length, 0);
    this.state = new ChatState(chatId, input, this.admission.route, this.admission.fit, chars);
    this.state.before = input.continueFrom ?? '';
    this.state.continueFrom = this.state.before || undefined;
    this.state.cacheKey = cacheKeyFor(core, input);
    this.state.sticky = warmProvider(core, this.state);
    this.waker = new Waker(core.clock);
  }

  private get signal(): AbortSignal {
    return this.ctrl.signal;
  }

  async *run(): AsyncGenerator<EngineChunk> {
    const { core, state: chat } = this;
    const onUserAbort = () => this.ctrl.abort();
    this.input.signal?.addEventListener('abort', onUserAbort, { once: true });
    if (this.input.signal?.aborted) this.ctrl.abort();
    try {
      const refused = refusal(core, chat, this.admission);
      if (refused) throw refused;
      core.budget.recordRequest();
      let previous: Attempt | undefined;
      let restarted = false;
      for (;;) {
        const first = await this.raceFirstOutput();
        const w = first.winner;
        const { label, model, groupLabel } = w.slot.provider;
        // Shown beside its model: the entry's label, not "OpenAI · gpt-4o-mini" and the model again.
        yield { type: 'provider', providerId: w.providerId, label: groupLabel ?? label, model };
        if (!previous && chat.skipped?.length) {
          const message = skipMessage(chat.skipped, label);
          yield { type: 'notice', kind: 'skipped', providerId: w.providerId, message };
        }
        const notice = noticeFor(core, chat, first, previous, restarted);
        if (notice) yield notice;
        const chainNote = chainNotice(core, chat, w, !previous);
        if (chainNote) yield chainNote;
        yield* this.stream(w);
        if (w.status === 'done') {
          for (const call of w.toolCalls) yield { type: 'tool_call', call };
          if (w.usage) yield { type: 'usage', usage: w.usage };
          chainAnswered(core, chat, w);
          yield { type: 'done', providerId: w.providerId, model: w.slot.provider.model, finishReason: w.finish ?? 'stop' };
          rememberWarm(core, chat, w);
          core.emit({
            type: 'chat_completed',
            chatId: chat.chatId,
            providerId: w.providerId,
            attempts: chat.attempts,
            at: core.now(),
          });
          return;
        }
        restarted = this.failOver(w);
        previous = w;
      }
    } catch (e) {
      // The router has given up: the error is worded without promising a fallback.
      const err = (
        this.signal.aborted
          ? chat.cancelled()
          : isProviderError(e)
            ? e
            : chat.fail('protocol', 'switchboard', String(e))
      ).asFinal(chat.shown);
      core.emit({ type: 'chat_failed', chatId: chat.chatId, kind: err.kind, attempts: chat.attempts, at: core.now() });
      throw err;
    } finally {
      for (const a of chat.live) a.abort();
      chat.live.clear();
      this.input.signal?.removeEventListener('abort', onUserAbort);
    }
  }

  /**
   * Waits for the first attempt to produce output. If the primary has no first token when its
   * hedge plan is due, the next candidate starts in parallel; the first to produce a token wins
   * and the others are aborted (sockets closed) without anything of theirs being kept. A failure
   * before the first token falls back at once to a hedge already running, or to the next candidate.
   */
  private async raceFirstOutput(): Promise<FirstOutput> {
    const { core, state: chat } = this;
    let primary = await this.nextAttempt();
    let hedge = planHedge(core, primary.providerId);
    for (;;) {
      const winner = [...chat.live].find((a) => a.hasOutput);
      if (winner) {
        const losers = [...chat.live].filter((a) => a !== winner);
        for (const l of losers) {
          chat.live.delete(l);
          l.abortLost(
            core.tracker.hedgeDelay(l.providerId, core.settings.hedging.minDelayMs, core.settings.hedging.maxDelayMs),
          );
          core.emit({
            type: 'hedge_won',
            chatId: chat.chatId,
            winner: winner.providerId,
            loser: l.providerId,
            at: core.now(),
          });
        }
        return { winner, beat: losers[0] };
      }
      const failed = [...chat.live].filter((a) => a.status === 'failed');
      for (const a of failed) {
        chat.live.delete(a);
        if (a.error && ERROR_POLICY[a.error.kind].endsChat) throw a.error.withStream(chat.shown);
      }
      if (chat.live.size === 0) {
        primary = await this.nextAttempt();
        hedge = planHedge(core, primary.providerId);
      } else if (!chat.live.has(primary)) {
        primary = [...chat.live][0];
      }
      const from = failed[failed.length - 1];
      if (from) core.emit({ type: 'fell_back', chatId: chat.chatId, from: from.providerId, to: primary.providerId, kind: from.error?.kind ?? 'server_error', at: core.now() });
      if (chat.live.size === 0 || [...chat.live].some((a) => a.hasOutput || a.status === 'failed')) continue;
      const r = await this.waker.wait(this.signal, hedge && hedge.due - core.now());
      if (r === 'aborted') throw chat.cancelled();
      if (r === 'timeout' && hedge) hedge = this.hedgeAttempt(primary, hedge);
    }
  }

  /** Fires the planned hedge next to `primary`; returns the plan still pending (undefined once fired). */
  private hedgeAttempt(primary: Attempt, plan: HedgePlan): HedgePlan | undefined {
    const { core, state: chat } = this;
    const refused = () => replanHedge(core, plan);
    if (chat.attempts >= core.settings.maxAttemptsPerChat) return refused();
    const slot = pickCandidate(core, chat, false);
    if (!slot) return refused();
    // Hedging away from a provider now known to be failing or slow is a fallback, not extra load.
    const free = core.tracker.isDegraded(primary.providerId) && isUntried(chat, slot);
    if (!free && !core.budget.tryAcquire()) return refused();
    const h = this.launch(slot, true);
    if (!h) return refused();
    core.emit({
      type: 'hedge_fired',
      chatId: chat.chatId,
      primary: primary.providerId,
      hedge: h.providerId,
      afterMs: Math.round(plan.after),
      at: core.now(),
    });
    return undefined;
  }

  /**
   * The next attempt: the next candidate in policy order at once; only when none is usable, the
   * same provider again after a jittered backoff, or the soonest cooldown (bounded, abortable).
   * A provider the chat has not tried is free (see isUntried); repeats spend the retry budget;
   * the per-chat cap always holds.
   */
  private async nextAttempt(): Promise<Attempt> {
    const { core, state: chat } = this;
    const retry = core.settings.retry ?? DEFAULT_RETRY;
    let repeat = false;
    for (;;) {
      if (this.signal.aborted) throw chat.cancelled();
      if (chat.attempts >= core.settings.maxAttemptsPerChat)
        throw chat.exhausted('the attempt limit per chat was reached');
      const slot = pickCandidate(core, chat, repeat);
      if (slot) {
        if (chat.skipped === undefined) {
          chat.skipped = skippedFor(core, chat, slot);
          for (const s of chat.skipped)
            core.emit({
              type: 'skipped',
              chatId: chat.chatId,
              providerId: s.providerId,
              reason: s.reason,
              at: core.now(),
            });
        }
        if (!isUntried(chat, slot) && !core.budget.tryAcquire()) throw chat.exhausted('the retry budget is spent');
        const a = this.launch(slot, false);
        if (a) return a;
        continue;
      }
      const wait = retryWait(core, chat);
      if (wait === undefined) throw chat.exhausted('no provider is usable');
      if (chat.waitedMs + wait.ms > retry.maxWaitMs) throw chat.exhausted(`no provider is usable within ${retry.maxWaitMs} ms`);
      if (wait.backoff) chat.retries++;
      if (!(await sleep(core.clock, wait.ms, this.signal))) throw chat.cancelled();
      chat.waitedMs += wait.ms;
      repeat = true;
    }
  }

  /** Starts an attempt on `slot` if its breaker lets it (claiming a half-open probe). */
  private launch(slot: ProviderSlot, hedge: boolean): Attempt | undefined {
    const { core, state: chat } = this;
    if (!slot.breaker.tryAcquire()) return undefined;
    const n = ++chat.attempts;
    chat.tried.add(slot.id);
    const a = new Attempt({
      slot,
      n,
      hedge,
      messages: this.input.messages,
      options: {
        maxTokens: this.input.maxTokens,
        temperature: this.input.temperature,
        ...(chat.continueFrom ? { continueFrom: chat.continueFrom } : {}),
        ...(this.input.tools?.length ? { tools: this.input.tools, toolMode: this.input.toolMode } : {}),
      },
      limits: attemptLimits(core.settings, core.tracker, slot.id),
      clock: core.clock,
      onProgress: () => this.waker.wake(),
      onFirstToken: (at, ttftMs) => {
        noteFirstToken(core, at, ttftMs);
        core.emit({ type: 'first_token', chatId: chat.chatId, providerId: at.providerId, ttftMs, at: core.now() });
      },
      onSettled: (at) => this.settled(at),
    });
    chat.live.add(a);
    core.emit({ type: 'attempt_started', chatId: chat.chatId, providerId: slot.id, attempt: n, hedge, at: core.now() });
    return a.start();
  }

  /** The one sink of attempt outcomes: health and policy state, and the chat's record of failures. */
  private settled(a: Attempt): void {
    const { core, state: chat } = this;
    applyOutcome(core, a, chat.allowed);
    if (a.status !== 'failed') return;
    const err = a.error ?? new ProviderError({ kind: 'server_error', providerId: a.providerId });
    chat.failed.set(a.providerId, err);
    chat.lastError = err;
    core.emit({
      type: 'attempt_failed',
      chatId: chat.chatId,
      providerId: a.providerId,
      kind: err.kind,
      message: err.message,
      streamed: a.firstTokenAt !== undefined,
      at: core.now(),
    });
  }

  /** Yields the winner's text as it arrives (continuations spliced at the seam) until it ends. */
  private async *stream(w: Attempt): AsyncGenerator<EngineChunk> {
    const { core, state: chat } = this;
    const from = chat.continueFrom;
    const trimmer = from
      ? new SeamTrimmer(planContinuation(w.slot.provider.continuation, from), core.settings.seam ?? DEFAULT_SEAM)
      : undefined;
    for (;;) {
      for (let t = w.take(); t !== undefined; t = w.take()) {
        yield* this.show(trimmer ? trimmer.push(t) : t);
        if (this.signal.aborted) throw chat.cancelled();
      }
      if (w.status !== 'running') break;
      if ((await this.waker.wait(this.signal)) === 'aborted') throw chat.cancelled();
    }
    chat.live.delete(w);
    if (w.status === 'done' && trimmer) yield* this.show(trimmer.end());
  }

  private *show(text: string): Generator<EngineChunk> {
    if (!text) return;
    this.state.shown += text;
    yield { type: 'text', text };
  }

  /**
   * The winner failed mid-stream (or before any text): decide how the next provider takes over.
   * Throws when the chat ends here. Returns whether the answer restarts from scratch.
   */
  private failOver(w: Attempt): boolean {
    const { core, state: chat } = this;
    if (this.signal.aborted) throw chat.cancelled();
    if (w.error && ERROR_POLICY[w.error.kind].endsChat) throw w.error.withStream(chat.shown);
    // A surface that cannot take text back continues instead of restarting.
    const mode =
      core.settings.midStream === 'restart' && this.input.retractable === false ? 'continue' : core.settings.midStream;
    if (chat.shown.length > 0 && mode === 'stop') throw chat.exhausted('mid-stream failover is off');
    const restarted = chat.shown.length > 0 && mode === 'restart';
    if (restarted) chat.shown = chat.before = '';
    chat.continueFrom = chat.before + chat.shown || undefined;
    return restarted;
  }
}
