import { backoffDelay } from '../backoff';
import type { ChatState } from './chatState';
import type { EngineCore } from './engineCore';
import { orderCandidates } from './order';
import { skippedBefore, type KeylessEntry, type Skip } from './skipped';
import type { ProviderSlot } from './slot';

export const DEFAULT_RETRY = { baseMs: 200, maxMs: 4000, maxWaitMs: 15_000 };

/**
 * The rules for choosing where a chat's next attempt goes. They read the chat's state; ChatRun
 * (the only writer) applies what they decide.
 */

/** First usable candidate in policy order that is not running here (nor failed here, unless `repeat`). */
export function pickCandidate(core: EngineCore, chat: ChatState, repeat: boolean): ProviderSlot | undefined {
  const { ordering, prefer } = chat.route;
  const ordered = orderCandidates(chat.allowed, ordering, core.tracker, chat.requestChars, prefer, chat.sticky);
  return ordered.find((s) => !chat.isLive(s) && (repeat || !chat.failed.has(s.id)) && s.usable());
}

/**
 * The enabled providers of the chat's route ranked ahead of `first` (the chat's first choice, in
 * the same policy order over every enabled provider of the route, the keyless ones the engine has
 * no slot for included) that the chat passes over, and why: the inline notice.
 */
export function skippedFor(core: EngineCore, chat: ChatState, first: ProviderSlot): Skip[] {
  const { slots, ordering, prefer, chain } = chat.route;
  const inRoute = (id: string) => !chain || chain.steps.some((st) => st.providerId === id);
  const keyless = (core.settings.keyless ?? [])
    .filter((k) => inRoute(k.id))
    .map((k): KeylessEntry => ({ id: k.id, label: k.label, keyless: true }));
  const enabled: (ProviderSlot | KeylessEntry)[] = slots.filter((s) => s.enabled);
  const { requestChars, sticky } = chat;
  const ranked = orderCandidates([...enabled, ...keyless], ordering, core.tracker, requestChars, prefer, sticky);
  return skippedBefore(ranked, first, new Set(chat.allowed), core.now());
}

/**
 * Moving a chat to a provider it has not tried yet never needs the retry budget: it adds no load
 * to the provider that failed, and no chat may end in an error while a usable provider it has not
 * tried exists (within maxAttemptsPerChat). The budget bounds what does multiply load: repeats on a
 * provider the chat already tried, and hedges. A failing provider's breaker bounds its own load.
 */
export function isUntried(chat: ChatState, slot: ProviderSlot): boolean {
  return !chat.tried.has(slot.id);
}

/**
 * How long until retrying makes sense when no candidate is usable now: a jittered backoff
 * (`backoff: true`) if some provider is usable but already tried, else until the soonest cooldown,
 * open breaker or outage ends. Undefined when nothing will become usable by waiting.
 */
export function retryWait(core: EngineCore, chat: ChatState): { ms: number; backoff: boolean } | undefined {
  const retry = core.settings.retry ?? DEFAULT_RETRY;
  const now = core.now();
  if (chat.allowed.some((s) => !chat.isLive(s) && s.usable(now))) {
    return { ms: backoffDelay(chat.retries, retry, () => core.random()), backoff: true };
  }
  let soonest: number | undefined;
  for (const s of chat.allowed) {
    if (!s.enabled || s.misconfigured) continue;
    const ends = [s.cooldownUntil, s.breaker.openUntil, s.outageUntil, s.gate?.hold(now)?.until].filter(
      (t): t is number => t !== undefined && t > now,
    );
    if (ends.length === 0) continue;
    const ready = Math.max(...ends);
    if (soonest === undefined || ready < soonest) soonest = ready;
  }
  return soonest === undefined ? undefined : { ms: soonest - now + 1, backoff: false };
}
