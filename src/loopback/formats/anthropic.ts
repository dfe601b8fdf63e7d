import { headroomHeaders } from '../headroomHeaders';
import type { LoopbackRateLimit } from '../script';
import type { FrameContext, SeenMessage, SeenRequest, WireFormat } from '../wireFormat';

const sse = (type: string, obj: unknown) => `event: ${type}\ndata: ${JSON.stringify(obj)}\n\n`;
/** RFC 3339 without fractions, as Anthropic sends reset times. */
const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The error `type` Anthropic uses for a status when the script names none. */
function typeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 408:
    case 504:
      return 'timeout_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 529:
      return 'overloaded_error';
    default:
      return 'api_error';
  }
}

function message(ctx: FrameContext, content: unknown[], stopReason: string | null, outputTokens: number) {
  return {
    id: `msg_${ctx.requestId}`,
    type: 'message',
    role: 'assistant',
    model: ctx.model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    // Anthropic counts uncached input apart from the cache reads and writes.
    usage: {
      input_tokens: ctx.inputTokens - ctx.cachedInputTokens - ctx.cacheWriteTokens,
      output_tokens: outputTokens,
      cache_creation_input_tokens: ctx.cacheWriteTokens,
      cache_read_input_tokens: ctx.cachedInputTokens,
    },
  };
}

/** `anthropic-ratelimit-{requests,tokens}-{limit,remaining,reset}`, reset as an RFC 3339 time (rounded up to the second). */
const rateLimitHeaders = (rl: LoopbackRateLimit, now: number) =>
  headroomHeaders(rl, (f, u) => `anthropic-ratelimit-${u}-${f}`, (ms) => rfc3339(Math.ceil((now + ms) / 1000) * 1000));

type Json = Record<string, unknown>;
const blocksOf = (content: unknown): Json[] =>
  typeof content === 'string' ? [{ type: 'text', text: content }] : ((content as Json[] | undefined) ?? []);

/**
 * A Messages request read back: `system` as a system turn, `tool_use` blocks as calls, and each
 * `tool_result` block as a `tool` turn (in block order, so tests can check they come first).
 */
export function readAnthropicRequest(body: Json): SeenRequest {
  const messages: SeenMessage[] = [];
  if (body.system !== undefined) messages.push({ role: 'system', text: blocksOf(body.system).map((b) => String(b.text ?? '')).join('') });
  for (const m of (body.messages as Json[] | undefined) ?? []) {
    const blocks = blocksOf(m.content);
    for (const b of blocks) {
      if (b.type !== 'tool_result') continue;
      const c = b.content;
      const inner = typeof c === 'string' ? [] : blocksOf(c);
      const images = inner.filter((x) => x.type === 'image').length;
      messages.push({
        role: 'tool',
        toolCallId: String(b.tool_use_id),
        text: typeof c === 'string' ? c : inner.map((x) => String(x.text ?? '')).join(''),
        ...(images ? { images } : {}),
      });
    }
    const text = blocks.map((b) => (b.type === 'text' ? String(b.text) : '')).join('');
    const calls = blocks
      .filter((b) => b.type === 'tool_use')
      .map((b) => ({ id: String(b.id), name: String(b.name), arguments: JSON.stringify(b.input) }));
    const images = blocks.filter((b) => b.type === 'image').length;
    if (text || calls.length || images || !blocks.some((b) => b.type === 'tool_result')) {
      messages.push({
        role: m.role as SeenMessage['role'],
        text,
        ...(calls.length ? { toolCalls: calls } : {}),
        ...(images ? { images } : {}),
      });
    }
  }
  const tools = ((body.tools as Json[] | undefined) ?? []).map((t) => ({
    name: String(t.name),
    parameters: t.input_schema,
  }));
  return { messages, tools };
}

/** Block index of tool call `i`: after the text block when the answer has one. */
const toolBlock = (ctx: FrameContext, i: number) => (ctx.textBlock ? i + 1 : i);

