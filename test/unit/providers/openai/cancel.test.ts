import * as assert from 'node:assert/strict';
import { LoopbackServer } from '../../../../src/loopback/server';
import { openAiFormat } from '../../../../src/loopback/formats/openai';
import { chat, collect, providerFor, until } from './harness';

const TOKENS = Array.from({ length: 40 }, (_, i) => `t${i} `);

describe('OpenAIProvider cancellation', () => {
  let server: LoopbackServer;
  beforeEach(async () => {
    server = await LoopbackServer.start(openAiFormat());
  });
  afterEach(() => server.close());

  it('abort mid-stream stops delivery within 50 ms and closes the upstream socket', async () => {
    server.script({ tokens: TOKENS, tokenDelayMs: 20 });
    const ctrl = new AbortController();
    let abortedAt = 0;
    let textAfterAbort = 0;
    const r = await collect(chat(providerFor(server), { signal: ctrl.signal }), (c) => {
      if (c.type !== 'text') return;
      if (abortedAt) textAfterAbort++;
      else if (c.text === 't2 ') {
        setTimeout(() => {
          abortedAt = performance.now();
          ctrl.abort();
        }, 5);
      }
    });
    const stoppedIn = performance.now() - abortedAt;
    assert.equal(r.error?.kind, 'cancelled');
    assert.equal(r.error.retryable, false);
    assert.ok(stoppedIn < 50, `stopped after ${stoppedIn} ms`);
    assert.equal(textAfterAbort, 0);
    assert.equal(r.error.partialText, r.text);
    assert.ok(r.text.startsWith('t0 t1 t2 '));
    assert.ok(r.text.length < TOKENS.join('').length);
    // The request's own socket closes at once (undici may open an idle spare, so count no sockets).
    await until(() => server.chatRequests[0].clientClosed, 100);
    assert.equal(server.chatRequests[0].completed, false);
  });

  it('abort before headers -> cancelled at once, and the request is abandoned', async () => {
    server.script({ headerDelayMs: 500 });
    const ctrl = new AbortController();
    const pending = collect(chat(providerFor(server), { signal: ctrl.signal }));
    await until(() => server.chatRequests.length === 1);
    const t0 = performance.now();
    ctrl.abort();
    const r = await pending;
    assert.equal(r.error?.kind, 'cancelled');
    assert.equal(r.error.streamed, false);
    assert.equal(r.chunks.length, 0);
    assert.ok(performance.now() - t0 < 50);
    await until(() => server.chatRequests[0].clientClosed, 100);
  });

  it('a consumer that stops reading closes the upstream socket', async () => {
    server.script({ tokens: TOKENS, tokenDelayMs: 10 });
    for await (const c of chat(providerFor(server))) {
      if (c.type === 'text') break;
    }
    await until(() => server.chatRequests[0]?.clientClosed === true, 100);
    assert.equal(server.chatRequests[0].completed, false);
  });
});
