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

/** Timing marks of one attempt, in ms on the performance.now() clock. */
export interface TimingMarks {
  sent: number;
  headers?: number;
  firstToken?: number;
  lastToken?: number;
  end?: number;
  /** Number of text deltas received. */
  tokens: number;
  /** Largest gap between two text deltas. */
  maxGapMs: number;
}

export type StreamChunk =
  | { type: 'meta'; meta: ResponseMeta }
  /** `at` is the performance.now() time the delta arrived. */
  | { type: 'text'; text: string; at: number }
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; reason: FinishReason; timing: TimingMarks };
