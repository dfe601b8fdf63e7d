import * as assert from 'node:assert/strict';
import { createHook } from 'node:async_hooks';
import { ask, clock, engineFor, ofType, PROTOCOLS, providerFor, run, Servers, sleep, until } from './harness';

const LONG = Array.from({ length: 40 }, (_, i) => `word${i} `).join('');

describe('engine: cancellation, fire drill, leaks', () => {
  const servers = new Servers();
  afterEach(() => servers.closeAll());

  for (const protocol of PROTOCOLS) {
    it(`${protocol}: abort mid-stream stops within 50 ms, keeps the partial and blames nobody`, async () => {
      const a = (await servers.start(protocol)).setDefault({ text: LONG, tokenDelayMs: 30 });
      const b = await servers.start();
      const { engine, events } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')]);
      const ctrl = new AbortController();
      let abortedAt = 0;
      let texts = 0;
      const r = await run(engine, ask('go', { signal: ctrl.signal }), (c) => {
        if (c.type === 'text' && ++texts === 3) {
          abortedAt = clock().now();
          ctrl.abort();
        }
      });
      const stoppedIn = clock().now() - abortedAt;
      assert.equal(r.error?.kind, 'cancelled');
      assert.ok(stoppedIn < 50, `stopped in ${stoppedIn} ms`);
      assert.equal(r.error?.partialText, r.text);
      assert.equal(r.text, 'word0 word1 word2 ');
      await until(() => a.chatRequests[0].clientClosed, 1000);
      assert.equal(b.chatRequests.length, 0, 'a cancel is not a reason to fall back');
      assert.equal(ofType(events, 'attempt_failed').length, 0);
      assert.equal(engine.health()[0].errorRate, 0);
      assert.equal(engine.health()[0].breaker, 'closed');
      engine.dispose();
    });
  }

  it('abort while waiting out a retry-after returns at once', async () => {
    const a = (await servers.start()).setDefault({ fault: { type: 'status', status: 429, retryAfterMs: 400 } });
    const { engine } = engineFor([providerFor(a, 'a')], { retry: { baseMs: 5, maxMs: 20, maxWaitMs: 5000 } });
    const ctrl = new AbortController();
    clock().setTimeout(() => ctrl.abort(), 80);
    const r = await run(engine, ask('x', { signal: ctrl.signal }));
    assert.equal(r.error?.kind, 'cancelled');
    assert.ok(r.ms < 200, `${r.ms} ms`);
    engine.dispose();
  });

  it('abort while waiting for the first token (hedge in flight) closes both sockets', async () => {
    const a = (await servers.start()).setDefault({ text: 'A', firstTokenDelayMs: 1000 });
    const b = (await servers.start()).setDefault({ text: 'B', firstTokenDelayMs: 1000 });
    const slow = { timeouts: { firstTokenMs: 3000 } };
    const { engine } = engineFor([providerFor(a, 'a', slow), providerFor(b, 'b', slow)], {
      hedging: { enabled: true, minDelayMs: 20, maxDelayMs: 30 },
    });
    const ctrl = new AbortController();
    clock().setTimeout(() => ctrl.abort(), 150);
    const r = await run(engine, ask('x', { signal: ctrl.signal }));
    assert.equal(r.error?.kind, 'cancelled');
    await until(() => a.chatRequests[0]?.clientClosed && b.chatRequests[0]?.clientClosed, 1000);
    engine.dispose();
  });

  it('simulateOutage: new chats skip the provider without any network; an answer in flight fails over', async () => {
    const a = (await servers.start()).setDefault({ text: 'alpha beta gamma delta epsilon.', tokenDelayMs: 25 });
    const b = (await servers.start()).setDefault({ text: 'gamma delta epsilon.' });
    const { engine, events } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')]);
    let texts = 0;
    const r = await run(engine, ask(), (c) => {
      if (c.type === 'text' && ++texts === 3) engine.simulateOutage('a', 300);
    });
    assert.equal(r.text, 'alpha beta gamma delta epsilon.');
    assert.equal(ofType(events, 'attempt_failed')[0].kind, 'overloaded');
    assert.equal(ofType(events, 'continued').length, 1);
    assert.equal(engine.health()[0].state, 'open');
    assert.ok(engine.health()[0].simulatedOutageUntil);
    assert.equal((await run(engine)).text, 'gamma delta epsilon.');
    assert.equal(a.chatRequests.length, 1, 'no request reaches a provider in a simulated outage');
    engine.simulateOutage('a', 0);
    a.setDefault({ text: 'A back.' });
    assert.equal((await run(engine)).text, 'A back.');
    engine.dispose();
  });

  it('leaves no request hanging, no socket open and no timer behind', async () => {
    // Timers created by engine code (not the SDK's or Node's own) that are still pending: real
    // ones, and those on the virtual clock the engine and its adapters' watchdog run on.
    clock().traceStacks = true;
    const engineTimers = new Map<number, string>();
    const hook = createHook({
      init(id, type) {
        const stack = new Error().stack ?? '';
        if (type === 'Timeout' && /src[\\/]resilience[\\/]/.test(stack)) engineTimers.set(id, stack);
      },
      destroy(id) {
        engineTimers.delete(id);
      },
    }).enable();
    const a = (await servers.start()).setDefault({
      text: 'alpha beta gamma',
      fault: { type: 'stall', afterTokens: 1 },
    });
    const b = (await servers.start()).setDefault({ text: 'beta gamma', firstTokenDelayMs: 60 });
    const c = (await servers.start()).setDefault({ fault: { type: 'hang' } });
    const { engine } = engineFor([providerFor(c, 'c'), providerFor(a, 'a'), providerFor(b, 'b')], {
      hedging: { enabled: true, minDelayMs: 20, maxDelayMs: 30 },
    });
    for (let i = 0; i < 3; i++) await run(engine);
    const ctrl = new AbortController();
    clock().setTimeout(() => ctrl.abort(), 40);
    await run(engine, ask('x', { signal: ctrl.signal }));
    engine.dispose();
    assert.deepEqual(clock().pendingFrom(/src[\\/](resilience|providers)[\\/]/), [], 'engine or adapter timers still pending on the clock');
    await until(() => servers.unsettled() === 0, 1000); // every request finished or was closed by the client
    for (const s of servers.all) await s.waitForSocketsClosed(2500);
    await servers.closeAll(); // the servers' own scripted-delay timers go with them
    await sleep(5);
    hook.disable();
    assert.deepEqual([...engineTimers.values()], [], 'engine timers still pending');
  }).timeout(8000);
});
