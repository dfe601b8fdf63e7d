import * as assert from 'node:assert/strict';
import { LoopbackServer } from '../../../../src/loopback/server';
import { cohereFormat } from '../../../../src/loopback/formats/cohere';
import { chat, collect, providerFor, until } from './harness';

const LONG = Array.from({ length: 40 }, (_, i) => `w${i} `).join('');

describe('CohereProvider cancellation (real SDK, loopback server)', () => {
  // A fresh server per test. Node's fetch (undici) opens a spare idle connection after an abort,
  // so "the server saw the socket closed" is checked on the request's own socket (clientClosed).
  let server: LoopbackServer;
  beforeEach(async () => {
    server = await LoopbackServer.start(cohereFormat());
  });
  afterEach(() => server.close());

  it('abort mid-stream stops delivery within 50 ms and closes the upstream socket', async () => {
    server.script({ text: LONG, tokenDelayMs: 10 });
    const ctrl = new AbortController();
    let abortedAt = 0;
    let lateChunks = 0;
    const r = await collect(chat(providerFor(server), { signal: ctrl.signal }), (c) => {
      if (abortedAt) lateChunks++;
      if (c.type === 'text' && c.text === 'w2 ') {
        abortedAt = performance.now();
        ctrl.abort();
      }
    });
    const took = performance.now() - abortedAt;
    assert.ok(took < 50, `cancel took ${took} ms`);
    assert.equal(lateChunks, 0);
    assert.equal(r.error?.kind, 'cancelled');
    assert.equal(r.error?.partialText, 'w0 w1 w2 ');
    assert.equal(r.error?.retryable, false);
    await until(() => server.chatRequests[0].clientClosed, 500);
    assert.equal(server.chatRequests[0].completed, false);
  });

  it('abort before headers -> cancelled at once, and the request is abandoned', async () => {
    server.script({ headerDelayMs: 2000 });
    const ctrl = new AbortController();
    const pending = collect(chat(providerFor(server), { signal: ctrl.signal }));
    await until(() => server.chatRequests.length === 1);
    const t0 = performance.now();
    ctrl.abort();
    const r = await pending;
    assert.ok(performance.now() - t0 < 100, 'cancel must not wait for the headers');
    assert.equal(r.error?.kind, 'cancelled');
    assert.equal(r.chunks.length, 0);
    assert.equal(server.chatRequests.length, 1);
    await until(() => server.chatRequests[0].clientClosed, 500);
  });

  it('a consumer that stops reading closes the upstream socket', async () => {
    server.script({ text: LONG, tokenDelayMs: 10 });
    for await (const c of chat(providerFor(server))) {
      if (c.type === 'text') break;
    }
    await until(() => server.chatRequests[0].clientClosed, 500);
    assert.equal(server.chatRequests[0].completed, false);
  });
});