/** Anthropic Messages: `event: <type>` + `data: <json>` pairs; the SDK drops frames without an event line. */
export function anthropicFormat(): WireFormat {
  return {
    protocol: 'anthropic',
    baseURL: (origin) => origin,
    isChat: (m, p) => m === 'POST' && p === '/v1/messages',
    isModels: (m, p) => m === 'GET' && p === '/v1/models',
    invalid: (body) => {
      const msgs = Array.isArray(body.messages) ? (body.messages as { role?: string; content?: unknown }[]) : [];
      const last = msgs[msgs.length - 1];
      if (last?.role === 'assistant' && typeof last.content === 'string' && /\s$/.test(last.content)) {
        return 'messages: final assistant content cannot end with trailing whitespace';
      }
      return undefined;
    },
    successHeaders: (ctx, stream) => ({
      'content-type': stream ? 'text/event-stream; charset=utf-8' : 'application/json',
      'request-id': ctx.requestId,
      // A high usage tier's headroom, so load tests are not paced (a script or quota sets less).
      'anthropic-ratelimit-requests-limit': '4000',
      'anthropic-ratelimit-requests-remaining': '3999',
      'anthropic-ratelimit-requests-reset': rfc3339(Date.now() + 1_000),
      'anthropic-ratelimit-tokens-limit': '2000000',
      'anthropic-ratelimit-tokens-remaining': '1999000',
      'anthropic-ratelimit-tokens-reset': rfc3339(Date.now() + 60_000),
    }),
    rateLimitHeaders,
    start: (ctx) => [
      sse('message_start', { type: 'message_start', message: message(ctx, [], null, 1) }),
      ...(ctx.textBlock
        ? [
            sse('content_block_start', {
              type: 'content_block_start',
              index: 0,
              content_block: { type: 'text', text: '' },
            }),
          ]
        : []),
      sse('ping', { type: 'ping' }),
    ],
    token: (_ctx, text) =>
      sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }),
    toolStart: (ctx, call, i) => [
      ...(i === 0 && ctx.textBlock ? [sse('content_block_stop', { type: 'content_block_stop', index: 0 })] : []),
      sse('content_block_start', {
        type: 'content_block_start',
        index: toolBlock(ctx, i),
        content_block: { type: 'tool_use', id: call.id, name: call.name, input: {} },
      }),
    ],
    toolArgs: (ctx, json, i) =>
      sse('content_block_delta', {
        type: 'content_block_delta',
        index: toolBlock(ctx, i),
        delta: { type: 'input_json_delta', partial_json: json },
      }),
    toolEnd: (ctx, i) => [sse('content_block_stop', { type: 'content_block_stop', index: toolBlock(ctx, i) })],
    read: readAnthropicRequest,
    finish: (ctx, withUsage) => [
      ...(ctx.toolCount === 0 ? [sse('content_block_stop', { type: 'content_block_stop', index: 0 })] : []),
      sse('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: ctx.stopReason ?? (ctx.toolCount > 0 ? 'tool_use' : 'end_turn'), stop_sequence: null },
        ...(withUsage ? { usage: { output_tokens: ctx.outputTokens } } : {}),
      }),
      sse('message_stop', { type: 'message_stop' }),
    ],
    streamError: (_ctx, type, msg) => [
      sse('error', { type: 'error', error: { type: type ?? 'overloaded_error', message: msg } }),
    ],
    malformed: () =>
      'event: content_block_delta\ndata: {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": \n\n',
    errorBody: (status, type, msg) => ({ type: 'error', error: { type: type ?? typeForStatus(status), message: msg } }),
    completion: (ctx, text) => message(ctx, [{ type: 'text', text }], 'end_turn', ctx.outputTokens),
    models: (ids) => ({
      data: ids.map((id) => ({ type: 'model', id, display_name: id, created_at: '2026-01-01T00:00:00Z' })),
      has_more: false,
      first_id: ids[0] ?? null,
      last_id: ids[ids.length - 1] ?? null,
    }),
    modelOf: (body) => String(body.model ?? ''),
    wantsStream: (body) => body.stream === true,
  };
}
