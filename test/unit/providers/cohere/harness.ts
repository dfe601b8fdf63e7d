import type { StreamChunk } from '../../../../src/core/chunks';
import { ProviderError } from '../../../../src/core/errors';
import type { ChatRequest } from '../../../../src/core/messages';
import type { ProviderConfig } from '../../../../src/core/provider';
import type { LoopbackServer } from '../../../../src/loopback/server';
import { CohereProvider } from '../../../../src/providers/cohere';

export const KEY = 'co-test-FAKEKEY-0003';
export const MODEL = 'loopback-model';

/** A provider pointed at the loopback server, with test-sized timeouts. */
export function providerFor(server: LoopbackServer, over: Partial<ProviderConfig> = {}): CohereProvider {
  return new CohereProvider({
    id: 'cohere-test',
    protocol: 'cohere',
    baseURL: server.baseURL,
    model: MODEL,
    apiKey: KEY,
    ...over,
    timeouts: { headersMs: 2000, firstTokenMs: 1000, stallMs: 1000, ...over.timeouts },
  });
}

export interface Collected {
  chunks: StreamChunk[];
  /** Concatenated text deltas, as the user saw them. */
  text: string;
  error?: ProviderError;
}

/** Drains a stream; a thrown ProviderError is captured, anything else fails the test. */
export async function collect(stream: AsyncIterable<StreamChunk>, onChunk?: (c: StreamChunk) => void): Promise<Collected> {
  const out: Collected = { chunks: [], text: '' };
  try {
    for await (const c of stream) {
      out.chunks.push(c);
      if (c.type === 'text') out.text += c.text;
      onChunk?.(c);
    }
  } catch (e) {
    if (!(e instanceof ProviderError)) throw e;
    out.error = e;
  }
  return out;
}

export function chat(p: CohereProvider, extra: Partial<ChatRequest> = {}): AsyncIterable<StreamChunk> {
  return p.streamChat({ model: MODEL, messages: [{ role: 'user', content: 'Say hello' }], ...extra });
}

/** Fails if the fake key shows up anywhere a user or a log could see it. */
export function assertNoKey(err: ProviderError): void {
  for (const s of [err.message, err.detail ?? '', String(err), JSON.stringify(err), err.stack ?? '']) {
    if (s.includes(KEY) || s.includes('FAKEKEY')) throw new Error(`key leaked in error text: ${s}`);
  }
}

export async function until(cond: () => boolean, timeoutMs = 1000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
