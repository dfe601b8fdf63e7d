import type { ChatRequest } from './messages';
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
export interface ProviderConfig {
  /** Stable id chosen by the user, e.g. "openai", "work-anthropic", "ollama". */
  id: string;
  /** Human label, e.g. "OpenAI". */
  label?: string;
  protocol: ProtocolId;
  /** OpenAI-compatible preset name (ollama, llamacpp, vllm, lmstudio, ai21) when protocol is openai. */
  preset?: string;
  /** Base URL in the form the SDK wants it; defaults to the protocol's or preset's. */
  baseURL?: string;
  model: string;
  apiKey?: string;
  trust?: TrustLabel;
  timeouts?: Partial<ProviderTimeouts>;
}

/** One provider behind one adapter. Implementations live in src/providers/<protocol>/. */
export interface ChatProvider {
  readonly id: string;
  readonly label: string;
  readonly protocol: ProtocolId;
  readonly model: string;
  readonly trust: TrustLabel;
  /** How this protocol continues a cut-off answer (`options.continueFrom`): see core/continuation.ts. */
  readonly continuation: ContinuationStyle;
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
