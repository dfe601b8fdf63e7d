import type { Anthropic } from '@anthropic-ai/sdk';
import type { FinishReason, Usage } from '../../core/chunks';
import { partsOf, type ChatMessage, type ChatOptions, type ImageData } from '../../core/messages';
import type { RawEvent } from '../base/types';

type MessageParam = Anthropic.MessageParam;
type Block = Anthropic.ContentBlockParam;
type StreamEvent = Anthropic.RawMessageStreamEvent;
type ImageMime = Anthropic.Base64ImageSource['media_type'];

/** The Messages API requires max_tokens; used when the caller sets none. */
export const DEFAULT_MAX_TOKENS = 4096;
/** The API accepts at most four cache breakpoints per request; the last four hints are kept. */
const MAX_CACHE_POINTS = 4;
const EPHEMERAL = { type: 'ephemeral' } as const;

export interface AnthropicPrompt {
  /** System messages for the top-level `system` parameter (text blocks when one carries a cache hint). */
  system?: string | Anthropic.TextBlockParam[];
  messages: MessageParam[];
}

interface Turn {
  role: 'user' | 'assistant';
  blocks: Block[];
  /** A cache point was in this turn: cache up to its end. */
  cache: boolean;
}

const imageBlock = (i: ImageData): Anthropic.ImageBlockParam => ({
  type: 'image',
  source: { type: 'base64', media_type: i.mimeType as ImageMime, data: i.data },
});

/** Our parts as content blocks (thinking and other provider-only content never gets here). */
function toBlocks(m: ChatMessage): Block[] {
  const out: Block[] = [];
  for (const p of partsOf(m)) {
    if (p.type === 'text' && p.text) out.push({ type: 'text', text: p.text });
    else if (p.type === 'image') out.push(imageBlock(p));
    else if (p.type === 'tool_call') out.push({ type: 'tool_use', id: p.id, name: p.name, input: p.arguments });
    else if (p.type === 'tool_result')
      out.push({
        type: 'tool_result',
        tool_use_id: p.callId,
        // A tool_result's content may hold image blocks beside its text (e.g. a screenshot tool).
        content: p.images?.length
          ? [...(p.content ? [{ type: 'text' as const, text: p.content }] : []), ...p.images.map(imageBlock)]
          : p.content,
        ...(p.isError ? { is_error: true } : {}),
      });
  }
  return out;
}

const hasCachePoint = (m: ChatMessage) => m.parts?.some((p) => p.type === 'cache_point') ?? false;

/**
 * Our messages in Messages API shape: system turns go to `system`, consecutive turns of one role
 * are merged (the API wants them alternating), empty turns are dropped, and in a user turn the
 * `tool_result` blocks come first (the API wants them right after the assistant's `tool_use`).
 * A cache point becomes `cache_control` on the last block of its turn (its system prompt, or its
 * merged turn once tool results moved first), for the last four points.
 *
 * Mid-stream continuation uses assistant prefill: `prefill` (the partial answer without trailing
 * whitespace, see core/continuation.ts) becomes or extends a trailing assistant turn and the
 * model carries on from its last character. The API rejects a final assistant turn that ends in
 * whitespace, so such a turn from history is trimmed too.
 */
export function toAnthropicPrompt(messages: ChatMessage[], prefill?: string): AnthropicPrompt {
  const systemMessages = messages.filter((m) => m.role === 'system');
  const system = systemMessages.flatMap(toBlocks) as Anthropic.TextBlockParam[];
  const turns: Turn[] = [];
  const push = (role: Turn['role'], blocks: Block[], cache = false) => {
    if (blocks.length === 0) return;
    const last = turns[turns.length - 1];
    if (last?.role === role) {
      last.blocks.push(...blocks);
      last.cache ||= cache;
    } else turns.push({ role, blocks: [...blocks], cache });
  };
  for (const m of messages) if (m.role !== 'system') push(m.role, toBlocks(m), hasCachePoint(m));
  for (const t of turns) if (t.role === 'user') t.blocks.sort((a, b) => rank(a) - rank(b));
  const marks = [
    ...(systemMessages.some(hasCachePoint) ? [system.at(-1)] : []),
    ...turns.filter((t) => t.cache).map((t) => t.blocks.at(-1)),
  ];
  if (prefill) push('assistant', [{ type: 'text', text: prefill }]);
  // A final assistant turn (prefill or history) must not end in whitespace.
  const lastBlock = turns[turns.length - 1]?.role === 'assistant' ? turns[turns.length - 1].blocks.at(-1) : undefined;
  if (lastBlock?.type === 'text') lastBlock.text = lastBlock.text.replace(/\s+$/, '');
  for (const b of marks.slice(-MAX_CACHE_POINTS)) if (b) (b as { cache_control?: unknown }).cache_control = EPHEMERAL;

  return {
    ...(system.length > 0 ? { system: compact(system) as string | Anthropic.TextBlockParam[] } : {}),
    messages: turns.map((t) => ({ role: t.role, content: compact(t.blocks) })),
  };
}

