import type { Cohere } from 'cohere-ai';
import type { FinishReason, Usage } from '../../core/chunks';
import { continuePrompt, planContinuation } from '../../core/continuation';
import type { ChatMessage, ChatRequest } from '../../core/messages';
import type { RawEvent } from '../base/types';
import { CohereEndedEarlyError, CohereFinishError } from './errors';


function toCohere(m: ChatMessage): Cohere.ChatMessageV2 {
  switch (m.role) {
    case 'system':
      return { role: 'system', content: m.content };
    case 'assistant':
      return { role: 'assistant', content: m.content };
    default:
      return { role: 'user', content: m.content };
  }
}

/**
 * Our request as a Cohere v2 chat. Cohere has no assistant prefill, so `continueFrom` becomes the
 * partial answer (without its anchor) as an assistant turn plus a user turn asking to continue it
 * from the anchor (core/continuation.ts).
 */
export function toCohereRequest(req: ChatRequest, model: string): Cohere.V2ChatStreamRequest {
  const messages = req.messages.map(toCohere);
  const partial = req.options?.continueFrom;
  if (partial) {
    const plan = planContinuation('prompt', partial);
    if (plan.sent) messages.push({ role: 'assistant', content: plan.sent });
    messages.push({ role: 'user', content: continuePrompt(plan) });
  }
  const out: Cohere.V2ChatStreamRequest = { model, messages };
  if (req.options?.maxTokens !== undefined) out.maxTokens = req.options.maxTokens;
  if (req.options?.temperature !== undefined) out.temperature = req.options.temperature;
  return out;
}

/** Finish reasons that end an answer normally; ERROR and TIMEOUT are failures (see toRawEvents). */
export function toFinishReason(reason: string | undefined): FinishReason {
  switch (reason) {
    case 'COMPLETE':
    case 'STOP_SEQUENCE':
      return 'stop';
    case 'MAX_TOKENS':
      return 'length';
    case 'TOOL_CALL':
      return 'tool';
    default:
      return 'other';
  }
}

/** message-end usage: real token counts, else the billed units. */
export function toUsage(u: Cohere.Usage | undefined): Usage | undefined {
  if (!u) return undefined;
  const inputTokens = u.tokens?.inputTokens ?? u.billedUnits?.inputTokens;
  const outputTokens = u.tokens?.outputTokens ?? u.billedUnits?.outputTokens;
  if (inputTokens === undefined && outputTokens === undefined) return undefined;
  const usage: Usage = { inputTokens, outputTokens };
  if (inputTokens !== undefined && outputTokens !== undefined) usage.totalTokens = inputTokens + outputTokens;
  return usage;
}

/**
 * SDK stream events -> RawEvents. Cohere reports an in-stream failure as a normal message-end
 * with finish_reason ERROR (or TIMEOUT) and the SDK does not throw, so this does. A stream that
 * ends without message-end throws too: the SDK stops silently at any data line containing
 * "[DONE]", so an answer quoting it would otherwise look complete.
 */
export async function* toRawEvents(events: AsyncIterable<Cohere.V2ChatStreamResponse>): AsyncGenerator<RawEvent> {
  let seen = false;
  for await (const ev of events) {
    seen = true;
    if (ev.type === 'content-delta') {
      const text = ev.delta?.message?.content?.text;
      if (text) yield { type: 'text', text };
    } else if (ev.type === 'message-end') {
      const reason = ev.delta?.finishReason;
      if (reason === 'ERROR' || reason === 'TIMEOUT') throw new CohereFinishError(reason, ev.delta?.error);
      const usage = toUsage(ev.delta?.usage);
      if (usage) yield { type: 'usage', usage };
      yield { type: 'finish', reason: toFinishReason(reason) };
      return;
    }
  }
  // No event at all: not a Cohere stream; the base provider reports that as a protocol fault.
  if (seen) throw new CohereEndedEarlyError();
}
