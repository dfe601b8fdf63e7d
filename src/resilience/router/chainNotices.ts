import type { EngineChunk } from '../api';
import type { Attempt } from './attempt';
import type { ChatState } from './chatState';
import type { EngineCore } from './engineCore';
import { skipReason, skipWords } from './skipped';

/**
 * What a fallback chain tells the user beyond the router's own notices: that an answer comes from
 * another model family than the chain's primary step (the answer may read differently), and that
 * the chain is back on its primary once that answers again. Both go to the event log too.
 */

/** Why the chain's primary step is not the one answering: "Anthropic is down (breaker open)". */
function primaryWhy(core: EngineCore, chat: ChatState, providerId: string): string {
  const slot = core.slots().find((s) => s.id === providerId);
  // The host runs no provider that is disabled in settings or has no key.
  const step = chat.route.chain?.steps.find((s) => s.providerId === providerId);
  if (!slot) return `${step?.label ?? providerId} is not ready (disabled in settings or no API key)`;
  const label = slot.provider.label;
  if (!slot.enabled) return `${label} is disabled`;
  const err = chat.failed.get(providerId);
  if (err) return `${label} failed (${err.kind})`;
  if (!chat.allowed.includes(slot)) return `${label} cannot take this request`;
  const reason = skipReason(slot, true, core.now());
  if (reason) return skipWords(reason, label);
  if (core.tracker.isDegraded(providerId)) return `${label} is slow or failing`;
  return `${label} did not answer first`;
}

/** The notice for the attempt `w` now answering a chain chat (`first`: before any failover in this chat). */
export function chainNotice(core: EngineCore, chat: ChatState, w: Attempt, first: boolean): EngineChunk | undefined {
  const chain = chat.route.chain;
  const primary = chain?.steps[0];
  const step = chain?.steps.find((s) => s.providerId === w.providerId);
  if (!chain || !primary || !step) return undefined;
  const { label, model } = w.slot.provider;
  const base = { type: 'notice' as const, providerId: w.providerId };
  if (step === primary) {
    const last = core.chainLast.get(chain.id);
    if (!first || last === undefined || last === primary.providerId) return undefined;
    const ids = { chatId: chat.chatId, chainId: chain.id, chainLabel: chain.label };
    core.emit({ type: 'chain_back', ...ids, providerId: w.providerId, at: core.now() });
    return { ...base, kind: 'chain_back', message: `${chain.label} is back on ${label} ${model}.` };
  }
  if (step.family === primary.family) return undefined;
  const why = primaryWhy(core, chat, primary.providerId);
  core.emit({
    type: 'chain_moved',
    chatId: chat.chatId,
    chainId: chain.id,
    chainLabel: chain.label,
    from: primary.providerId,
    to: w.providerId,
    why,
    at: core.now(),
  });
  const message = `${chain.label}: ${why}; answered by ${label} ${model} (a different model family).`;
  return { ...base, kind: 'chain_moved', message };
}

/** Remembers which step finished a chain's answer (the next chat's `chain_back` compares with it). */
export function chainAnswered(core: EngineCore, chat: ChatState, w: Attempt): void {
  const chain = chat.route.chain;
  if (chain) core.chainLast.set(chain.id, w.providerId);
}
