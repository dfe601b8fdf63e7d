import type { ProtocolId } from '../core/provider';
import type { LoopbackRateLimit } from './script';

/** What a format knows about the request it answers. */
export interface FrameContext {
  requestId: string;
  model: string;
  /** The parsed JSON request body. */
  body: Record<string, unknown>;
  /** All input tokens, cache reads and writes included. */
  inputTokens: number;
  /** Of the input, tokens read from the prompt cache. */
  cachedInputTokens: number;
  /** Of the input, tokens written to the prompt cache. */
  cacheWriteTokens: number;
  outputTokens: number;
  /** Whether the answer opens with a text block (false for an answer that is only tool calls). */
  textBlock: boolean;
  /** Tool calls in the answer. */
  toolCount: number;
  /** A scripted stop reason in the protocol's words, instead of the normal one. */
  stopReason?: string;
}

/** A neutral view of one turn of a request, for scripted answers and assertions. */
export interface SeenMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  text: string;
  toolCalls?: { id: string; name: string; arguments: string }[];
  /** For `tool` turns: the call this result answers. */
  toolCallId?: string;
  images?: number;
}

/** What a request asked for, read back from its wire shape. */
export interface SeenRequest {
  messages: SeenMessage[];
  tools: { name: string; parameters: unknown }[];
}

/** One wire protocol's bytes, as shared/PROVIDERS.md describes them. */
export interface WireFormat {
  readonly protocol: ProtocolId;
  /** The base URL the SDK wants, given `http://127.0.0.1:PORT`. */
  baseURL(origin: string): string;
  /** True for the chat path (e.g. POST /v1/chat/completions). */
  isChat(method: string, path: string): boolean;
  /** True for the models listing path. */
  isModels(method: string, path: string): boolean;
  /** Headers of a successful response: request id, rate-limit headers, content type. */
  successHeaders(ctx: FrameContext, stream: boolean): Record<string, string>;
  /** A script's rate-limit headroom in this protocol's header names (none when the protocol has none). */
  rateLimitHeaders?(rl: LoopbackRateLimit, now: number): Record<string, string>;
  /** Frames before the first token. */
  start(ctx: FrameContext): string[];
  /** One text delta. */
  token(ctx: FrameContext, text: string, index: number): string;
  /** Frames that open tool call `index` (closing the text block first when one is open). */
  toolStart(ctx: FrameContext, call: { id: string; name: string }, index: number): string[];
  /** One piece of tool call `index`'s JSON arguments. */
  toolArgs(ctx: FrameContext, json: string, index: number): string;
  /** Frames that close tool call `index`. */
  toolEnd(ctx: FrameContext, index: number): string[];
  /** Frames after the last token or tool call: finish reason (tool use when there were calls), usage, terminator. */
  finish(ctx: FrameContext, withUsage: boolean): string[];
  /** The request's turns and tools in a neutral shape. */
  read(body: Record<string, unknown>): SeenRequest;
  /** The protocol's in-stream failure. */
  streamError(ctx: FrameContext, errorType: string | undefined, message: string): string[];
  /** A frame the SDK cannot parse. */
  malformed(ctx: FrameContext): string;
  /** JSON body for an error status. */
  errorBody(status: number, errorType: string | undefined, message: string): unknown;
  /** Non-streaming chat response (used by key checks). */
  completion(ctx: FrameContext, text: string): unknown;
  /** Models listing body. */
  models(ids: string[]): unknown;
  /** Model requested (from body). */
  modelOf(body: Record<string, unknown>): string;
  /** Why the real API would reject this request body with a 400, if it would. */
  invalid?(body: Record<string, unknown>): string | undefined;
  /** Whether the request asked for a stream. */
  wantsStream(body: Record<string, unknown>): boolean;
}
