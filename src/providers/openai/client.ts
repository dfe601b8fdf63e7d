import type { OpenAI } from 'openai';
import type { ProviderTimeouts } from '../../core/provider';
import { loadOpenAI } from './sdk';

export interface OpenAIClientOptions {
  baseURL: string;
  apiKey: string;
  timeouts: ProviderTimeouts;
}

/**
 * One SDK client per provider. Retries belong to the resilience layer (maxRetries 0); the SDK
 * timeout only covers the wait for headers, our watchdogs cover the body.
 */
export function createOpenAIClient(o: OpenAIClientOptions): OpenAI {
  const { OpenAI: Client } = loadOpenAI();
  return new Client({
    baseURL: o.baseURL,
    apiKey: o.apiKey,
    // Never pick up OPENAI_ORG_ID / OPENAI_PROJECT_ID / OPENAI_ADMIN_KEY from VS Code's environment.
    organization: null,
    project: null,
    adminAPIKey: null,
    maxRetries: 0,
    timeout: o.timeouts.headersMs,
    // The SDK logs malformed frames to the console; we report them as ProviderErrors instead.
    logLevel: 'off',
  });
}
