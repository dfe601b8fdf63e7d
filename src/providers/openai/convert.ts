import type { OpenAI } from 'openai';
import type { FinishReason, Usage } from '../../core/chunks';
import { continuePrompt, planContinuation } from '../../core/continuation';
import { partsOf, type ChatMessage, type ChatOptions, type MessagePart } from '../../core/messages';
import type { RawEvent } from '../base/types';

type MessageParam = OpenAI.Chat.ChatCompletionMessageParam;
type UserContent = OpenAI.Chat.ChatCompletionContentPart;
type Chunk = OpenAI.Chat.ChatCompletionChunk;

const text = (parts: MessagePart[]) => parts.map((p) => (p.type === 'text' ? p.text : '')).join('');

/**
 * One of our messages as Chat Completions messages: an assistant turn carries its text and
 * `tool_calls` (arguments as JSON text); a user turn's tool results become `tool` messages
 * (which must directly follow the assistant's calls), then its text and images as one user message.
 * Cache points have no wire form here: OpenAI caches long prefixes by itself.
 */
function toOpenAI(m: ChatMessage): MessageParam[] {
  const parts = partsOf(m);
  if (m.role === 'system') return [{ role: 'system', content: text(parts) }];
  if (m.role === 'assistant') {
    const calls = parts.flatMap((p) => (p.type === 'tool_call' ? [p] : []));
    const content = text(parts);
    if (calls.length === 0) return [{ role: 'assistant', content }];
    return [
      {
        role: 'assistant',
        content: content || null,
        tool_calls: calls.map((c) => ({
          id: c.id,
          type: 'function' as const,
          function: { name: c.name, arguments: JSON.stringify(c.arguments) },
        })),
      },
    ];
  }
  const out: MessageParam[] = [];
  for (const p of parts)
    if (p.type === 'tool_result') out.push({ role: 'tool', tool_call_id: p.callId, content: p.content });
  // A `tool` message takes only text, so a tool's images go into the user message that follows
  // the tool messages (they must stay right after the assistant's calls), each group introduced by
  // a line naming its call; the model sees them as the tool's output.
  const toolImages = parts.flatMap((p): MessagePart[] =>
    p.type === 'tool_result' && p.images?.length
      ? [{ type: 'text', text: `Images returned by tool call ${p.callId}:` }, ...p.images.map((i) => ({ type: 'image' as const, ...i }))]
      : [],
  );
  const rest = [...toolImages, ...parts.filter((p) => p.type === 'text' || p.type === 'image')];
  if (rest.some((p) => p.type === 'image')) {
    const content: UserContent[] = rest.map((p) =>
      p.type === 'image' ? { type: 'image_url', image_url: { url: `data:${p.mimeType};base64,${p.data}` } } : { type: 'text', text: p.type === 'text' ? p.text : '' },
    );
    out.push({ role: 'user', content });
  } else if (text(rest) || out.length === 0) {
    out.push({ role: 'user', content: text(rest) });
  }
  return out;
}

/**
 * Our messages in Chat Completions shape. Chat Completions has no assistant prefill: a partial
 * answer becomes an assistant turn (without its anchor) plus a request to continue from the
 * anchor (core/continuation.ts).
 */
export function toOpenAIMessages(messages: ChatMessage[], continueFrom?: string): MessageParam[] {
  const out: MessageParam[] = messages.flatMap(toOpenAI);
  if (continueFrom) {
    const plan = planContinuation('prompt', continueFrom);
    if (plan.sent) out.push({ role: 'assistant', content: plan.sent });
    out.push({ role: 'user', content: continuePrompt(plan) });
  }
  return out;
}

/** `tools` and `tool_choice` for the request (nothing when the caller offers no tools). */
export function toOpenAITools(
  o: ChatOptions,
): Pick<OpenAI.Chat.ChatCompletionCreateParamsStreaming, 'tools' | 'tool_choice'> {
  if (!o.tools?.length) return {};
  return {
    tools: o.tools.map((t) => ({
      type: 'function' as const,
      function: {
        name: t.name,
        description: t.description,
        parameters: t.parameters ?? { type: 'object', properties: {} },
      },
    })),
    tool_choice: o.toolMode === 'required' ? 'required' : 'auto',
  };
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

/** `prompt_tokens` already include the cached ones, which `prompt_tokens_details` names. */
export function toUsage(u: NonNullable<Chunk['usage']>): Usage {
  const usage: Usage = { inputTokens: u.prompt_tokens, outputTokens: u.completion_tokens, totalTokens: u.total_tokens };
  const cached = u.prompt_tokens_details?.cached_tokens;
  if (cached) usage.cachedInputTokens = cached;
  return usage;
}

/**
 * Chunks -> RawEvents. Tool calls stream as `delta.tool_calls[]` items keyed by `index` (the id
 * and name come with a call's first item, argument text in pieces after; parallel calls
 * interleave). Tolerates compatible servers that put usage on the finish chunk, omit it, or omit
 * `[DONE]` (the stream then just ends after the finish chunk).
 */
export async function* toRawEvents(chunks: AsyncIterable<Chunk>): AsyncGenerator<RawEvent> {
  for await (const chunk of chunks) {
    const choice = chunk.choices?.[0];
    const text = choice?.delta?.content;
    if (text) yield { type: 'text', text };
    for (const t of choice?.delta?.tool_calls ?? []) {
      const fn = t.function;
      const [id, name, args] = [t.id ?? undefined, fn?.name ?? undefined, fn?.arguments ?? undefined];
      yield { type: 'tool', index: t.index, id, name, args };
    }
    if (chunk.usage) yield { type: 'usage', usage: toUsage(chunk.usage) };
    if (choice?.finish_reason) yield { type: 'finish', reason: toFinishReason(choice.finish_reason) };
  }
}
