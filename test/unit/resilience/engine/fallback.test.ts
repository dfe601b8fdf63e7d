import * as assert from 'node:assert/strict';
import { ask, assertNoKey, clock, engineFor, ofType, providerFor, run, Servers, shape, types } from './harness';

describe('engine: fallback before the first token', () => {
  const servers = new Servers();
  afterEach(() => servers.closeAll());

  it('streams provider -> text -> usage -> done with the attempt events', async () => {
    const a = (await servers.start()).setDefault({ text: 'Hello there, world.' });
    const { engine, events } = engineFor([providerFor(a, 'a')]);
    const r = await run(engine);
    assert.equal(r.error, undefined);
    assert.equal(r.text, 'Hello there, world.');
    assert.deepEqual(shape(r.chunks), ['provider', 'text', 'usage', 'done']);
    assert.deepEqual(
      types(events).filter((t) => t !== 'health_changed'),
      ['attempt_started', 'first_token', 'usage', 'chat_completed'],
    );
    const h = engine.health()[0];
    assert.equal(h.requests, 1);
    assert.equal(h.state, 'healthy');
    assert.ok(h.ttft.p50 !== undefined);
    engine.dispose();
  });

  it('moves to the next provider at once on overloaded, with a notice and a fell_back event', async () => {
    const a = (await servers.start()).script({ fault: { type: 'status', status: 529 } });
    const b = (await servers.start()).setDefault({ text: 'From B.' });
    const { engine, events } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')], {
      retry: { baseMs: 2000, maxMs: 2000, maxWaitMs: 5000 },
    });
    const r = await run(engine);
    assert.equal(r.text, 'From B.');
    assert.ok(r.ms < 1000, `took ${r.ms} ms: no backoff sleep while another provider is usable`);
    assert.deepEqual(shape(r.chunks), ['provider', 'notice:fell_back', 'text', 'usage', 'done']);
    assert.equal(a.chatRequests.length, 1);
    assert.equal(b.chatRequests.length, 1);
    const failed = ofType(events, 'attempt_failed')[0];
    assert.equal(failed.providerId, 'a');
    assert.equal(failed.kind, 'overloaded');
    assert.deepEqual(ofType(events, 'fell_back').map((e) => [e.from, e.to, e.kind]), [['a', 'b', 'overloaded']]);
    engine.dispose();
  });

  it('respects retry-after: no request reaches the provider before the cooldown ends', async () => {
    const a = (await servers.start()).script({ fault: { type: 'status', status: 429, retryAfterMs: 300 } }).setDefault({ text: 'A again.' });
    const b = (await servers.start()).setDefault({ text: 'B.' });
    const { engine, events } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')]);
    const t0 = clock().now();
    assert.equal((await run(engine)).text, 'B.');
    const cd = ofType(events, 'cooldown')[0];
    assert.equal(cd.providerId, 'a');
    assert.ok(cd.until >= t0 + 300);
    assert.equal(engine.health()[0].state, 'cooling_down');
    // During the cooldown the first choice is skipped entirely.
    assert.equal((await run(engine)).text, 'B.');
    assert.equal(a.chatRequests.length, 1);
    await clock().advance(cd.until + 5 - clock().now());
    assert.equal((await run(engine)).text, 'A again.');
    assert.equal(a.chatRequests.length, 2);
    engine.dispose();
  });

  it('waits out retry-after when no other provider is usable, then retries', async () => {
    const a = (await servers.start()).script({ fault: { type: 'status', status: 429, retryAfterMs: 150 } }).setDefault({ text: 'Later.' });
    const { engine } = engineFor([providerFor(a, 'a')]);
    const r = await run(engine);
    assert.equal(r.text, 'Later.');
    assert.ok(r.ms >= 150, `retried after ${r.ms} ms`);
    assert.equal(a.chatRequests.length, 2);
    engine.dispose();
  });

  it('a bad request fails the chat without spraying it at the other providers', async () => {
    const a = (await servers.start()).script({
      fault: { type: 'status', status: 400, errorType: 'invalid_request_error', message: 'bad temperature' },
    });
    const b = await servers.start();
    const { engine } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')]);
    const r = await run(engine);
    assert.equal(r.error?.kind, 'bad_request');
    assert.equal(b.chatRequests.length, 0);
    assertNoKey(r.error);
    engine.dispose();
  });

  it('auth failure marks the provider misconfigured and falls back; reset brings it back', async () => {
    const a = (await servers.start())
      .script({ fault: { type: 'status', status: 401 } })
      .setDefault({ text: 'A fixed.' });
    const b = (await servers.start()).setDefault({ text: 'B.' });
    const { engine } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')]);
    assert.equal((await run(engine)).text, 'B.');
    assert.equal(engine.health()[0].state, 'misconfigured');
    assert.equal((await run(engine)).text, 'B.');
    assert.equal(a.chatRequests.length, 1, 'a misconfigured provider gets no traffic');
    engine.reset('a');
    assert.equal(engine.health()[0].state, 'healthy');
    assert.equal((await run(engine)).text, 'A fixed.');
    engine.dispose();
  });

  it('fails with the last error and the attempt count when every provider fails', async () => {
    const a = (await servers.start()).setDefault({ fault: { type: 'status', status: 500 } });
    const b = (await servers.start()).setDefault({ fault: { type: 'status', status: 503 } });
    const { engine, events } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')], { maxAttemptsPerChat: 3 });
    const r = await run(engine);
    assert.ok(r.error);
    assert.ok(['server_error', 'overloaded'].includes(r.error.kind));
    assert.equal(a.chatRequests.length + b.chatRequests.length, 3);
    assert.equal(ofType(events, 'chat_failed')[0].attempts, 3);
    assertNoKey(r.error);
    engine.dispose();
  });
});
