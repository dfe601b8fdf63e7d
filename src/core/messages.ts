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
}