/** Plain text blocks as one string (merged turns joined by a blank line); anything richer stays blocks. */
function compact(blocks: Block[]): string | Block[] {
  const plain = blocks.every((b) => b.type === 'text' && !b.cache_control);
  return plain ? blocks.map((b) => (b.type === 'text' ? b.text : '')).join('\n\n') : blocks;
}

/** tool_result blocks first in a user turn, everything else after in its order. */
const rank = (b: Block) => (b.type === 'tool_result' ? 0 : 1);

/** `tools` and `tool_choice` for the request (nothing when the caller offers no tools). */
export function toAnthropicTools(
  o: ChatOptions,
): Pick<Anthropic.MessageCreateParamsStreaming, 'tools' | 'tool_choice'> {
  if (!o.tools?.length) return {};
  return {
    tools: o.tools.map((t) => ({
      name: t.name,
      description: t.description,
      input_schema: { type: 'object' as const, ...(t.parameters ?? { properties: {} }) },
    })),
    tool_choice: o.toolMode === 'required' ? { type: 'any' } : { type: 'auto' },
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

interface WireUsage {
  input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

/**
 * Anthropic counts uncached input (`input_tokens`) apart from cache reads and writes; Usage's
 * `inputTokens` is all of it, with the cache parts named.
 */
export function inputUsage(u: WireUsage | null | undefined): Usage | undefined {
  if (u?.input_tokens === undefined || u.input_tokens === null) return undefined;
  const read = u.cache_read_input_tokens ?? 0;
  const write = u.cache_creation_input_tokens ?? 0;
  return {
    inputTokens: u.input_tokens + read + write,
    ...(read ? { cachedInputTokens: read } : {}),
    ...(write ? { cacheWriteTokens: write } : {}),
  };
}

/**
 * SDK stream events -> RawEvents. Input tokens come with message_start, cumulative output tokens
 * with message_delta, the stop reason with message_delta; the finish is only reported on
 * message_stop, so a stream that ends before it counts as interrupted. Text is passed on exactly
 * as the model wrote it (the engine handles the seam of a continuation).
 * A `tool_use` block streams its id and name at content_block_start and its input as
 * `input_json_delta` pieces; thinking blocks and signatures are Anthropic-only and dropped.
 */
export async function* toRawEvents(events: AsyncIterable<StreamEvent>): AsyncGenerator<RawEvent> {
  let stopReason: string | null | undefined;
  let inputTokens: number | undefined;
  for await (const ev of events) {
    switch (ev.type) {
      case 'message_start': {
        const input = inputUsage(ev.message?.usage);
        inputTokens = input?.inputTokens;
        if (input) yield { type: 'usage', usage: input };
        break;
      }
      case 'content_block_start': {
        const b = ev.content_block;
        if (b.type === 'tool_use') yield { type: 'tool', index: ev.index, id: b.id, name: b.name };
        break;
      }
      case 'content_block_delta': {
        if (ev.delta.type === 'input_json_delta') {
          yield { type: 'tool', index: ev.index, args: ev.delta.partial_json };
          break;
        }
        if (ev.delta.type !== 'text_delta') break;
        const text = ev.delta.text;
        if (text) yield { type: 'text', text };
        break;
      }
      case 'message_delta': {
        stopReason = ev.delta?.stop_reason ?? stopReason;
        // Newer API versions repeat the (cumulative) input counts here; they win when present.
        const input = inputUsage(ev.usage);
        if (input) {
          inputTokens = input.inputTokens;
          yield { type: 'usage', usage: input };
        }
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
