import * as assert from 'node:assert/strict';
import type { ErrorKind } from '../../../../src/core/errors';
import type { Fault } from '../../../../src/loopback/script';
import type { LoopbackServer } from '../../../../src/loopback/server';
import { KEY, ask, assertNoKey, fail, provider, startServer, waitClientClosed } from './harness';

describe('AnthropicProvider errors (real SDK, loopback server)', () => {
  let server: LoopbackServer;
  before(async () => (server = await startServer()));
  after(() => server.close());
  beforeEach(() => server.reset());

  const statuses: { status: number; kind: ErrorKind; retryable: boolean; errorType?: string; message?: string }[] = [
    { status: 401, kind: 'auth', retryable: false, message: `invalid x-api-key ${KEY}` },
    { status: 403, kind: 'auth', retryable: false },
    { status: 408, kind: 'timeout', retryable: true },
    { status: 500, kind: 'server_error', retryable: true },
    { status: 503, kind: 'overloaded', retryable: true },
    { status: 529, kind: 'overloaded', retryable: true },
    { status: 500, kind: 'overloaded', retryable: true, errorType: 'overloaded_error' },
    {
      status: 400,
      kind: 'context_too_long',
      retryable: false,
      message: 'prompt is too long: 250000 tokens > 200000 maximum',
    },
    {
      status: 400,
      kind: 'quota_exhausted',
      retryable: false,
      errorType: 'billing_error',
      message: 'Your credit balance is too low',
    },
  ];
  for (const s of statuses) {
    it(`maps ${s.status} ${s.errorType ?? ''} to ${s.kind} after exactly one request`, async () => {
      server.script({ fault: { type: 'status', status: s.status, errorType: s.errorType, message: s.message } });
      const err = await fail(provider(server));
      assert.equal(err.kind, s.kind);
      assert.equal(err.status, s.status);
      assert.equal(err.retryable, s.retryable);
      assert.equal(err.streamed, false);
      assert.match(err.requestId ?? '', /^req_anthropic_\d+$/);
      assert.equal(server.chatRequests.length, 1, 'maxRetries 0: the SDK must not retry');
      assertNoKey(err);
    });
  }

  it('maps a 404 for an unknown model to model_not_found (misconfigured)', async () => {
    const err = await fail(provider(server), ask('hi', { model: 'claude-missing' }));
    assert.equal(err.kind, 'model_not_found');
    assert.equal(err.misconfigured, true);
    assert.match(err.message, /claude-missing/);
  });

  it('maps 429 to rate_limited with retry-after in ms', async () => {
    server.script({ fault: { type: 'status', status: 429, retryAfter: '7' } });
    const err = await fail(provider(server));
    assert.equal(err.kind, 'rate_limited');
    assert.equal(err.retryAfterMs, 7000);
    assert.equal(err.retryable, true);
    assert.equal(server.chatRequests.length, 1);
  });

  it('maps a wrong key (real 401 from the server) to auth without echoing the key', async () => {
    const err = await fail(provider(server, {}, 'sk-ant-test-FAKEKEY-9999'));
    assert.equal(err.kind, 'auth');
    assert.ok(!err.message.includes('sk-ant-test-FAKEKEY-9999'));
  });

  const midStream: {
    name: string;
    fault: Fault;
    kind: ErrorKind;
    timeouts?: { stallMs?: number };
    weClose?: boolean;
  }[] = [
    {
      name: 'in-stream overloaded_error',
      fault: { type: 'stream-error', afterTokens: 3, message: 'Overloaded' },
      kind: 'overloaded',
    },
    { name: 'socket drop', fault: { type: 'drop', afterTokens: 3 }, kind: 'interrupted' },
    {
      name: 'stall',
      fault: { type: 'stall', afterTokens: 3 },
      kind: 'stalled',
      timeouts: { stallMs: 150 },
      weClose: true,
    },
    { name: 'malformed frame', fault: { type: 'malformed', afterTokens: 3 }, kind: 'protocol' },
  ];
  for (const m of midStream) {
    it(`keeps the partial text of a ${m.name} after 3 tokens and maps it to ${m.kind}`, async () => {
      server.script({ tokens: ['Alpha ', 'beta ', 'gamma ', 'delta ', 'epsilon'], fault: m.fault });
      const started = performance.now();
      const err = await fail(provider(server, m.timeouts));
      assert.equal(err.kind, m.kind);
      assert.equal(err.partialText, 'Alpha beta gamma ');
      assert.equal(err.delivered, 'Alpha beta gamma ');
      assert.equal(err.streamed, true);
      assert.equal(err.retryable, true);
      assert.equal(err.status, undefined);
      assert.equal(server.chatRequests.length, 1);
      assert.ok(performance.now() - started < 1000, 'failed fast');
      assertNoKey(err);
      // The server keeps these open: we must close the socket ourselves.
      if (m.weClose) await waitClientClosed(server);
    });
  }

  it('reports a first token that never comes as stalled, with nothing streamed', async () => {
    server.script({ firstTokenDelayMs: 2000 });
    const started = performance.now();
    const err = await fail(provider(server, { firstTokenMs: 120 }));
    assert.equal(err.kind, 'stalled');
    assert.equal(err.streamed, false);
    assert.ok(performance.now() - started < 600);
    await waitClientClosed(server);
  });

  it('maps headers that never come to timeout and closes the socket', async () => {
    server.script({ fault: { type: 'hang' } });
    const err = await fail(provider(server, { headersMs: 120 }));
    assert.equal(err.kind, 'timeout');
    assert.equal(err.retryable, true);
    assert.equal(server.chatRequests.length, 1);
    await waitClientClosed(server);
  });

  it('cancels at once while waiting for headers and abandons the request', async () => {
    server.script({ fault: { type: 'hang' } });
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 30);
    const started = performance.now();
    const err = await fail(provider(server), ask('hi', { signal: ctrl.signal }));
    assert.equal(err.kind, 'cancelled');
    assert.ok(performance.now() - started < 500);
    await waitClientClosed(server);
  });

  it('maps a reset before headers to network', async () => {
    server.script({ fault: { type: 'reset' } });
    const err = await fail(provider(server));
    assert.equal(err.kind, 'network');
    assert.equal(server.chatRequests.length, 1);
  });

  it('maps a refused connection to network', async () => {
    const refusing = await startServer();
    try {
      refusing.refuse();
      const err = await fail(provider(refusing));
      assert.equal(err.kind, 'network');
      assert.equal(err.retryable, true);
      assertNoKey(err);
      assert.equal(refusing.requests.length, 0);
    } finally {
      await refusing.close();
    }
  });

  it('maps listModels failures too', async () => {
    const p = provider(server, {}, 'sk-ant-test-FAKEKEY-9999');
    await assert.rejects(p.listModels(), (e: Error & { kind?: string }) => e.kind === 'auth');
  });
});
