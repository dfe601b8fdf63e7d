import type { FrameContext, WireFormat } from '../wireFormat';
import { readFunctionStyleRequest } from './readFunctionStyle';

/** Cohere sends `event: <type>` + `data: <json>`; the SDK reads only the data line and its `type`. */
const sse = (obj: { type: string } & Record<string, unknown>) => `event: ${obj.type}\ndata: ${JSON.stringify(obj)}\n\n`;

/**
 * Cohere bills `billed_units`; `tokens` also counts the prompt template the model saw, so its
 * input is larger than what is billed.
 */
export const COHERE_TEMPLATE_TOKENS = 7;
function usage(ctx: FrameContext) {
  return {
    billed_units: { input_tokens: ctx.inputTokens, output_tokens: ctx.outputTokens },
    tokens: { input_tokens: ctx.inputTokens + COHERE_TEMPLATE_TOKENS, output_tokens: ctx.outputTokens },
  };
}

function messageEnd(ctx: FrameContext, finishReason: string, withUsage: boolean, error?: string) {
  const delta: Record<string, unknown> = { finish_reason: finishReason };
  if (error !== undefined) delta.error = error;
  if (withUsage) delta.usage = usage(ctx);
  return sse({ type: 'message-end', id: ctx.requestId, delta });
}

/** The closing frames of the text block that was open when the answer stopped. */
const contentEnd = () => sse({ type: 'content-end', index: 0 });


/**
 * Cohere v2 chat (POST /v2/chat, GET /v1/models), snake_case on the wire. The base URL is the
 * origin. In-stream failure is a message-end with finish_reason ERROR; Cohere's rate-limit header
 * names are unconfirmed, so none are sent by default (a script may add some). `finishReason` sets
 * the reason of a normal end (e.g. MAX_TOKENS).
 */
export function cohereFormat(opts: { finishReason?: string } = {}): WireFormat {
  const finishReason = opts.finishReason ?? 'COMPLETE';
  return {
    protocol: 'cohere',
    baseURL: (origin) => origin,
    isChat: (m, p) => m === 'POST' && p === '/v2/chat',
    isModels: (m, p) => m === 'GET' && p === '/v1/models',
    successHeaders: (ctx, stream) => ({
      'content-type': stream ? 'text/event-stream' : 'application/json',
      'x-request-id': ctx.requestId,
    }),
    start: (ctx) => [
      sse({
        type: 'message-start',
        id: ctx.requestId,
        delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } },
      }),
      ...(ctx.textBlock
        ? [sse({ type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } })]
        : []),
    ],
    token: (_ctx, text) => sse({ type: 'content-delta', index: 0, delta: { message: { content: { text } } } }),
    toolStart: (ctx, call, index) => [
      ...(index === 0 && ctx.textBlock ? [contentEnd()] : []),
      sse({
        type: 'tool-call-start',
        index,
        delta: {
          message: { tool_calls: { id: call.id, type: 'function', function: { name: call.name, arguments: '' } } },
        },
      }),
    ],
    toolArgs: (_ctx, json, index) =>
      sse({ type: 'tool-call-delta', index, delta: { message: { tool_calls: { function: { arguments: json } } } } }),
    toolEnd: (_ctx, index) => [sse({ type: 'tool-call-end', index })],
    read: readFunctionStyleRequest,
    finish: (ctx, withUsage) =>
      ctx.toolCount > 0
        ? [messageEnd(ctx, 'TOOL_CALL', withUsage)]
        : [contentEnd(), messageEnd(ctx, ctx.stopReason ?? finishReason, withUsage)],
    streamError: (ctx, _type, message) => [contentEnd(), messageEnd(ctx, 'ERROR', true, message)],
    malformed: () => 'event: content-delta\ndata: {"type": "content-delta", "index": 0, "delta": {"message": \n\n',
    errorBody: (_status, _type, message) => ({ message }),
    completion: (ctx, text) => ({
      id: ctx.requestId,
      finish_reason: 'COMPLETE',
      message: { role: 'assistant', content: [{ type: 'text', text }] },
      usage: usage(ctx),
    }),
    models: (ids) => ({
      models: ids.map((name) => ({
        name,
        endpoints: ['chat'],
        finetuned: false,
        context_length: 128000,
        is_deprecated: false,
        features: [],
      })),
    }),
    modelOf: (body) => String(body.model ?? ''),
    wantsStream: (body) => body.stream === true,
  };
}
