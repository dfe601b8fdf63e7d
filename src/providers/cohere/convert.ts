import type { Cohere } from 'cohere-ai';
import type { FinishReason, Usage } from '../../core/chunks';
import { continuePrompt, planContinuation } from '../../core/continuation';
import { partsOf, type ChatMessage, type ChatRequest, type MessagePart } from '../../core/messages';
import type { RawEvent } from '../base/types';
import { withPlaceholders } from '../base/toolImages';
import { CohereEndedEarlyError, CohereFinishError } from './errors';

const textOf = (parts: MessagePart[]) => parts.map((p) => (p.type === 'text' ? p.text : '')).join('');

/**
 * One of our messages as Cohere v2 messages: an assistant turn carries `toolCalls` (arguments as
 * JSON text); a user turn's tool results become `tool` messages, then its text and images.
 * Cache points have no wire form here.
 */
function toCohere(m: ChatMessage): Cohere.ChatMessageV2[] {
  const parts = partsOf(m);
  if (m.role === 'system') return [{ role: 'system', content: textOf(parts) }];
  if (m.role === 'assistant') {
    const calls = parts.flatMap((p) => (p.type === 'tool_call' ? [p] : []));
    const content = textOf(parts);
    if (calls.length === 0) return [{ role: 'assistant', content }];
    return [
      {
        role: 'assistant',
        ...(content ? { content } : {}),
        toolCalls: calls.map((c) => ({
          id: c.id,
          type: 'function' as const,
          function: { name: c.name, arguments: JSON.stringify(c.arguments) },
        })),
      },
    ];
  }
  const out: Cohere.ChatMessageV2[] = [];
  for (const p of parts)
    if (p.type === 'tool_result')
      // Cohere's tool messages take text and documents only: images become a note saying so.
      out.push({ role: 'tool', toolCallId: p.callId, content: withPlaceholders(p.content, p.images, 'Cohere tool results take text only') });
  const rest = parts.filter((p) => p.type === 'text' || p.type === 'image');
  if (rest.some((p) => p.type === 'image')) {
    const content: Cohere.Content[] = rest.map((p) =>
      p.type === 'image' ? { type: 'image_url', imageUrl: { url: `data:${p.mimeType};base64,${p.data}` } } : { type: 'text', text: p.type === 'text' ? p.text : '' },
    );
    out.push({ role: 'user', content });
  } else if (textOf(rest) || out.length === 0) {
    out.push({ role: 'user', content: textOf(rest) });
  }
  return out;
}

/**
 * Our request as a Cohere v2 chat. Cohere has no assistant prefill, so `continueFrom` becomes the
 * partial answer (without its anchor) as an assistant turn plus a user turn asking to continue it
 * from the anchor (core/continuation.ts).
 */
export function toCohereRequest(req: ChatRequest, model: string): Cohere.V2ChatStreamRequest {
  const messages = req.messages.flatMap(toCohere);
  const partial = req.options?.continueFrom;
  if (partial) {
    const plan = planContinuation('prompt', partial);
    if (plan.sent) messages.push({ role: 'assistant', content: plan.sent });
    messages.push({ role: 'user', content: continuePrompt(plan) });
  }
  const out: Cohere.V2ChatStreamRequest = { model, messages };
  if (req.options?.maxTokens !== undefined) out.maxTokens = req.options.maxTokens;
  if (req.options?.temperature !== undefined) out.temperature = req.options.temperature;
  const tools = req.options?.tools ?? [];
  if (tools.length > 0) {
    out.tools = tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters ?? { type: 'object', properties: {} } } }));
    if (req.options?.toolMode === 'required') out.toolChoice = 'REQUIRED';
  }
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

/**
 * message-end usage: the billed units (what the answer costs; `tokens` also counts the prompt
 * template), else the token counts.
 */
export function toUsage(u: Cohere.Usage | undefined): Usage | undefined {
  if (!u) return undefined;
  const inputTokens = u.billedUnits?.inputTokens ?? u.tokens?.inputTokens;
  const outputTokens = u.billedUnits?.outputTokens ?? u.tokens?.outputTokens;
  if (inputTokens === undefined && outputTokens === undefined) return undefined;
  const usage: Usage = { inputTokens, outputTokens };
  if (inputTokens !== undefined && outputTokens !== undefined) usage.totalTokens = inputTokens + outputTokens;
  return usage;
}

/**
 * SDK stream events -> RawEvents. A tool call streams as tool-call-start (id, name), tool-call-delta
 * (argument pieces), tool-call-end, each with the call's `index`; the tool plan (Cohere's own
 * reasoning before calls) is dropped like other provider-only content. Cohere reports an in-stream
 * failure as a normal message-end with finish_reason ERROR (or TIMEOUT) and the SDK does not
 * throw, so this does. A stream that
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
    } else if (ev.type === 'tool-call-start') {
      const call = ev.delta?.message?.toolCalls;
      const fn = call?.function;
      yield { type: 'tool', index: ev.index ?? 0, id: call?.id, name: fn?.name, args: fn?.arguments };
    } else if (ev.type === 'tool-call-delta') {
      yield { type: 'tool', index: ev.index ?? 0, args: ev.delta?.message?.toolCalls?.function?.arguments };
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
