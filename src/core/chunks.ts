/**
 * What a provider stream yields, in order: deltas, then complete tool calls, then usage (when
 * sent), then exactly one finish.
 */
import type { ToolCall } from './messages';

export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
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
