import * as assert from 'node:assert/strict';
import type { ProviderHealth } from '../../../../src/resilience/api';
import { clock, engineFor, providerFor, run, Servers, until } from './harness';

describe('engine: health snapshots and events', () => {
  const servers = new Servers();
  afterEach(() => servers.closeAll());

  it('onHealth is throttled (at most every 100 ms) and the trailing snapshot is current', async () => {
    const a = (await servers.start()).setDefault({ text: 'A.' });
    const { engine } = engineFor([providerFor(a, 'a')]);
    const seen: { at: number; h: ProviderHealth[] }[] = [];
    engine.onHealth((h) => seen.push({ at: clock().now(), h }));
    const t0 = clock().now();
    for (let i = 0; i < 10; i++) await run(engine);
    await clock().advance(100); // the trailing snapshot is due within one throttle interval
    const elapsed = clock().now() - t0;
    await until(() => seen.length > 0 && seen[seen.length - 1].h[0].requests === 10, 500);
    assert.ok(seen.length <= Math.ceil(elapsed / 100) + 2, `${seen.length} snapshots in ${elapsed} ms`);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i].at - seen[i - 1].at >= 95);
    engine.dispose();
  });

  it('health_changed fires when a cooldown starts and again when it ends by itself', async () => {
    const a = (await servers.start()).script({ fault: { type: 'status', status: 429, retryAfterMs: 120 } });
    const b = (await servers.start()).setDefault({ text: 'B.' });
    const { engine, events } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')]);
    await run(engine);
    await clock().advance(200);
    const changes = events
      .filter((e) => e.type === 'health_changed' && e.providerId === 'a')
      .map((e) => (e.type === 'health_changed' ? `${e.previous}->${e.state}` : ''));
    assert.deepEqual(changes, ['healthy->cooling_down', 'cooling_down->healthy']);
    engine.dispose();
  });

  it('setEnabled takes a provider out of rotation and shows it disabled', async () => {
    const a = (await servers.start()).setDefault({ text: 'A.' });
    const b = (await servers.start()).setDefault({ text: 'B.' });
    const { engine } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')]);
    engine.setEnabled('a', false);
    assert.equal((await run(engine)).text, 'B.');
    assert.equal(engine.health()[0].state, 'disabled');
    assert.equal(a.chatRequests.length, 0);
    engine.dispose();
  });
});
