import * as assert from 'node:assert/strict';
import type { StreamChunk } from '../../../../src/core/chunks';
import { ProviderError } from '../../../../src/core/errors';
import type { ChatRequest } from '../../../../src/core/messages';
import type { ProviderTimeouts } from '../../../../src/core/provider';
import { anthropicFormat } from '../../../../src/loopback/formats/anthropic';
import { LoopbackServer, type LoopbackOptions } from '../../../../src/loopback/server';
import { AnthropicProvider } from '../../../../src/providers/anthropic';

/** A fake key: it must never show up in error text. */
export const KEY = 'sk-ant-test-FAKEKEY-0002';
export const MODEL = 'claude-loopback';

export function startServer(options: LoopbackOptions = {}): Promise<LoopbackServer> {
  return LoopbackServer.start(anthropicFormat(), { apiKey: KEY, models: [MODEL, 'claude-other'], ...options });
}

export function provider(
  server: LoopbackServer,
  timeouts: Partial<ProviderTimeouts> = {},
  apiKey = KEY,
): AnthropicProvider {
  return new AnthropicProvider({
    id: 'anthropic-test',
    protocol: 'anthropic',
    baseURL: server.baseURL,
    model: MODEL,
    apiKey,
    timeouts: { headersMs: 2000, firstTokenMs: 1000, stallMs: 500, ...timeouts },
  });
}

export interface Outcome {
  chunks: StreamChunk[];
  text: string;
  error?: ProviderError;
}

export function ask(content = 'Say hello', extra: Partial<ChatRequest> = {}): ChatRequest {
  return { model: MODEL, messages: [{ role: 'user', content }], ...extra };
}

/** Drains one streamChat, keeping what arrived and the ProviderError it threw (if any). */
export async function run(p: AnthropicProvider, req: ChatRequest = ask()): Promise<Outcome> {
  const chunks: StreamChunk[] = [];
  try {
    for await (const c of p.streamChat(req)) chunks.push(c);
    return { chunks, text: textOf(chunks) };
  } catch (e) {
    assert.ok(e instanceof ProviderError, `expected a ProviderError, got ${String(e)}`);
    return { chunks, text: textOf(chunks), error: e };
  }
}

export function textOf(chunks: StreamChunk[]): string {
  return chunks.map((c) => (c.type === 'text' ? c.text : '')).join('');
}

/** Runs and insists on a failure. */
export async function fail(
  p: AnthropicProvider,
  req: ChatRequest = ask(),
): Promise<ProviderError & { delivered: string }> {
  const out = await run(p, req);
  assert.ok(out.error, `expected a failure, got text ${JSON.stringify(out.text)}`);
  return Object.assign(out.error, { delivered: out.text });
}

/** The key must not appear anywhere a user or a log could see it. */
export function assertNoKey(err: ProviderError): void {
  const seen = [err.message, String(err), err.detail ?? '', JSON.stringify({ ...err }), err.stack ?? ''].join('\n');
  // The failure message must not print the leak itself.
  assert.ok(!seen.includes(KEY), `the API key leaked into the ${err.kind} error text`);
  assert.ok(!seen.includes('FAKEKEY'), `part of the API key leaked into the ${err.kind} error text`);
}

/** Polls until `cond` holds (the server noticing a closed socket takes a tick or two). */
export async function waitUntil(cond: () => boolean, what: string, timeoutMs = 1000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Waits until the server saw the client close the (only) chat request's connection early. */
export function waitClientClosed(server: LoopbackServer): Promise<void> {
  return waitUntil(() => server.chatRequests[0]?.clientClosed === true, 'the server to see the socket closed');
}
