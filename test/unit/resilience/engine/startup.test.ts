import * as assert from 'node:assert/strict';
import { createEngine, mergeSettings } from '../../../../src/resilience';
import { ask, clock, providerFor, run, Servers, TEST_SETTINGS } from './harness';

describe('engine: a chat sent while the extension is still starting', () => {
  const servers = new Servers();
  afterEach(() => servers.closeAll());

  it('waits for the first configuration and is then answered, instead of failing', async () => {
    const a = (await servers.start()).setDefault({ text: 'A answers.' });
    const engine = createEngine({ clock: clock() });
    const pending = run(engine);
    await clock().advance(2000); // keys, settings and local servers take their time
    engine.configure([providerFor(a, 'a')], mergeSettings(TEST_SETTINGS));
    const r = await pending;
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(r.text, 'A answers.');
    engine.dispose();
  });

  it('can be cancelled while it waits, and ends when the engine is disposed', async () => {
    const engine = createEngine({ clock: clock() });
    const ctrl = new AbortController();
    const cancelled = run(engine, ask('x', { signal: ctrl.signal }));
    const orphan = run(engine);
    ctrl.abort();
    assert.equal((await cancelled).error?.kind, 'cancelled');
    engine.dispose();
    assert.equal((await orphan).error?.kind, 'cancelled');
  });
});
