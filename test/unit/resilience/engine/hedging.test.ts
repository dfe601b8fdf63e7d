import * as assert from 'node:assert/strict';
import { engineFor, ofType, providerFor, run, Servers, shape, until } from './harness';

describe('engine: hedged requests', () => {
  const servers = new Servers();
  afterEach(() => servers.closeAll());
  const HEDGE = { hedging: { enabled: true, minDelayMs: 50, maxDelayMs: 80 } };

  it('a slow primary is hedged; the faster provider wins and the loser socket is closed', async () => {
    const a = (await servers.start()).setDefault({ text: 'Slow A text.', firstTokenDelayMs: 800 });
    const b = (await servers.start()).setDefault({ text: 'Fast B text.' });
    const { engine, events } = engineFor([providerFor(a, 'a', { timeouts: { firstTokenMs: 2000 } }), providerFor(b, 'b')], HEDGE);
    const r = await run(engine);
    assert.equal(r.text, 'Fast B text.', 'nothing of the loser is kept');
    assert.ok(r.ms < 500, `hedge answered in ${r.ms} ms`);
    assert.deepEqual(shape(r.chunks), ['provider', 'notice:hedge_won', 'text', 'usage', 'done']);
    const fired = ofType(events, 'hedge_fired')[0];
    assert.deepEqual([fired.primary, fired.hedge], ['a', 'b']);
    assert.ok(fired.afterMs >= 50 && fired.afterMs <= 80);
    const won = ofType(events, 'hedge_won')[0];
    assert.deepEqual([won.winner, won.loser], ['b', 'a']);
    await until(() => a.chatRequests[0]?.clientClosed === true, 1000);
    const ha = engine.health()[0];
    assert.equal(ha.lastError?.kind, 'stalled', 'losing the race without a first token counts as slow in health');
    assert.equal(ha.breaker, 'closed', 'but not against the breaker');
    engine.dispose();
  });

  it('a primary that hangs is hedged, then moves behind the healthy provider so later chats do not wait', async () => {
    const a = (await servers.start()).setDefault({ fault: { type: 'hang' } });
    const b = (await servers.start()).setDefault({ text: 'B answers.' });
    const { engine, events } = engineFor([providerFor(a, 'a', { timeouts: { headersMs: 5000, firstTokenMs: 5000 } }), providerFor(b, 'b')], HEDGE);
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await run(engine);
      assert.equal(r.text, 'B answers.');
      times.push(r.ms);
    }
    assert.equal(ofType(events, 'hedge_fired').length, 3, 'three hedges, then the hanging primary is known to be degraded');
    assert.equal(a.chatRequests.length, 3);
    assert.equal(engine.health()[0].state, 'degraded');
    assert.ok(Math.max(...times.slice(3)) < 300, `later chats go straight to B: ${times.map(Math.round).join(', ')} ms`);
    engine.dispose();
  });

  it('chats already waiting on a hanging primary get their hedge once it is known to fail, even with the budget spent', async () => {
    const a = (await servers.start()).setDefault({ fault: { type: 'hang' } });
    const b = (await servers.start()).setDefault({ text: 'B answers.' });
    const { engine } = engineFor([providerFor(a, 'a', { timeouts: { headersMs: 5000, firstTokenMs: 5000 } }), providerFor(b, 'b')], {
      ...HEDGE,
      retryBudget: { ratio: 0, windowMs: 60_000, minPerWindow: 3 },
    });
    const runs = await Promise.all(Array.from({ length: 6 }, () => run(engine)));
    for (const r of runs) assert.equal(r.text, 'B answers.');
    assert.ok(Math.max(...runs.map((r) => r.ms)) < 2000, `every chat answered without waiting for the 5 s timeout: ${runs.map((r) => Math.round(r.ms)).join(', ')} ms`);
    engine.dispose();
  });

  it('when the primary still answers first, the hedge is aborted', async () => {
    const a = (await servers.start()).setDefault({ text: 'A wins.', firstTokenDelayMs: 120 });
    const b = (await servers.start()).setDefault({ text: 'B loses.', firstTokenDelayMs: 600 });
    const { engine, events } = engineFor(
      [providerFor(a, 'a'), providerFor(b, 'b', { timeouts: { firstTokenMs: 2000 } })],
      HEDGE,
    );
    const r = await run(engine);
    assert.equal(r.text, 'A wins.');
    assert.equal(ofType(events, 'hedge_fired').length, 1);
    assert.deepEqual(ofType(events, 'hedge_won').map((e) => e.winner), ['a']);
    await until(() => b.chatRequests[0]?.clientClosed === true, 1000);
    engine.dispose();
  });

  it('a hedge spends the retry budget: with none left, no hedge fires', async () => {
    const a = (await servers.start()).setDefault({ text: 'A.', firstTokenDelayMs: 150 });
    const b = await servers.start();
    const { engine, events } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')], {
      ...HEDGE,
      retryBudget: { ratio: 0, windowMs: 60_000, minPerWindow: 0 },
    });
    assert.equal((await run(engine)).text, 'A.');
    assert.equal(ofType(events, 'hedge_fired').length, 0);
    assert.equal(b.chatRequests.length, 0);
    engine.dispose();
  });

  it('hedge delay follows the primary TTFT tail once 20 samples are known (floor applies)', async () => {
    const a = (await servers.start()).setDefault({ text: 'A.' });
    const b = await servers.start();
    const { engine, events } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')], {
      hedging: { enabled: true, minDelayMs: 60, maxDelayMs: 5000 },
    });
    for (let i = 0; i < 20; i++) await run(engine);
    a.setDefault({ text: 'A slow now.', firstTokenDelayMs: 400 });
    b.setDefault({ text: 'B.' });
    const r = await run(engine);
    assert.equal(r.text, 'B.');
    const fired = ofType(events, 'hedge_fired')[0];
    assert.ok(fired.afterMs < 300, `hedged after ${fired.afterMs} ms, not the 5 s cap`);
    engine.dispose();
  });
});
