import * as assert from 'node:assert/strict';
import type { ProtocolId } from '../../../../src/core/provider';
import { LoopbackServer } from '../../../../src/loopback/server';
import { Servers, clock, engineFor, formatFor, ofType, providerFor, run } from '../engine/harness';

describe('engine: pacing before the 429', () => {
  const servers = new Servers();
  afterEach(() => servers.closeAll());

  /** A loopback server of `protocol` that allows `requests` per minute and says so in its headers. */
  async function quotaServer(protocol: ProtocolId, requests: number): Promise<LoopbackServer> {
    const s = await LoopbackServer.start(formatFor(protocol), {
      clock: clock(),
      quota: { requests, windowMs: 60_000 },
    });
    servers.all.push(s);
    return s.setDefault({ text: 'from the fallback' });
  }

  for (const protocol of ['openai', 'anthropic'] as const) {
    it(`${protocol}: a retry-after on the primary never makes the fallback exceed the headroom it reports`, async () => {
      const primary = (await servers.start('openai')).setDefault({
        fault: { type: 'status', status: 429, retryAfter: '30' },
      });
      const fallback = await quotaServer(protocol, 3);
      const { engine, events } = engineFor([providerFor(primary, 'primary'), providerFor(fallback, 'fallback')]);
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await run(engine));
      assert.deepEqual(
        results.slice(0, 3).map((r) => r.text),
        ['from the fallback', 'from the fallback', 'from the fallback'],
      );
      assert.equal(fallback.quota?.refused, 0, 'the fallback never answered 429');
      assert.equal(fallback.chatRequests.length, 3);
      assert.equal(primary.chatRequests.length, 1, 'the primary is left alone while it cools down');
      for (const r of results.slice(3)) assert.match(r.error?.message ?? '', /no provider is usable/);
      assert.equal(engine.health()[1].hold?.reason, 'pacing');
      assert.ok(ofType(events, 'attempt_failed').every((e) => e.providerId === 'primary'));
      engine.dispose();
    });
  }

  it('without pacing the same traffic runs the fallback into its 429s (what the test above prevents)', async () => {
    const primary = (await servers.start('openai')).setDefault({
      fault: { type: 'status', status: 429, retryAfter: '30' },
    });
    const fallback = await quotaServer('openai', 3);
    const { engine } = engineFor([providerFor(primary, 'primary'), providerFor(fallback, 'fallback')], {
      pacing: { headroom: false, limits: {}, lowFraction: 0 },
    });
    for (let i = 0; i < 6; i++) await run(engine);
    assert.ok((fallback.quota?.refused ?? 0) > 0);
    engine.dispose();
  });

  it('once the window resets, the paced provider takes traffic again', async () => {
    const only = await quotaServer('openai', 2);
    const { engine } = engineFor([providerFor(only, 'only')], { retry: { baseMs: 5, maxMs: 20, maxWaitMs: 120_000 } });
    for (let i = 0; i < 2; i++) assert.equal((await run(engine)).error, undefined);
    const t0 = clock().now();
    const r = await run(engine);
    assert.equal(r.error, undefined, 'the third chat waited for the reset instead of failing');
    assert.ok(clock().now() - t0 >= 59_000, 'it waited for the window');
    assert.equal(only.quota?.refused, 0);
    engine.dispose();
  });

  it('chats that waited for the reset resume in the refilled window, one window at a time, without a 429', async () => {
    const only = await quotaServer('anthropic', 2);
    const { engine } = engineFor([providerFor(only, 'only')], { retry: { baseMs: 5, maxMs: 20, maxWaitMs: 200_000 } });
    for (let i = 0; i < 2; i++) assert.equal((await run(engine)).error, undefined);
    const runs = await Promise.all([1, 2, 3].map(() => run(engine)));
    assert.deepEqual(
      runs.map((r) => r.error?.message),
      [undefined, undefined, undefined],
    );
    assert.equal(only.quota?.refused, 0);
    assert.equal(only.chatRequests.length, 5);
    engine.dispose();
  });

  it('low reported headroom moves traffic to a provider with plenty before any 429', async () => {
    const a = (await servers.start('openai')).setDefault({
      text: 'a',
      rateLimit: { limitRequests: 100, remainingRequests: 5, resetRequestsMs: 30_000 },
    });
    const b = (await servers.start('openai')).setDefault({ text: 'b' });
    const { engine } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')]);
    assert.equal((await run(engine)).text, 'a');
    assert.equal((await run(engine)).text, 'b', 'a has 5 of 100 requests left: b goes first');
    engine.dispose();
  });

  it('configured rpm: the provider over its limit passes the rest of the minute to the next one, with a notice', async () => {
    const a = (await servers.start('cohere')).setDefault({ text: 'a' });
    const b = (await servers.start('openai')).setDefault({ text: 'b' });
    const { engine } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')], {
      pacing: { headroom: true, limits: { a: { rpm: 2 } }, lowFraction: 0 },
    });
    assert.equal((await run(engine)).text, 'a');
    assert.equal((await run(engine)).text, 'a');
    const r = await run(engine);
    assert.equal(r.text, 'b');
    const notice = r.chunks.find((c) => c.type === 'notice');
    assert.equal(notice?.type === 'notice' && notice.message, 'A is paced (near its rate limit); B answered.');
    assert.equal(a.chatRequests.length, 2);
    engine.dispose();
  });

  it('configured concurrency: a second chat while the first streams goes to the next provider', async () => {
    const a = (await servers.start('openai')).setDefault({ text: 'slow answer here', tokenDelayMs: 200 });
    const b = (await servers.start('openai')).setDefault({ text: 'b' });
    const { engine } = engineFor([providerFor(a, 'a', { timeouts: { stallMs: 2000 } }), providerFor(b, 'b')], {
      pacing: { headroom: true, limits: { a: { concurrency: 1 } }, lowFraction: 0 },
    });
    const [first, second] = await Promise.all([run(engine), run(engine)]);
    assert.deepEqual([first.text, second.text].sort(), ['b', 'slow answer here']);
    assert.equal(a.chatRequests.length, 1);
    engine.dispose();
  });

  it('configured tpm counts reported usage: past the tokens of a minute, traffic moves on', async () => {
    const a = (await servers.start('anthropic')).setDefault({ text: 'a', usageCounts: { inputTokens: 1200 } });
    const b = (await servers.start('openai')).setDefault({ text: 'b' });
    const { engine } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')], {
      pacing: { headroom: true, limits: { a: { tpm: 2000 } }, lowFraction: 0 },
    });
    assert.equal((await run(engine)).text, 'a');
    assert.equal((await run(engine)).text, 'b', '1201 tokens used this minute + 1201 expected would pass 2000');
    engine.dispose();
  });
});
