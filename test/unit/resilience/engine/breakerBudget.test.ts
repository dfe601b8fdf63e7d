import * as assert from 'node:assert/strict';
import { clock, engineFor, ofType, providerFor, run, Servers } from './harness';

describe('engine: breaker and retry budget', () => {
  const servers = new Servers();
  afterEach(() => servers.closeAll());

  it('the breaker opens, lets one probe through after the cooldown, and closes on success', async () => {
    const a = (await servers.start()).setDefault({ fault: { type: 'status', status: 500 } });
    const b = (await servers.start()).setDefault({ text: 'B.' });
    const { engine, events } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')], {
      breaker: { consecutiveFailures: 2, failureRate: 1, minRequests: 100, cooldownMs: 400 },
    });
    for (let i = 0; i < 2; i++) assert.equal((await run(engine)).text, 'B.');
    assert.equal(engine.health()[0].breaker, 'open');
    assert.equal(engine.health()[0].state, 'open');
    assert.equal((await run(engine)).text, 'B.');
    assert.equal(a.chatRequests.length, 2, 'an open breaker takes no traffic');
    await clock().advance(420);
    a.setDefault({ text: 'A is back.' });
    assert.equal((await run(engine)).text, 'A is back.');
    assert.equal(a.chatRequests.length, 3);
    assert.deepEqual(
      ofType(events, 'breaker')
        .filter((e) => e.providerId === 'a')
        .map((e) => e.state),
      ['open', 'half_open', 'closed'],
    );
    const changes = ofType(events, 'health_changed').filter((e) => e.providerId === 'a').map((e) => e.state);
    assert.ok(changes.includes('open') && changes[changes.length - 1] === 'healthy', changes.join());
    engine.dispose();
  });

  it('never opens the breaker of the last usable provider', async () => {
    const a = (await servers.start()).setDefault({ fault: { type: 'status', status: 500 } });
    const { engine } = engineFor([providerFor(a, 'a')], {
      maxAttemptsPerChat: 1,
      breaker: { consecutiveFailures: 2, failureRate: 1, minRequests: 100, cooldownMs: 10_000 },
    });
    for (let i = 0; i < 4; i++) assert.equal((await run(engine)).error?.kind, 'server_error');
    assert.equal(engine.health()[0].breaker, 'closed');
    assert.equal(a.chatRequests.length, 4);
    engine.dispose();
  });

  it('isolate keeps a provider out until reset', async () => {
    const a = (await servers.start()).setDefault({ text: 'A.' });
    const b = (await servers.start()).setDefault({ text: 'B.' });
    const { engine } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')]);
    engine.isolate('a');
    assert.equal((await run(engine)).text, 'B.');
    assert.equal(engine.health()[0].breaker, 'isolated');
    engine.reset('a');
    assert.equal((await run(engine)).text, 'A.');
    assert.equal(a.chatRequests.length, 1);
    engine.dispose();
  });

  it('the retry budget holds under 100% failure: extra attempts stay within ratio x requests', async () => {
    const a = (await servers.start()).setDefault({ fault: { type: 'status', status: 500 } });
    const b = (await servers.start()).setDefault({ fault: { type: 'status', status: 503 } });
    const { engine } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')], {
      maxAttemptsPerChat: 4,
      retryBudget: { ratio: 0.1, windowMs: 60_000, minPerWindow: 2 },
      breaker: { consecutiveFailures: 1000, failureRate: 1, minRequests: 1000, cooldownMs: 1000 },
    });
    const chats = 30;
    for (let i = 0; i < chats; i++) assert.ok((await run(engine)).error);
    const upstream = a.chatRequests.length + b.chatRequests.length;
    assert.ok(upstream >= chats, `${upstream}`);
    // Each chat may try each provider once for free (moving a chat to a provider it has not tried
    // adds no load to the one that failed; breakers bound a failing provider's own load); repeats
    // on a provider already tried are the budgeted extras (10%, at least minPerWindow).
    const providers = 2;
    assert.ok(upstream <= providers * chats + Math.max(2, 0.1 * chats), `${upstream} upstream attempts for ${chats} chats (4 each without a budget)`);
    const late = a.chatRequests.length + b.chatRequests.length;
    for (let i = 0; i < chats; i++) assert.ok((await run(engine)).error);
    const more = a.chatRequests.length + b.chatRequests.length - late;
    assert.ok(more <= providers * chats + 0.1 * chats + 2, `once both are known to fail, ${more} attempts for ${chats} more chats`);
    engine.dispose();
  });
});
