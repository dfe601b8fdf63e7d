import type { Anthropic } from '@anthropic-ai/sdk';
import type { FinishReason } from '../../core/chunks';
import type { ChatMessage } from '../../core/messages';
import type { RawEvent } from '../base/types';

type MessageParam = Anthropic.MessageParam;
type StreamEvent = Anthropic.RawMessageStreamEvent;

/** The Messages API requires max_tokens; used when the caller sets none. */
export const DEFAULT_MAX_TOKENS = 4096;

export interface AnthropicPrompt {
  /** System messages, joined, for the top-level `system` parameter. */
  system?: string;
  messages: MessageParam[];
}

/**
 * Our messages in Messages API shape: system turns go to `system`, consecutive turns of one role
 * are merged (the API wants them alternating) and empty turns are dropped.
 *
 * Mid-stream continuation uses assistant prefill: `prefill` (the partial answer without trailing
 * whitespace, see core/continuation.ts) becomes or extends a trailing assistant turn and the
 * model carries on from its last character. The API rejects a final assistant turn that ends in
 * whitespace, so such a turn from history is trimmed too.
 */
export function toAnthropicPrompt(messages: ChatMessage[], prefill?: string): AnthropicPrompt {
  const system = messages.filter((m) => m.role === 'system' && m.content).map((m) => m.content);
  const turns: { role: 'user' | 'assistant'; content: string }[] = [];
  const push = (role: 'user' | 'assistant', content: string) => {
    if (!content) return;
    const last = turns[turns.length - 1];
    if (last?.role === role) last.content += `\n\n${content}`;
    else turns.push({ role, content });
  };
  for (const m of messages) if (m.role !== 'system') push(m.role, m.content);
  if (prefill) push('assistant', prefill);
  const last = turns[turns.length - 1];
  if (last?.role === 'assistant') last.content = last.content.replace(/\s+$/, '');

  return {
    ...(system.length > 0 ? { system: system.join('\n\n') } : {}),
    messages: turns.map((t) => ({ role: t.role, content: t.content })),
  };
}

export function toFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'refusal':
      return 'filtered';
    case 'tool_use':
      return 'tool';
    default:
      return 'other';
  }
}

/**
 * SDK stream events -> RawEvents. Input tokens come with message_start, cumulative output tokens
 * with message_delta, the stop reason with message_delta; the finish is only reported on
 * message_stop, so a stream that ends before it counts as interrupted. Text is passed on exactly
 * as the model wrote it (the engine handles the seam of a continuation).
 */
export async function* toRawEvents(events: AsyncIterable<StreamEvent>): AsyncGenerator<RawEvent> {
  let stopReason: string | null | undefined;
  let inputTokens: number | undefined;
  for await (const ev of events) {
    switch (ev.type) {
      case 'message_start': {
        inputTokens = ev.message?.usage?.input_tokens ?? undefined;
        if (inputTokens !== undefined) yield { type: 'usage', usage: { inputTokens } };
        break;
      }
      case 'content_block_delta': {
        if (ev.delta.type !== 'text_delta') break;
        const text = ev.delta.text;
        if (text) yield { type: 'text', text };
        break;
      }
      case 'message_delta': {
        stopReason = ev.delta?.stop_reason ?? stopReason;
        const out = ev.usage?.output_tokens ?? undefined;
        if (out !== undefined) {
          const total = inputTokens === undefined ? {} : { totalTokens: inputTokens + out };
          yield { type: 'usage', usage: { outputTokens: out, ...total } };
        }
        break;
      }
      case 'message_stop':
        if (stopReason !== undefined) yield { type: 'finish', reason: toFinishReason(stopReason) };
        return;
      default:
        break;
    }
  }
}
