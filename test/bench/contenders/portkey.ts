import OpenAI from 'openai';
import type { PortkeyGateway } from './portkeyGateway';
import { openAiAgentStep } from './agentTypes';
import { FAKE_KEY, measure, type Contender, type Endpoints } from './types';

/** 408 is what the gateway answers when request_timeout expires. */
const FAIL_CODES = [408, 429, 500, 502, 503, 504, 529];

/** The x-portkey-config: fall back primary -> fallback on failure codes, retries on the fallback. */
export function portkeyConfig(ep: Endpoints) {
  return {
    strategy: { mode: 'fallback', on_status_codes: FAIL_CODES },
    targets: [
      {
        provider: 'openai',
        api_key: FAKE_KEY,
        custom_host: `${ep.primary.origin}/v1`,
        override_params: { model: ep.primary.model },
        request_timeout: 5000,
      },
      {
        provider: 'anthropic',
        api_key: FAKE_KEY,
        custom_host: `${ep.fallback.origin}/v1`,
        override_params: { model: ep.fallback.model, max_tokens: 1024 },
        retry: { attempts: 2, on_status_codes: FAIL_CODES, use_retry_after_header: true },
        request_timeout: 5000,
      },
    ],
  };
}

/**
 * Portkey's gateway (one shared child process) reached with the openai SDK, the way its docs
 * show; the SDK does not retry (the gateway owns retries and fallback).
 */
export async function createPortkey(ep: Endpoints, gateway: PortkeyGateway): Promise<Contender> {
  const config = portkeyConfig(ep);
  const client = new OpenAI({
    baseURL: `${gateway.origin}/v1`,
    apiKey: FAKE_KEY,
    organization: null,
    project: null,
    maxRetries: 0,
    logLevel: 'off',
    defaultHeaders: { 'x-portkey-config': JSON.stringify(config) },
  });
  const shown = JSON.parse(
    JSON.stringify(config)
      .replaceAll(/http:\/\/127\.0\.0\.1:\d+/g, 'http://127.0.0.1:PORT')
      .replaceAll(FAKE_KEY, '<key>'),
  ) as unknown;
  return {
    name: 'Portkey gateway',
    settings: { package: '@portkey-ai/gateway 1.15.2 (@hono/node-server pinned 1.14.1)', client: 'openai SDK, maxRetries 0', config: shown },
    chat(prompt, signal) {
      const start = performance.now();
      return measure(start, signal, async function* () {
        const stream = await client.chat.completions.create(
          { model: ep.primary.model, messages: [{ role: 'user', content: prompt }], stream: true },
          { signal },
        );
        for await (const c of stream) yield c.choices[0]?.delta?.content ?? '';
      });
    },
    // Tools pass through the gateway's OpenAI-shaped API; it translates them for the Anthropic target.
    agentStep: (history, tools, signal) => openAiAgentStep(client, ep.primary.model, history, tools, signal),
    close: async () => undefined,
  };
}
