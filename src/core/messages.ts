import type { Clock } from './clock';

/** A chat turn as every provider sees it. Provider-specific shapes live in each provider's convert.ts. */
export type Role = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: Role;
  content: string;
}

/** Options a caller may set for one streamed chat. */
export interface ChatOptions {
  maxTokens?: number;
  temperature?: number;
  /**
   * Text the assistant has already produced for this turn (mid-stream failover). Providers that
   * support assistant prefill send it as a trailing assistant message; others ask to continue.
   */
  continueFrom?: string;
}

export interface ChatRequest {
  messages: ChatMessage[];
  model: string;
  options?: ChatOptions;
  signal?: AbortSignal;
  /**
   * The caller's clock and deadlines (the engine's, adapted to the provider's recent behaviour);
   * the provider's one watchdog applies the tighter of these and its own configured timeouts.
   */
  watch?: WatchOptions;
}

/** Deadlines for one streamed chat, on `clock` (default: the system clock). */
export interface WatchOptions {
  clock?: Clock;
  /** From headers to the first token. */
  firstTokenMs?: number;
  /** Between two tokens. */
  stallMs?: number;
}
