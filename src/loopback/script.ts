/**
 * How a loopback provider answers one request. Shared by the unit tests, the benchmark and the
 * in-product demo: every fault the foundation issue lists can be scripted per request.
 */
export type Fault =
  /** Answer with this HTTP status and the protocol's error body (429 may carry retry-after). */
  | { type: 'status'; status: number; retryAfter?: string; retryAfterMs?: number; errorType?: string; message?: string }
  /** Send `afterTokens` tokens, then the protocol's in-stream error (Anthropic `event: error`, OpenAI `data: {error}`, Cohere `finish_reason: ERROR`). */
  | { type: 'stream-error'; afterTokens: number; errorType?: string; message?: string }
  /** Send `afterTokens` tokens, let them flush, then destroy the socket. */
  | { type: 'drop'; afterTokens: number }
  /** Send `afterTokens` tokens, then end the response cleanly without the finish/terminating events. */
  | { type: 'no-finish'; afterTokens: number }
  /** Send `afterTokens` tokens, then keep the connection open and send nothing more. */
  | { type: 'stall'; afterTokens: number }
  /** Send `afterTokens` tokens, then a frame that is not valid for the protocol. */
  | { type: 'malformed'; afterTokens: number }
  /** Answer 200 with a body that is not an event stream (a JSON completion, or `body` as `contentType`). */
  | { type: 'not-stream'; contentType?: string; body?: string }
  /** Accept the request and never send headers. */
  | { type: 'hang' }
  /** Destroy the socket before any header. */
  | { type: 'reset' };

/** A tool call the scripted answer makes, after its text. */
export interface ScriptedToolCall {
  /** Default: a protocol-looking id (call_…, toolu_…). */
  id?: string;
  name: string;
  /** The arguments: an object (sent as JSON) or raw text (may be invalid JSON on purpose). */
  arguments: Record<string, unknown> | string;
  /** Size of each streamed argument piece (default 12 chars). */
  chunkChars?: number;
}

/**
 * A fault's `afterTokens` counts streamed steps: each text token, then each piece of a tool
 * call's arguments. `afterTokens` = text tokens + 2 cuts a call after two pieces of its arguments.
 */
export interface ReplyScript {
  /** The full answer. Default: "Hello from the <protocol> loopback server." */
  text?: string;
  /** Explicit token split of the answer; default: words with their trailing space. */
  tokens?: string[];
  /** Delay before headers are sent. */
  headerDelayMs?: number;
  /** Delay between headers and the first token. */
  firstTokenDelayMs?: number;
  /** Delay between tokens. */
  tokenDelayMs?: number;
  fault?: Fault;
  /** Extra response headers (e.g. rate-limit headroom). */
  headers?: Record<string, string>;
  /** Tool calls after the text (parallel calls when several); the answer then finishes with tool use. */
  toolCalls?: ScriptedToolCall[];
  /** Send usage (default true). */
  usage?: boolean;
  /** The protocol's own stop reason to finish with (e.g. OpenAI `content_filter`, Anthropic `refusal`). */
  stopReason?: string;
  /**
   * The input side of the usage the server reports (default 12 input tokens, nothing cached).
   * `inputTokens` is all input, cache reads and writes included; each format splits it the way
   * its API does (Anthropic reports uncached input apart from the cache fields).
   */
  usageCounts?: { inputTokens?: number; cachedInputTokens?: number; cacheWriteTokens?: number };
  /** Rate-limit headroom this answer reports in the protocol's own header names (overrides the defaults). */
  rateLimit?: LoopbackRateLimit;
}

/** Headroom a loopback answer reports: remaining requests/tokens, and when each window resets (ms from now). */
export interface LoopbackRateLimit {
  limitRequests?: number;
  remainingRequests?: number;
  resetRequestsMs?: number;
  limitTokens?: number;
  remainingTokens?: number;
  resetTokensMs?: number;
}

/** Splits text into word-ish tokens that concatenate back to the text. */
export function tokenize(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}
