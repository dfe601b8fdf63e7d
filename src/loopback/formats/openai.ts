import { headroomHeaders } from '../headroomHeaders';
import type { LoopbackRateLimit } from '../script';
import type { FrameContext, WireFormat } from '../wireFormat';
import { readFunctionStyleRequest } from './readFunctionStyle';

const sse = (obj: unknown) => `data: ${JSON.stringify(obj)}\n\n`;
const created = () => Math.floor(Date.now() / 1000);

function chunk(ctx: FrameContext, delta: Record<string, unknown>, finish: string | null = null) {
  return {
    id: `chatcmpl-${ctx.requestId}`,
    object: 'chat.completion.chunk',
    created: created(),
    model: ctx.model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  };
}

/**
 * The error body OpenAI sends for a status. The loopback server passes generic names
 * (`authentication_error`, `not_found_error`); OpenAI says it with `type` + `code`.
 */
function errorBody(status: number, type: string | undefined, message: string) {
  const generic = type === undefined || type === 'authentication_error' || type === 'not_found_error';
  const [t, code] = !generic
    ? [type, type]
    : status === 401
      ? ['invalid_request_error', 'invalid_api_key']
      : status === 404
        ? ['invalid_request_error', 'model_not_found']
        : status === 429
          ? ['requests', 'rate_limit_exceeded']
          : status >= 500
            ? ['server_error', null]
            : ['invalid_request_error', null];
  return { error: { message, type: t, param: null, code } };
}

/** OpenAI's usage object: prompt tokens include the cached ones, which the details name. */
function usage(ctx: FrameContext) {
  return {
    prompt_tokens: ctx.inputTokens,
    completion_tokens: ctx.outputTokens,
    total_tokens: ctx.inputTokens + ctx.outputTokens,
    prompt_tokens_details: { cached_tokens: ctx.cachedInputTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** "120ms", "6s", "1m30s": how OpenAI writes a reset. */
function duration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.ceil(ms))}ms`;
  const s = Math.ceil(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${s % 60}s` : `${s}s`;
}

/** `x-ratelimit-{limit,remaining,reset}-{requests,tokens}`, reset as a duration. */
const rateLimitHeaders = (rl: LoopbackRateLimit) => headroomHeaders(rl, (f, u) => `x-ratelimit-${f}-${u}`, duration);

export interface OpenAiFormatOptions {
  /**
   * Send `data: [DONE]` after the finish (default true). Some compatible servers end the stream
   * after the finish chunk without it.
   */
  done?: boolean;
}

/** OpenAI Chat Completions, also spoken by Ollama, llama.cpp, vLLM, LM Studio and AI21 Jamba. */
export function openAiFormat(pathPrefix = '/v1', options: OpenAiFormatOptions = {}): WireFormat {
  return {
    protocol: 'openai',
    baseURL: (origin) => `${origin}${pathPrefix}`,
    isChat: (m, p) => m === 'POST' && p === `${pathPrefix}/chat/completions`,
    isModels: (m, p) => m === 'GET' && p === `${pathPrefix}/models`,
    successHeaders: (ctx, stream) => ({
      'content-type': stream ? 'text/event-stream; charset=utf-8' : 'application/json',
      'x-request-id': ctx.requestId,
      // A high usage tier's headroom, so load tests are not paced (a script or quota sets less).
      'x-ratelimit-limit-requests': '10000',
      'x-ratelimit-remaining-requests': '9999',
      'x-ratelimit-reset-requests': '120ms',
      'x-ratelimit-limit-tokens': '30000000',
      'x-ratelimit-remaining-tokens': '29999000',
      'x-ratelimit-reset-tokens': '1m30s',
    }),
    rateLimitHeaders,
    start: (ctx) => [sse(chunk(ctx, { role: 'assistant', content: '' }))],
    token: (ctx, text) => sse(chunk(ctx, { content: text })),
    // Each call's first delta carries its id, type and name with empty arguments; pieces follow by index.
    toolStart: (ctx, call, index) => [
      sse(
        chunk(ctx, {
          tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
        }),
      ),
    ],
    toolArgs: (ctx, json, index) => sse(chunk(ctx, { tool_calls: [{ index, function: { arguments: json } }] })),
    toolEnd: () => [],
    read: readFunctionStyleRequest,
    finish: (ctx, withUsage) => {
      const frames = [sse(chunk(ctx, {}, ctx.stopReason ?? (ctx.toolCount > 0 ? 'tool_calls' : 'stop')))];
      const include = (ctx.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage;
      if (withUsage && include) {
        frames.push(
          sse({
            id: `chatcmpl-${ctx.requestId}`,
            object: 'chat.completion.chunk',
            created: created(),
            model: ctx.model,
            choices: [],
            usage: usage(ctx),
          }),
        );
      }
      if (options.done !== false) frames.push('data: [DONE]\n\n');
      return frames;
    },
    streamError: (_ctx, type, message) => [
      sse({ error: { message, type: type ?? 'server_error', code: null, param: null } }),
    ],
    malformed: () => 'data: {"id": "chatcmpl-broken", "choices": [{"delta": {"content": \n\n',
    errorBody,
    completion: (ctx, text) => ({
      id: `chatcmpl-${ctx.requestId}`,
      object: 'chat.completion',
      created: created(),
      model: ctx.model,
      choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop', logprobs: null }],
      usage: usage(ctx),
    }),
    models: (ids) => ({
      object: 'list',
      data: ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'loopback' })),
    }),
    modelOf: (body) => String(body.model ?? ''),
    wantsStream: (body) => body.stream === true,
  };
}
