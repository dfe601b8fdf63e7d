import { systemClock } from '../../core/clock';
import type { OpenAI } from 'openai';
import type { ProviderError } from '../../core/errors';
import type { ChatRequest } from '../../core/messages';
import type { ProviderConfig } from '../../core/provider';
import { BaseProvider } from '../base/baseProvider';
import { openAiRateLimit } from '../base/rateLimit';
import { countFrames } from '../base/frames';
import type { OpenedStream } from '../base/types';
import { createOpenAIClient } from './client';
import { toOpenAIMessages, toOpenAITools, toRawEvents } from './convert';
import { mapOpenAIError } from './errors';
import { resolveOpenAIConfig } from './presets';

export { OPENAI_PRESETS, findOpenAIPreset, resolveOpenAIConfig, type OpenAIPreset } from './presets';

/**
 * OpenAI Chat Completions, and every OpenAI-compatible server (Ollama, llama.cpp, vLLM,
 * LM Studio, AI21) through a preset or a base URL.
 */
export class OpenAIProvider extends BaseProvider {
  readonly protocol = 'openai' as const;
  readonly baseURL: string;
  private client: OpenAI | undefined;

  constructor(config: ProviderConfig) {
    const resolved = resolveOpenAIConfig(config);
    super(resolved);
    this.baseURL = resolved.baseURL;
  }

  protected async open(req: ChatRequest, signal: AbortSignal): Promise<OpenedStream> {
    const o = req.options ?? {};
    const { data, response, request_id } = await this.sdk()
      .chat.completions.create(
        {
          model: req.model || this.model,
          messages: toOpenAIMessages(req.messages, o.continueFrom),
          stream: true,
          stream_options: { include_usage: true },
          ...toOpenAITools(o),
          ...(o.maxTokens !== undefined ? { max_tokens: o.maxTokens } : {}),
          ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
        },
        { signal },
      )
      .withResponse();
    const counted = countFrames(data);
    return {
      meta: {
        status: response.status,
        requestId: request_id ?? undefined,
        // Resets are durations: anchor them on the engine's clock, the one routing compares them with.
        rateLimit: openAiRateLimit(response.headers, (req.watch?.clock ?? systemClock).now()),
      },
      contentType: response.headers.get('content-type') ?? undefined,
      events: toRawEvents(counted.events),
      frames: counted.frames,
    };
  }

  protected mapError(err: unknown): ProviderError {
    const m = mapOpenAIError(err);
    return this.error(m.kind, '', m.detail, m);
  }

  protected async fetchModels(signal: AbortSignal): Promise<string[]> {
    const ids: string[] = [];
    for await (const model of this.sdk().models.list({ signal })) ids.push(model.id);
    return ids;
  }

  /** The SDK client, built on first use (this is when the SDK module loads). */
  private sdk(): OpenAI {
    if (!this.config.apiKey) throw this.error('auth', '', 'no API key is set for this provider');
    this.client ??= createOpenAIClient({ baseURL: this.baseURL, apiKey: this.config.apiKey, timeouts: this.timeouts });
    return this.client;
  }
}
