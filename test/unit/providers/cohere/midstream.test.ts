import * as assert from 'node:assert/strict';
import type { ErrorKind } from '../../../../src/core/errors';
import type { Fault } from '../../../../src/loopback/script';
import { LoopbackServer } from '../../../../src/loopback/server';
import { cohereFormat } from '../../../../src/loopback/formats/cohere';
import { MODEL, assertNoKey, chat, collect, providerFor, until } from './harness';

const TEXT = 'one two three four five six';

describe('CohereProvider failures mid-stream (real SDK, loopback server)', () => {
  let server: LoopbackServer;
  before(async () => {
    server = await LoopbackServer.start(cohereFormat(), { models: [MODEL] });
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  const cases: [string, Fault, ErrorKind, string][] = [
    [
      'finish_reason ERROR after 3 tokens',
      { type: 'stream-error', afterTokens: 3, message: 'internal model failure' },
      'server_error',
      'one two three ',
    ],
    ['socket dropped after 3 tokens', { type: 'drop', afterTokens: 3 }, 'interrupted', 'one two three '],
    [
      'stream ended without message-end after 2 tokens',
      { type: 'no-finish', afterTokens: 2 },
      'interrupted',
      'one two ',
    ],
    ['malformed frame after 2 tokens', { type: 'malformed', afterTokens: 2 }, 'protocol', 'one two '],
  ];
  for (const [name, fault, kind, partial] of cases) {
    it(`${name} -> ${kind}, keeping exactly the text the user saw`, async () => {
      server.script({ text: TEXT, fault });
      const r = await collect(chat(providerFor(server)));
      assert.equal(r.text, partial);
      assert.equal(r.chunks.some((c) => c.type === 'finish'), false);
      assert.ok(r.error);
      assert.equal(r.error.kind, kind);
      assert.equal(r.error.partialText, partial);
      assert.equal(r.error.streamed, true);
      assert.equal(r.error.retryable, true);
      assert.equal(server.chatRequests.length, 1);
      assertNoKey(r.error);
    });
  }

  it('finish_reason ERROR carries the provider message and is never a success', async () => {
    server.script({ text: TEXT, fault: { type: 'stream-error', afterTokens: 1, message: 'internal model failure' } });
    const r = await collect(chat(providerFor(server)));
    assert.equal(r.error?.kind, 'server_error');
    assert.match(r.error?.detail ?? '', /ERROR: internal model failure/);
    assert.equal(r.chunks.some((c) => c.type === 'usage'), false);
  });

  it('stall after 2 tokens -> stalled after stallMs, partial kept, upstream socket closed', async () => {
    server.script({ text: TEXT, fault: { type: 'stall', afterTokens: 2 } });
    const t0 = performance.now();
    const r = await collect(chat(providerFor(server, { timeouts: { stallMs: 150 } })));
    const took = performance.now() - t0;
    assert.equal(r.error?.kind, 'stalled');
    assert.equal(r.error?.partialText, 'one two ');
    assert.equal(r.error?.streamed, true);
    assert.ok(took >= 140 && took < 1000, `took ${took} ms`);
    await until(() => server.chatRequests[0].clientClosed);
    assert.equal(server.chatRequests.length, 1);
  });

  it('no first token in time -> stalled, nothing streamed', async () => {
    server.script({ text: TEXT, firstTokenDelayMs: 1000 });
    const r = await collect(chat(providerFor(server, { timeouts: { firstTokenMs: 100 } })));
    assert.equal(r.error?.kind, 'stalled');
    assert.equal(r.error?.streamed, false);
    assert.equal(r.error?.partialText, '');
    assert.equal(r.chunks[0].type, 'meta', 'headers arrived before the watchdog fired');
    await until(() => server.chatRequests[0].clientClosed);
  });
});
