import type { ChatMessage, ChatOptions, ChatRequest } from './messages';
import type { StreamChunk } from './chunks';
import type { ContinuationStyle } from './continuation';

/** The wire protocols Switchboard speaks. OpenAI-compatible presets use `openai` with another base URL. */
export type ProtocolId = 'openai' | 'anthropic' | 'cohere';

/** Where data may go: `local` never leaves the machine; `cloud` is a third party. */
export type TrustLabel = 'local' | 'cloud' | (string & {});

export interface ProviderTimeouts {
  /** Max wait for response headers (the SDK timeout). */
  headersMs: number;
  /** Max wait from headers to the first token. */
  firstTokenMs: number;
  /** Max gap between tokens once streaming. */
  stallMs: number;
}

/** Also the defaults of the `switchboard.timeouts.*` settings (config/settingsSchema.ts). */
export const DEFAULT_TIMEOUTS: ProviderTimeouts = { headersMs: 30_000, firstTokenMs: 30_000, stallMs: 15_000 };

/** Everything needed to build one provider. The key is passed in from SecretStorage, never from settings. */
/** What a model can take and how much: routing sends a request only where it fits. */
export interface ModelCapabilities {
  /** Accepts tool definitions and tool history, and streams tool calls. */
  toolCalling: boolean;
  /** Accepts images in user messages. */
  imageInput: boolean;
  /** Context window for the prompt (system, history, tools), in tokens. */
  maxInputTokens: number;
  maxOutputTokens: number;
  /**
   * The limits are the model family's or configured ones. Unknown models get a default that is
   * declared to VS Code but not enforced by routing (a local server may truncate rather than fail).
   */
  limitsKnown?: boolean;
}

export interface ProviderConfig {
  /** Stable id chosen by the user, e.g. "openai", "work-anthropic", "ollama". */
  id: string;
  /** Human label, e.g. "OpenAI". */
  label?: string;
  /**
   * The configured entry this deployment belongs to, when an entry lists several models: its
   * deployments share a key and a host, so an auth or connection failure applies to all of them.
   */
  group?: string;
  /** The configured entry's label (the heading its deployments are grouped under). */
  groupLabel?: string;
  protocol: ProtocolId;
  /** OpenAI-compatible preset name (ollama, llamacpp, vllm, lmstudio, ai21) when protocol is openai. */
  preset?: string;
  /** Base URL in the form the SDK wants it; defaults to the protocol's or preset's. */
  baseURL?: string;
  model: string;
  apiKey?: string;
  trust?: TrustLabel;
  timeouts?: Partial<ProviderTimeouts>;
  /** Overrides of the model family's capabilities and limits. */
  capabilities?: Partial<ModelCapabilities>;
}

/** One provider behind one adapter. Implementations live in src/providers/<protocol>/. */
export interface ChatProvider {
  readonly id: string;
  readonly label: string;
  /** The configured entry this deployment belongs to (ProviderConfig.group); absent: its own. */
  readonly group?: string;
  /** The configured entry's label (ProviderConfig.groupLabel); absent: `label`. */
  readonly groupLabel?: string;
  readonly protocol: ProtocolId;
  readonly model: string;
  readonly trust: TrustLabel;
  /** How this protocol continues a cut-off answer (`options.continueFrom`): see core/continuation.ts. */
  readonly continuation: ContinuationStyle;
  /** The model's capabilities and limits (configured, else defaults for its family). Absent: unknown, never filtered. */
  readonly capabilities?: ModelCapabilities;
  /** Input tokens this request would cost on this model (its tokenizer where one is known, else an estimate). */
  countTokens?(messages: ChatMessage[], options?: ChatOptions): number;
  /**
   * Streams one chat. Yields `meta` once headers arrive, then `text` deltas, `usage` when the
   * provider sends it, and exactly one `finish`. Throws only ProviderError; a thrown error carries
   * the partial text already yielded. Aborting `req.signal` throws kind `cancelled` and closes the
   * upstream socket.
   */
  streamChat(req: ChatRequest): AsyncIterable<StreamChunk>;
  /** The models the provider offers. Throws ProviderError. */
  listModels(signal?: AbortSignal): Promise<string[]>;
}
