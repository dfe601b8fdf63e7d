/**
 * What a provider stream yields, in order: deltas, then complete tool calls, then usage (when
 * sent), then exactly one finish.
 */
import type { ToolCall } from './messages';

/**
 * Token counts of one answer, the same words for every wire format. `inputTokens` is all input
 * billed (cache reads and writes included); the cache fields say how much of it was read from or
 * written to the provider's prompt cache (they are billed at other rates).
 */
export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  /** Input tokens served from the prompt cache (OpenAI `cached_tokens`, Anthropic `cache_read_input_tokens`). */
  cachedInputTokens?: number;
  /** Input tokens written to the prompt cache (Anthropic `cache_creation_input_tokens`). */
  cacheWriteTokens?: number;
  /** What the answer cost in USD by the price table (set by the engine; undefined when the model has no price). */
  costUsd?: number;
  /**
   * Set for an attempt cut off before its end (a hedge that lost, a dropped stream) whose provider
   * sent no usage for what it had produced: the counts missing from its report are estimated
   * (input from the request, output from the text received).
   */
  estimated?: boolean;
}

/** Why the model stopped. `length` = max tokens; `filtered` = content filter. */
export type FinishReason = 'stop' | 'length' | 'filtered' | 'tool' | 'other';

/** Rate-limit headroom parsed from response headers. Reset values are absolute epoch ms. */
export interface RateLimitInfo {
  limitRequests?: number;
  remainingRequests?: number;
  resetRequestsAt?: number;
  limitTokens?: number;
  remainingTokens?: number;
  resetTokensAt?: number;
}

/** Metadata known once response headers arrive. */
export interface ResponseMeta {
  requestId?: string;
  status: number;
  rateLimit: RateLimitInfo;
}

export type StreamChunk =
  | { type: 'meta'; meta: ResponseMeta }
  | { type: 'text'; text: string }
  /**
   * A fragment of a tool call's arguments arrived (progress only: the call is not usable yet).
   * Watchdogs count it as a token; nothing of it is shown.
   */
  | { type: 'tool_delta' }
  /** A tool call, complete and with valid JSON arguments; sent only once the stream finished cleanly. */
  | { type: 'tool_call'; call: ToolCall }
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; reason: FinishReason };
