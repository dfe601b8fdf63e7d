import { ProviderError, isProviderError } from '../../core/errors';
import type { ChatInput, EngineChunk } from '../api';
import type { Attempt } from '../attempt';
import { DEFAULT_SEAM, SeamTrimmer } from '../continuation';
import { raceFirstOutput, type FirstOutput } from '../hedge';
import { allowedProvider, classifyRequest } from '../sensitivity';
import { ChatState } from './chatState';
import type { EngineCore } from './core';
import { Launcher } from './launcher';
import { applyOutcome, endsChat } from './outcome';

let chatSeq = 0;

/**
 * One chat through the router, top to bottom:
 * 1. sensitivity decides which providers may see the request at all (fallback and hedges included);
 * 2. race for a first token (fallback at once on failure, hedge when the primary is slow);
 * 3. stream the winner's text; if it fails mid-stream: `continue` on the next provider with the
 *    partial answer (overlap at the seam trimmed), `restart` from scratch (a `restarted` notice
 *    tells the UI to clear the partial text; later text is a new answer), or `stop`.
 * Throws a ProviderError whose partialText is everything shown when no provider can finish.
 */
export async function* runChat(core: EngineCore, input: ChatInput): AsyncGenerator<EngineChunk> {
  const chatId = input.chatId ?? `chat-${++chatSeq}`;
  const sens = classifyRequest(input, core.settings.sensitivity);
  const enabled = core.slots().filter((s) => s.enabled);
  const allowed = enabled.filter((s) => allowedProvider(s.provider.trust, sens.sensitive, core.settings.sensitivity));
  for (const s of enabled) {
    if (!allowed.includes(s)) core.emit({ type: 'sensitivity_blocked', chatId, providerId: s.id, reason: sens.reason ?? 'sensitive', at: core.now() });
  }
  const chars = input.messages.reduce((n, m) => n + m.content.length, 0);
  const chat = new ChatState(chatId, input, allowed, chars, core.clock);
  const onUserAbort = () => chat.ctrl.abort();
  input.signal?.addEventListener('abort', onUserAbort, { once: true });
  if (input.signal?.aborted) chat.ctrl.abort();
  const launcher = new Launcher(core, chat);
  try {
    if (allowed.length === 0) {
      const trust = core.settings.sensitivity.allowedTrust.join(', ') || 'none';
      throw chat.fail('bad_request', 'sensitivity', `this request is sensitive (${sens.reason}) and no enabled provider is allowed for sensitive requests (allowed trust: ${trust}); nothing was sent`);
    }
    core.budget.recordRequest();
    let previous: Attempt | undefined;
    let restarted = false;
    for (;;) {
      const first = await raceFirstOutput(core, chat, launcher, (a) => recordFailure(core, chat, a));
      const w = first.winner;
      yield { type: 'provider', providerId: w.providerId, label: w.slot.provider.label, model: w.slot.provider.model };
      const notice = noticeFor(core, chat, first, previous, restarted);
      if (notice) yield notice;
      const trimmer = chat.continueFrom ? new SeamTrimmer(chat.continueFrom, core.settings.seam ?? DEFAULT_SEAM) : undefined;
      for (;;) {
        for (let t = w.take(); t !== undefined; t = w.take()) {
          yield* show(chat, trimmer ? trimmer.push(t) : t);
          if (chat.signal.aborted) throw chat.cancelled();
        }
        if (w.status !== 'running') break;
        if ((await chat.waker.wait(chat.signal)) === 'aborted') throw chat.cancelled();
      }
      chat.live.delete(w);
      if (w.status === 'done') {
        if (trimmer) yield* show(chat, trimmer.end());
        applyOutcome(core, w, chat.allowed);
        if (w.usage) yield { type: 'usage', usage: w.usage };
        yield { type: 'done', providerId: w.providerId, model: w.slot.provider.model, finishReason: w.finish ?? 'stop' };
        core.emit({ type: 'chat_completed', chatId, providerId: w.providerId, attempts: chat.attempts, at: core.now() });
        return;
      }
      if (chat.signal.aborted) throw chat.cancelled();
      recordFailure(core, chat, w);
      if (chat.shown.length > 0 && core.settings.midStream === 'stop') throw chat.exhausted('mid-stream failover is off');
      previous = w;
      restarted = chat.shown.length > 0 && core.settings.midStream === 'restart';
      if (restarted) chat.shown = '';
      chat.continueFrom = core.settings.midStream === 'continue' && chat.shown ? chat.shown : undefined;
    }
  } catch (e) {
    // The router has given up: the error is worded without promising a fallback.
    const err = (
      chat.signal.aborted ? chat.cancelled() : isProviderError(e) ? e : chat.fail('protocol', 'switchboard', String(e))
    ).asFinal(chat.shown);
    core.emit({ type: 'chat_failed', chatId, kind: err.kind, attempts: chat.attempts, at: core.now() });
    throw err;
  } finally {
    for (const a of chat.abortAll()) applyOutcome(core, a, chat.allowed);
    input.signal?.removeEventListener('abort', onUserAbort);
  }
}

function* show(chat: ChatState, text: string): Generator<EngineChunk> {
  if (!text) return;
  chat.shown += text;
  yield { type: 'text', text };
}

/** Records a failed attempt; ends the chat (throws) when the request itself is at fault. */
function recordFailure(core: EngineCore, chat: ChatState, a: Attempt): void {
  const err = a.error ?? new ProviderError({ kind: 'server_error', providerId: a.providerId });
  applyOutcome(core, a, chat.allowed);
  chat.failed.add(a.providerId);
  chat.lastError = err;
  core.emit({ type: 'attempt_failed', chatId: chat.chatId, providerId: a.providerId, kind: err.kind, message: err.message, streamed: a.firstTokenAt !== undefined, at: core.now() });
  if (endsChat(err.kind)) throw err.withStream(chat.shown);
}

/** The inline notice explaining why this provider answers (undefined for a plain first choice). */
function noticeFor(core: EngineCore, chat: ChatState, first: FirstOutput, previous: Attempt | undefined, restarted: boolean): EngineChunk | undefined {
  const to = first.winner;
  const label = to.slot.provider.label;
  const providerId = to.providerId;
  if (previous) {
    const from = previous.slot.provider.label;
    if (restarted) return { type: 'notice', kind: 'restarted', providerId, message: `Restarted on ${label} after ${from} dropped; the answer starts over.` };
    if (chat.continueFrom) {
      core.emit({ type: 'continued', chatId: chat.chatId, from: previous.providerId, to: providerId, keptChars: chat.continueFrom.length, at: core.now() });
      return { type: 'notice', kind: 'continued', providerId, message: `Continued on ${label} after ${from} dropped` };
    }
  }
  if (first.beat) return { type: 'notice', kind: 'hedge_won', providerId, message: `${label} answered first (${first.beat.slot.provider.label} was slow)` };
  const err = chat.lastError;
  if (err && chat.failed.size > 0) {
    const failedLabel = core.slots().find((s) => s.id === err.providerId)?.provider.label ?? err.providerId;
    return { type: 'notice', kind: 'fell_back', providerId, message: `${label} answered: ${failedLabel} failed (${err.kind})` };
  }
  return undefined;
}
