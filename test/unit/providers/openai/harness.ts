import type { StreamChunk } from '../../../../src/core/chunks';
import type { ProviderError } from '../../../../src/core/errors';
import { assertNoKeyIn } from '../streamHarness';
export { collect, until, type Collected } from '../streamHarness';
import type { ChatRequest } from '../../../../src/core/messages';
import type { ProviderConfig } from '../../../../src/core/provider';
import type { LoopbackServer } from '../../../../src/loopback/server';
import { OpenAIProvider } from '../../../../src/providers/openai';

export const KEY = 'sk-test-FAKEKEY-openai-0001';
export const MODEL = 'loopback-model';

/** A provider pointed at the loopback server, with test-sized timeouts. */
export function providerFor(server: LoopbackServer, over: Partial<ProviderConfig> = {}): OpenAIProvider {
  return new OpenAIProvider({
    id: 'openai-test',
    protocol: 'openai',
    baseURL: server.baseURL,
    model: MODEL,
    apiKey: KEY,
    ...over,
    timeouts: { headersMs: 2000, firstTokenMs: 1000, stallMs: 1000, ...over.timeouts },
  });
}

export function chat(p: OpenAIProvider, extra: Partial<ChatRequest> = {}): AsyncIterable<StreamChunk> {
  return p.streamChat({ model: MODEL, messages: [{ role: 'user', content: 'Say hello' }], ...extra });
}

/** Fails if the fake key shows up anywhere a user or a log could see it. */
export const assertNoKey = (err: ProviderError): void => assertNoKeyIn(err, KEY);

