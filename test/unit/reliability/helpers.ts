import type { StreamChunk } from '../../../src/core/chunks';
import { ProviderError } from '../../../src/core/errors';
import type { ChatProvider, ProtocolId, ProviderTimeouts } from '../../../src/core/provider';
import { anthropicFormat } from '../../../src/loopback/formats/anthropic';
import { cohereFormat } from '../../../src/loopback/formats/cohere';
import { openAiFormat } from '../../../src/loopback/formats/openai';
import type { WireFormat } from '../../../src/loopback/wireFormat';
import { loadAnthropic } from '../../../src/providers/anthropic/sdk';
import { loadCohere } from '../../../src/providers/cohere/sdk';
import { loadOpenAI } from '../../../src/providers/openai/sdk';
import { createProvider } from '../../../src/providers/registry';
import { sleep } from '../../support/wait';

/** Loads the three SDKs up front, so no timed case pays for a first require (up to seconds on a busy box). */
export function warmSdks(): void {
  loadOpenAI();
  loadAnthropic();
  loadCohere();
}

export const PROTOCOLS: ProtocolId[] = ['openai', 'anthropic', 'cohere'];
export const KEY = 'sk-test-FAKEKEY-reliability-0001';
export const MODEL = 'loopback-model';

export function formatFor(p: ProtocolId): WireFormat {
  return p === 'openai' ? openAiFormat() : p === 'anthropic' ? anthropicFormat() : cohereFormat();
}

/** A real adapter for `protocol` whose SDK talks to `origin` (a loopback server or a proxy in front of one). */
export function adapterAt(
  protocol: ProtocolId,
  origin: string,
  id: string,
  timeouts: Partial<ProviderTimeouts> = {},
): ChatProvider {
  return createProvider({
    id,
    protocol,
    baseURL: formatFor(protocol).baseURL(origin),
    model: MODEL,
    apiKey: KEY,
    timeouts: { headersMs: 1000, firstTokenMs: 500, stallMs: 500, ...timeouts },
  });
}

export interface Collected {
  text: string;
  finished: boolean;
  error?: ProviderError;
  ms: number;
}

/** Drains one adapter stream; a thrown non-ProviderError is rethrown (a test failure). */
export async function drain(p: ChatProvider, content = 'Say hello'): Promise<Collected> {
  const t0 = performance.now();
  const out: Collected = { text: '', finished: false, ms: 0 };
  try {
    for await (const c of p.streamChat({
      model: MODEL,
      messages: [{ role: 'user', content }],
    }) as AsyncIterable<StreamChunk>) {
      if (c.type === 'text') out.text += c.text;
      if (c.type === 'finish') out.finished = true;
    }
  } catch (e) {
    if (!(e instanceof ProviderError)) throw e;
    out.error = e;
  }
  out.ms = performance.now() - t0;
  return out;
}

/** Fails if the fake key shows up in an error text. */
export function assertNoKey(err: ProviderError | undefined): void {
  if (!err) return;
  for (const s of [err.message, err.detail ?? '', String(err), err.stack ?? '']) {
    if (s.includes(KEY) || s.includes('FAKEKEY')) throw new Error(`key leaked in error text: ${s}`);
  }
}

export { sleep };

/** Open TCP sockets and timers of this process (process.getActiveResourcesInfo). */
export function activeHandles(): { sockets: number; timers: number } {
  const info = process.getActiveResourcesInfo();
  return {
    sockets: info.filter((t) => t === 'TCPSocketWrap').length,
    timers: info.filter((t) => t === 'Timeout').length,
  };
}

/** Waits until the process has at most `sockets` open TCP sockets and `timers` timers; returns what is left. */
export async function settleHandles(limit: { sockets: number; timers: number }, timeoutMs = 3000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    await sleep(10);
    const now = activeHandles();
    if ((now.sockets <= limit.sockets && now.timers <= limit.timers) || Date.now() > end) return now;
  }
}

/** A seeded PRNG (mulberry32): the same seed gives the same run. */
export { seededRandom as prng } from '../../bench/stats';

/** The seed from `RELIABILITY_SEED`, else `fallback`. */
export function seedFromEnv(fallback: number): number {
  const v = Number(process.env.RELIABILITY_SEED);
  return Number.isFinite(v) && process.env.RELIABILITY_SEED ? v : fallback;
}
