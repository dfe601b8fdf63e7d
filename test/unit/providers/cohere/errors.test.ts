import * as assert from 'node:assert/strict';
import type { ErrorKind } from '../../../../src/core/errors';
import { LoopbackServer } from '../../../../src/loopback/server';
import { cohereFormat } from '../../../../src/loopback/formats/cohere';
import { KEY, MODEL, assertNoKey, chat, collect, providerFor } from './harness';

describe('CohereProvider failures before the stream (real SDK, loopback server)', () => {
  let server: LoopbackServer;
  before(async () => {
    server = await LoopbackServer.start(cohereFormat(), { models: [MODEL] });
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  const cases: [number, ErrorKind, boolean][] = [
    [401, 'auth', false],
    [403, 'auth', false],
    [408, 'timeout', true],
    [500, 'server_error', true],
    [503, 'overloaded', true],
    [529, 'overloaded', true],
  ];
  for (const [status, kind, retryable] of cases) {
    it(`HTTP ${status} -> ${kind}, one request (no SDK retry), nothing streamed`, async () => {
      server.script({ fault: { type: 'status', status, message: `scripted ${status} for the test` } });
      const r = await collect(chat(providerFor(server)));
      assert.ok(r.error);
      assert.equal(r.error.kind, kind);
      assert.equal(r.error.status, status);
      assert.equal(r.error.retryable, retryable);
      assert.equal(r.error.streamed, false);
      assert.equal(r.text, '');
      assert.equal(r.error.detail, `scripted ${status} for the test`);
      assert.match(r.error.requestId ?? '', /^req_cohere_\d+$/);
      assert.equal(server.chatRequests.length, 1);
      assertNoKey(r.error);
    });
  }

  it('404 for an unknown model -> model_not_found, misconfigured', async () => {
    const r = await collect(chat(providerFor(server), { model: 'no-such-model' }));
    assert.equal(r.error?.kind, 'model_not_found');
    assert.equal(r.error?.misconfigured, true);
    assert.match(r.error?.detail ?? '', /no-such-model/);
    assert.equal(server.chatRequests.length, 1);
  });

  it('429 -> rate_limited with retryAfterMs from Retry-After, and the SDK does not sleep and retry', async () => {
    server.script({ fault: { type: 'status', status: 429, retryAfter: '7' } });
    const t0 = performance.now();
    const r = await collect(chat(providerFor(server)));
    assert.ok(performance.now() - t0 < 1000, 'the SDK must not wait out Retry-After itself');
    assert.equal(r.error?.kind, 'rate_limited');
    assert.equal(r.error?.retryAfterMs, 7000);
    assert.equal(r.error?.retryable, true);
    assert.equal(server.chatRequests.length, 1);
  });

  it('redacts the key when a server echoes it in its error message', async () => {
    server.script({ fault: { type: 'status', status: 401, message: `invalid api token ${KEY}` } });
    const r = await collect(chat(providerFor(server)));
    assert.equal(r.error?.kind, 'auth');
    assertNoKey(r.error!);
    assert.match(r.error!.message, /\[redacted\]/);
  });

  it('headers never come -> timeout after a sub-second headersMs, one request', async () => {
    server.script({ fault: { type: 'hang' } });
    const t0 = performance.now();
    const r = await collect(chat(providerFor(server, { timeouts: { headersMs: 150 } })));
    const took = performance.now() - t0;
    assert.equal(r.error?.kind, 'timeout');
    assert.equal(r.error?.retryable, true);
    assert.ok(took >= 140 && took < 1000, `took ${took} ms`);
    assert.equal(server.chatRequests.length, 1);
    assertNoKey(r.error!);
  });

  it('refused connection -> network, fast, one attempt', async () => {
    const refusing = await LoopbackServer.start(cohereFormat());
    refusing.refuse();
    try {
      const t0 = performance.now();
      const r = await collect(chat(providerFor(refusing)));
      assert.ok(performance.now() - t0 < 1000);
      assert.equal(r.error?.kind, 'network');
      assert.equal(r.error?.retryable, true);
      assert.equal(r.error?.streamed, false);
      assert.equal(refusing.requests.length, 0);
      assertNoKey(r.error!);
    } finally {
      await refusing.close();
    }
  });

  it('closed port -> network', async () => {
    const gone = await LoopbackServer.start(cohereFormat());
    const url = gone.baseURL;
    await gone.close();
    const r = await collect(chat(providerFor(gone, { baseURL: url })));
    assert.equal(r.error?.kind, 'network');
    assert.match(r.error?.detail ?? '', /fetch failed/);
  });
});
