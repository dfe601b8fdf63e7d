import type { OpenAI } from 'openai';
import type { FinishReason, Usage } from '../../core/chunks';
import { continuePrompt, planContinuation } from '../../core/continuation';
import type { ChatMessage } from '../../core/messages';
import type { RawEvent } from '../base/types';

type MessageParam = OpenAI.Chat.ChatCompletionMessageParam;
type Chunk = OpenAI.Chat.ChatCompletionChunk;

/**
 * Our messages in Chat Completions shape. Chat Completions has no assistant prefill: a partial
 * answer becomes an assistant turn (without its anchor) plus a request to continue from the
 * anchor (core/continuation.ts).
 */
export function toOpenAIMessages(messages: ChatMessage[], continueFrom?: string): MessageParam[] {
  const out: MessageParam[] = messages.map((m) => ({ role: m.role, content: m.content }));
  if (continueFrom) {
    const plan = planContinuation('prompt', continueFrom);
    if (plan.sent) out.push({ role: 'assistant', content: plan.sent });
    out.push({ role: 'user', content: continuePrompt(plan) });
  }
  return out;
}

export function toFinishReason(reason: string): FinishReason {
  switch (reason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'filtered';
    case 'tool_calls':
    case 'function_call':
      return 'tool';
    default:
      return 'other';
  }
}

function toUsage(u: NonNullable<Chunk['usage']>): Usage {
  return { inputTokens: u.prompt_tokens, outputTokens: u.completion_tokens, totalTokens: u.total_tokens };
}

/**
 * Chunks -> RawEvents. Tolerates compatible servers that put usage on the finish chunk, omit it,
 * or omit `[DONE]` (the stream then just ends after the finish chunk).
 */
export async function* toRawEvents(chunks: AsyncIterable<Chunk>): AsyncGenerator<RawEvent> {
  for await (const chunk of chunks) {
    const choice = chunk.choices?.[0];
    const text = choice?.delta?.content;
    if (text) yield { type: 'text', text };
    if (chunk.usage) yield { type: 'usage', usage: toUsage(chunk.usage) };
    if (choice?.finish_reason) yield { type: 'finish', reason: toFinishReason(choice.finish_reason) };
  }
}
