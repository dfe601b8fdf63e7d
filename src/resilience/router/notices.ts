import type { EngineChunk } from '../api';
import type { Attempt } from './attempt';
import type { ChatState } from './chatState';
import type { EngineCore } from './engineCore';

/** How the winning attempt got its turn, for the UI notice. */
export interface FirstOutput {
  winner: Attempt;
  /** The attempt it beat in a hedge race, if any. */
  beat?: Attempt;
}

/** The inline notice explaining why this provider answers (undefined for a plain first choice). */
export function noticeFor(
  core: EngineCore,
  chat: ChatState,
  first: FirstOutput,
  previous: Attempt | undefined,
  restarted: boolean,
): EngineChunk | undefined {
  const to = first.winner;
  const label = to.slot.provider.label;
  const providerId = to.providerId;
  if (previous) {
    const from = previous.slot.provider.label;
    if (restarted)
      return {
        type: 'notice',
        kind: 'restarted',
        providerId,
        message: `Restarted on ${label} after ${from} dropped; the answer starts over.`,
      };
    if (chat.continueFrom) {
      core.emit({
        type: 'continued',
        chatId: chat.chatId,
        from: previous.providerId,
        to: providerId,
        keptChars: chat.continueFrom.length,
        at: core.now(),
      });
      return { type: 'notice', kind: 'continued', providerId, message: `Continued on ${label} after ${from} dropped` };
    }
  }
  if (first.beat)
    return {
      type: 'notice',
      kind: 'hedge_won',
      providerId,
      message: `${label} answered first (${first.beat.slot.provider.label} was slow)`,
    };
  const err = chat.lastError;
  if (err && chat.failed.size > 0) {
    const failedLabel = core.slots().find((s) => s.id === err.providerId)?.provider.label ?? err.providerId;
    return {
      type: 'notice',
      kind: 'fell_back',
      providerId,
      message: `${label} answered: ${failedLabel} failed (${err.kind})`,
    };
  }
  return undefined;
}
