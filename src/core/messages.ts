import type { Clock } from './clock';

/** A chat turn as every provider sees it. Provider-specific shapes live in each provider's convert.ts. */
export type Role = 'system' | 'user' | 'assistant';

/** An image: base64 `data` of type `mimeType`. */
export interface ImageData {
  mimeType: string;
  data: string;
}

/** A tool call the model made: `arguments` is the parsed JSON object it produced. */
export interface ToolCall {
  /** The provider's call id; the matching result carries it back. */
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

/**
 * One piece of a message, in order. Tool results travel in `user` turns (as in VS Code and
 * Anthropic); each provider's convert.ts moves them where its API wants them.
 */
export type MessagePart =
  | { type: 'text'; text: string }
  /** An image, base64 `data` of type `mimeType` (image/png, image/jpeg, image/gif, image/webp). */
  | { type: 'image'; mimeType: string; data: string }
  | ({ type: 'tool_call' } & ToolCall)
  /**
   * A tool's result: its text, and images it returned (e.g. a screenshot tool). Each convert.ts
   * puts the images where its API allows (inside the result, or beside it) or says they were left out.
   */
  | { type: 'tool_result'; callId: string; content: string; isError?: boolean; images?: ImageData[] }
  /**
   * A prompt-cache breakpoint: the caller asks that everything before it be cached. Honoured
   * where the API takes explicit hints (Anthropic `cache_control`); others cache on their own.
   */
  | { type: 'cache_point' };

export interface ChatMessage {
  role: Role;
  /** The message's text (all text parts joined). */
  content: string;
  /**
   * The full content in order, when it holds more than text (images, tool calls, tool results,
   * cache points). Absent for plain text messages. Its text parts join to `content`.
   */
  parts?: MessagePart[];
}

/** A tool the model may call: `parameters` is a JSON schema for its arguments object. */
export interface ToolDefinition {
  name: string;
  description: string;
  parameters?: Record<string, unknown>;
}

/** `auto`: the model decides; `required`: it must call a tool. */
export type ToolMode = 'auto' | 'required';

/** Options a caller may set for one streamed chat. */
export interface ChatOptions {
  maxTokens?: number;
  temperature?: number;
  /**
   * Text the assistant has already produced for this turn (mid-stream failover). Providers that
   * support assistant prefill send it as a trailing assistant message; others ask to continue.
   */
  continueFrom?: string;
  /** Tools the model may call this turn. */
  tools?: ToolDefinition[];
  toolMode?: ToolMode;
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

/** The message's parts: `parts`, or its text as one text part. */
export function partsOf(m: ChatMessage): MessagePart[] {
  if (m.parts) return m.parts;
  return m.content ? [{ type: 'text', text: m.content }] : [];
}

/** A message from parts, with `content` kept in step (plain text stays a plain message). */
export function messageOf(role: Role, parts: MessagePart[]): ChatMessage {
  const content = parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
  return parts.every((p) => p.type === 'text') ? { role, content } : { role, content, parts };
}

/** Every word of the message a reader (or a secret scanner) could see: text, tool arguments, tool results. */
export function visibleText(m: ChatMessage): string {
  return partsOf(m)
    .map((p) =>
      p.type === 'text'
        ? p.text
        : p.type === 'tool_result'
          ? p.content
          : p.type === 'tool_call'
            ? `${p.name} ${JSON.stringify(p.arguments)}`
            : '',
    )
    .join('\n');
}

/** What the request needs from a provider: tool calling, image input. */
export function requestNeeds(messages: ChatMessage[], options?: ChatOptions): { tools: boolean; images: boolean } {
  let tools = (options?.tools?.length ?? 0) > 0;
  let images = false;
  for (const m of messages) {
    for (const p of m.parts ?? []) {
      if (p.type === 'image') images = true;
      if (p.type === 'tool_call' || p.type === 'tool_result') tools = true;
    }
  }
  return { tools, images };
}
