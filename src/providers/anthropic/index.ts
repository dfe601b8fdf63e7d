import type { Anthropic } from '@anthropic-ai/sdk';
import type { ProviderError } from '../../core/errors';
import { planContinuation } from '../../core/continuation';
import type { ChatRequest } from '../../core/messages';
import type { ProviderConfig } from '../../core/provider';
import { BaseProvider } from '../base/baseProvider';
import { anthropicRateLimit } from '../base/rateLimit';
import { countFrames } from '../base/frames';
import type { OpenedStream } from '../base/types';
import { ANTHROPIC_BASE_URL, createAnthropicClient } from './client';
import { DEFAULT_MAX_TOKENS, toAnthropicPrompt, toAnthropicTools, toRawEvents } from './convert';
import { mapAnthropicError } from './errors';

export { ANTHROPIC_BASE_URL } from './client';
export { DEFAULT_MAX_TOKENS } from './convert';

/** Anthropic Messages API (Claude), streamed through @anthropic-ai/sdk. */
export class AnthropicProvider extends BaseProvider {
  readonly protocol = 'anthropic' as const;
  override readonly continuation = 'prefill' as const;
  readonly baseURL: string;
  private client: Anthropic | undefined;

  constructor(config: ProviderConfig) {
    super(config);
    // The SDK appends /v1 itself: accept a pasted ".../v1" too.
    this.baseURL = (config.baseURL ?? ANTHROPIC_BASE_URL).replace(/\/+$/, '').replace(/\/v1$/, '');
  }

  protected async open(req: ChatRequest, signal: AbortSignal): Promise<OpenedStream> {
    const o = req.options ?? {};
    const prefill = o.continueFrom ? planContinuation('prefill', o.continueFrom).sent : undefined;
    const prompt = toAnthropicPrompt(req.messages, prefill);
    const { data, response, request_id } = await this.sdk()
      .messages.create(
        {
          model: req.model || this.model,
          max_tokens: o.maxTokens ?? DEFAULT_MAX_TOKENS,
          messages: prompt.messages,
          ...(prompt.system !== undefined ? { system: prompt.system } : {}),
          ...toAnthropicTools(o),
          ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
          stream: true,
        },
        { signal },
      )
      .withResponse();
    const counted = countFrames(data);
    return {
      meta: {
        status: response.status,
        requestId: request_id ?? response.headers.get('request-id') ?? undefined,
        rateLimit: anthropicRateLimit(response.headers),
      },
      contentType: response.headers.get('content-type') ?? undefined,
      events: toRawEvents(counted.events),
      frames: counted.frames,
    };
  }

  protected mapError(err: unknown): ProviderError {
    const m = mapAnthropicError(err);
    return this.error(m.kind, '', m.detail, m);
  }

  protected async fetchModels(signal: AbortSignal): Promise<string[]> {
    const ids: string[] = [];
    for await (const model of this.sdk().models.list({ limit: 100 }, { signal })) ids.push(model.id);
    return ids;
  }

  /** The SDK client, built on first use (this is when the SDK module loads). */
  private sdk(): Anthropic {
    if (!this.config.apiKey) throw this.error('auth', '', 'no API key is set for this provider');
    this.client ??= createAnthropicClient({
      baseURL: this.baseURL,
      apiKey: this.config.apiKey,
      timeouts: this.timeouts,
    });
    return this.client;
  }
}
