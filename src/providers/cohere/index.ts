import type { CohereClientV2 } from 'cohere-ai';
import type { ProviderError } from '../../core/errors';
import type { ChatRequest } from '../../core/messages';
import { header } from '../base/httpErrors';
import { BaseProvider } from '../base/baseProvider';
import { countFrames } from '../base/frames';
import type { OpenedStream } from '../base/types';
import { createCohereClient, requestOptions } from './client';
import { toCohereRequest, toRawEvents } from './convert';
import { mapCohereError } from './errors';

/** Most models a listing follows through `next_page_token`, as a guard against a looping server. */
const MAX_MODEL_PAGES = 10;

/**
 * Cohere v2 chat through `CohereClientV2`. `chatStream(...).withRawResponse()` exposes the status
 * and headers, so the meta chunk carries the x-request-id. Cohere's rate-limit header names are
 * unconfirmed, so the meta reports no rate-limit headroom.
 */
export class CohereProvider extends BaseProvider {
  readonly protocol = 'cohere' as const;
  private client: CohereClientV2 | undefined;

  protected async open(req: ChatRequest, signal: AbortSignal): Promise<OpenedStream> {
    const { data, rawResponse } = await this.sdk()
      .chatStream(toCohereRequest(req, req.model || this.model), requestOptions(this.timeouts, signal))
      .withRawResponse();
    const counted = countFrames(data);
    return {
      meta: { status: rawResponse.status, requestId: header(rawResponse.headers, 'x-request-id'), rateLimit: {} },
      contentType: header(rawResponse.headers, 'content-type'),
      events: toRawEvents(counted.events),
      frames: counted.frames,
    };
  }

  protected mapError(err: unknown): ProviderError {
    const m = mapCohereError(err);
    return this.error(m.kind, '', m.detail, m);
  }

  protected async fetchModels(signal: AbortSignal): Promise<string[]> {
    const names: string[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_MODEL_PAGES; page++) {
      const res = await this.sdk().models.list(
        { endpoint: 'chat', pageSize: 1000, pageToken },
        requestOptions(this.timeouts, signal),
      );
      for (const m of res.models) {
        if (m.name && (!m.endpoints || m.endpoints.includes('chat'))) names.push(m.name);
      }
      pageToken = res.nextPageToken || undefined;
      if (!pageToken) break;
    }
    return names;
  }

  /** The SDK client, built on first use (this is when the SDK module loads). */
  private sdk(): CohereClientV2 {
    if (!this.config.apiKey) throw this.error('auth', '', 'no API key is set for this provider');
    this.client ??= createCohereClient({ baseURL: this.config.baseURL, apiKey: this.config.apiKey });
    return this.client;
  }
}
