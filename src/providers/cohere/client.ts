import type { CohereClientV2 } from 'cohere-ai';
import type { ProviderTimeouts } from '../../core/provider';
import { loadCohere } from './sdk';

export interface CohereClientOptions {
  /** The origin, e.g. `https://api.cohere.com` (the SDK appends `v2/chat`, `v1/models`). */
  baseURL?: string;
  apiKey?: string;
}

/**
 * One SDK client per provider. Retries belong to the resilience layer: every call also passes
 * `maxRetries: 0` (see `requestOptions`), because the SDK would otherwise retry 408/429/5xx and
 * ignore the abort signal while it sleeps.
 */
export function createCohereClient(o: CohereClientOptions): CohereClientV2 {
  const { CohereClientV2: Client } = loadCohere();
  return new Client({
    baseUrl: o.baseURL,
    // An empty token sends no Authorization header; `undefined` would read CO_API_KEY from the
    // environment of VS Code, which the user never configured for Switchboard.
    token: o.apiKey ?? '',
    maxRetries: 0,
  });
}

/** Per-request options: no SDK retries, the header timeout, the abort signal. */
export function requestOptions(timeouts: ProviderTimeouts, abortSignal: AbortSignal) {
  return {
    maxRetries: 0,
    // The SDK multiplies by 1000 and arms a plain setTimeout, so fractions (150 ms = 0.15) work;
    // 0 would fire at once, so keep at least 1 ms.
    timeoutInSeconds: Math.max(1, timeouts.headersMs) / 1000,
    abortSignal,
  };
}
