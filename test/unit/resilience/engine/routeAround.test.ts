import * as assert from 'node:assert/strict';
import { PROBE_PROMPT } from '../../../../src/resilience/router/probe';
import { clock, engineFor, providerFor, run, Servers } from './harness';

describe('engine: routing around a failing provider', () => {
  const servers = new Servers();
  afterEach(() => servers.closeAll());

  it('with a real retry budget, every chat is answered while the primary fails; the primary moves behind the healthy one', async () => {
    const a = (await servers.start()).setDefault({ fault: { type: 'status', status: 529 } });
    const b = (await servers.start()).setDefault({ text: 'From B.' });
    const { engine } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')], {
      retryBudget: { ratio: 0.1, windowMs: 60_000, minPerWindow: 3 },
      breaker: { consecutiveFailures: 1000, failureRate: 1, minRequests: 1000, cooldownMs: 1000 },
      recovery: { probeEveryMs: 1000 },
    });
    // Users' chats, not the engine's tiny background health probes.
    const chatsAt = (s: typeof a) =>
      s.chatRequests.filter((r) => !JSON.stringify(r.body).includes(PROBE_PROMPT)).length;
    for (let i = 0; i < 30; i++) {
      const r = await run(engine);
      assert.equal(r.error, undefined, `chat ${i}: ${r.error?.message}`);
      assert.equal(r.text, 'From B.');
      await clock().advance(50);
    }
    assert.ok(chatsAt(a) <= 3, `the failing primary got ${chatsAt(a)} of 30 chats`);
    assert.equal(engine.health().find((h) => h.id === 'a')?.state, 'degraded');

    // It recovers: health probes notice within the probe interval, and prompt answers bring it back first.
    a.setDefault({ text: 'From A.' });
    const answers: string[] = [];
    for (let i = 0; i < 12; i++) {
      await clock().advance(2100);
      answers.push((await run(engine)).text);
    }
    assert.equal(answers[0], 'From A.', 'the first chat after the probe interval goes to the primary');
    assert.deepEqual(answers.slice(-3), ['From A.', 'From A.', 'From A.']);
    assert.equal(engine.health().find((h) => h.id === 'a')?.state, 'healthy');
    engine.dispose();
  });
});
