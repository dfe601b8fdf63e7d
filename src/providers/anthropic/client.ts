import type { Anthropic } from '@anthropic-ai/sdk';
import type { ProviderTimeouts } from '../../core/provider';
import { loadAnthropic } from './sdk';

/** The public API host; the SDK wants the origin without `/v1`. */
export const ANTHROPIC_BASE_URL = 'https://api.anthropic.com';

export interface AnthropicClientOptions {
  baseURL: string;
  apiKey: string;
  timeouts: ProviderTimeouts;
}

/**
 * One SDK client per provider. Retries belong to the resilience layer (maxRetries 0); the SDK
 * timeout only covers the wait for headers, our watchdogs cover the body. The key is always
 * passed explicitly: without one the SDK goes looking for profile/config files on disk.
 */
export function createAnthropicClient(o: AnthropicClientOptions): Anthropic {
  const { Anthropic: Client } = loadAnthropic();
  return new Client({
    baseURL: o.baseURL,
    apiKey: o.apiKey,
    // Never pick up ANTHROPIC_AUTH_TOKEN from VS Code's environment.
    authToken: null,
    maxRetries: 0,
    timeout: o.timeouts.headersMs,
    // The SDK logs malformed frames (model text) to the console; we report ProviderErrors instead.
    logLevel: 'off',
    // No tracing spans carrying prompts out of the extension host.
    openTelemetry: false,
  });
}
