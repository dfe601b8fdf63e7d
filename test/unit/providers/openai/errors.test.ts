import * as assert from 'node:assert/strict';
import type { ErrorKind } from '../../../../src/core/errors';
import { LoopbackServer } from '../../../../src/loopback/server';
import { openAiFormat } from '../../../../src/loopback/formats/openai';
import type { Fault } from '../../../../src/loopback/script';
import { KEY, MODEL, assertNoKey, chat, collect, providerFor } from './harness';

const TOKENS = ['one ', 'two ', 'three ', 'four ', 'five ', 'six'];

describe('OpenAIProvider failures (real SDK, loopback server)', () => {
  let server: LoopbackServer;
  before(async () => {
    server = await LoopbackServer.start(openAiFormat(), { models: [MODEL] });
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  const statuses: { status: number; kind: ErrorKind; retryable: boolean; errorType?: string }[] = [
    { status: 401, kind: 'auth', retryable: false },
    { status: 403, kind: 'auth', retryable: false },
    { status: 408, kind: 'timeout', retryable: true },
    { status: 429, kind: 'quota_exhausted', retryable: false, errorType: 'insufficient_quota' },
    { status: 500, kind: 'server_error', retryable: true },
    { status: 503, kind: 'overloaded', retryable: true },
    { status: 529, kind: 'overloaded', retryable: true },
  ];
  for (const s of statuses) {
    it(`HTTP ${s.status}${s.errorType ? ` ${s.errorType}` : ''} -> ${s.kind}, one request, nothing streamed`, async () => {
      server.script({ fault: { type: 'status', status: s.status, errorType: s.errorType } });
      const { error, text } = await collect(chat(providerFor(server)));
      assert.equal(error?.kind, s.kind);
      assert.equal(error.status, s.status);
      assert.match(error.requestId ?? '', /^req_openai_\d+$/, 'request id from x-request-id');
      assert.equal(error.retryable, s.retryable);
      assert.equal(error.streamed, false);
      assert.equal(error.partialText, '');
      assert.equal(text, '');
      assert.equal(server.chatRequests.length, 1, 'the SDK must not retry');
      assertNoKey(error);
    });
  }

  it('404 for an unknown model -> model_not_found, misconfigured', async () => {
    const { error } = await collect(chat(providerFor(server, { model: 'gpt-nope' }), { model: 'gpt-nope' }));
    assert.equal(error?.kind, 'model_not_found');
    assert.equal(error.status, 404);
    assert.equal(error.misconfigured, true);
    assert.equal(error.retryable, false);
    assert.match(error.detail ?? '', /gpt-nope/);
  });

  it('429 carries retry-after (seconds) and retry-after-ms, without an SDK retry', async () => {
    server.script(
      { fault: { type: 'status', status: 429, retryAfter: '7' } },
      { fault: { type: 'status', status: 429, retryAfterMs: 250, retryAfter: '7' } },
    );
    const a = (await collect(chat(providerFor(server)))).error;
    assert.equal(a?.kind, 'rate_limited');
    assert.equal(a.retryAfterMs, 7000);
    assert.equal(a.retryable, true);
    const b = (await collect(chat(providerFor(server)))).error;
    assert.equal(b?.retryAfterMs, 250);
    assert.equal(server.chatRequests.length, 2);
  });

  it('redacts a key the server echoes in its error message', async () => {
    server.script({ fault: { type: 'status', status: 401, message: `Incorrect API key provided: ${KEY}.` } });
    const { error } = await collect(chat(providerFor(server)));
    assert.equal(error?.kind, 'auth');
    assert.match(error.detail ?? '', /Incorrect API key provided: \[redacted\]/);
    assertNoKey(error);
  });

  const midStream: { name: string; fault: Fault; kind: ErrorKind; timeouts?: { stallMs?: number } }[] = [
    { name: 'in-stream {error} (server_error)', fault: { type: 'stream-error', afterTokens: 2 }, kind: 'server_error' },
    {
      name: 'in-stream {error} (rate_limit_exceeded)',
      fault: { type: 'stream-error', afterTokens: 2, errorType: 'rate_limit_exceeded' },
      kind: 'rate_limited',
    },
    { name: 'socket dropped after 3 tokens', fault: { type: 'drop', afterTokens: 3 }, kind: 'interrupted' },
    { name: 'stream ended without a finish', fault: { type: 'no-finish', afterTokens: 3 }, kind: 'interrupted' },
    {
      name: 'stall after 2 tokens',
      fault: { type: 'stall', afterTokens: 2 },
      kind: 'stalled',
      timeouts: { stallMs: 150 },
    },
    { name: 'malformed frame after 2 tokens', fault: { type: 'malformed', afterTokens: 2 }, kind: 'protocol' },
  ];
  for (const m of midStream) {
    it(`${m.name} -> ${m.kind}, keeping exactly the text the user saw`, async () => {
      server.script({ tokens: TOKENS, fault: m.fault });
      const { error, text } = await collect(chat(providerFor(server, { timeouts: m.timeouts })));
      const n = (m.fault as { afterTokens: number }).afterTokens;
      assert.equal(text, TOKENS.slice(0, n).join(''));
      assert.equal(error?.kind, m.kind, error?.message);
      assert.equal(error.partialText, text);
      assert.equal(error.streamed, true);
      assert.equal(error.retryable, true);
      assert.equal(server.chatRequests.length, 1);
      assertNoKey(error);
    });
  }

  it('in-stream error keeps the request id of the stream', async () => {
    server.script({ fault: { type: 'stream-error', afterTokens: 1, message: 'The server had an error' } });
    const { error } = await collect(chat(providerFor(server)));
    assert.ok(error);
    assert.match(error.requestId ?? '', /^req_openai_\d+$/);
    assert.equal(error.kind, 'server_error');
    assert.match(error.detail ?? '', /The server had an error/);
  });

  it('no first token in time -> stalled, nothing streamed', async () => {
    server.script({ firstTokenDelayMs: 400 });
    const t0 = performance.now();
    const { error, chunks } = await collect(chat(providerFor(server, { timeouts: { firstTokenMs: 100 } })));
    assert.equal(error?.kind, 'stalled');
    assert.equal(error.streamed, false);
    assert.equal(chunks[0].type, 'meta', 'headers had arrived');
    assert.ok(performance.now() - t0 < 350);
  });

  it('headers never come -> timeout after headersMs, one request', async () => {
    server.script({ fault: { type: 'hang' } });
    const t0 = performance.now();
    const { error, chunks } = await collect(chat(providerFor(server, { timeouts: { headersMs: 150 } })));
    assert.equal(error?.kind, 'timeout');
    assert.equal(error.retryable, true);
    assert.equal(chunks.length, 0);
    assert.ok(performance.now() - t0 < 1000, 'no SDK retry backoff');
    assert.equal(server.chatRequests.length, 1);
  });
});

describe('OpenAIProvider connection failures', () => {
  it('refused connection -> network, fast (no SDK retry)', async () => {
    const server = await LoopbackServer.start(openAiFormat());
    try {
      server.refuse();
      const t0 = performance.now();
      const { error } = await collect(chat(providerFor(server)));
      assert.equal(error?.kind, 'network', error?.message);
      assert.equal(error.retryable, true);
      assert.equal(error.streamed, false);
      assert.ok(performance.now() - t0 < 400, 'no SDK retry backoff');
      assertNoKey(error);
    } finally {
      await server.close();
    }
  });

  it('closed port -> network with ECONNREFUSED', async () => {
    const server = await LoopbackServer.start(openAiFormat());
    const p = providerFor(server);
    await server.close();
    const { error } = await collect(chat(p));
    assert.equal(error?.kind, 'network');
    assert.match(error.detail ?? '', /ECONNREFUSED/);
    const models = await p.listModels().then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.equal((models as { kind?: string }).kind, 'network');
  });
});
