/** What a provider stream yields, in order: deltas, then usage (when sent), then exactly one finish. */

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
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; reason: FinishReason };
