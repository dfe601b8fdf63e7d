import * as assert from 'node:assert/strict';
import { ask, engineFor, ofType, providerFor, run, Servers } from './harness';

/** Item 1 of issue 14: a chat that passes over a provider says so inline, like a failover does. */
describe('engine: providers passed over are named inline', () => {
  const servers = new Servers();
  afterEach(() => servers.closeAll());

  async function three() {
    const a = (await servers.start()).setDefault({ text: 'From A.' });
    const b = (await servers.start('anthropic')).setDefault({ text: 'From B.' });
    const c = (await servers.start('cohere')).setDefault({ text: 'From C.' });
    return { a, b, c, providers: [providerFor(a, 'a'), providerFor(b, 'b', { trust: 'local' }), providerFor(c, 'c')] };
  }

  it('a fire drill reroutes the chat with a "skipped" notice and event, and sends nothing to the drilled provider', async () => {
    const { a, providers } = await three();
    const { engine, events } = engineFor(providers);
    engine.simulateOutage('a', 60_000);
    const r = await run(engine);
    assert.equal(r.text, 'From B.');
    const notices = r.chunks.filter((c) => c.type === 'notice');
    assert.deepEqual(
      notices.map((n) => n.type === 'notice' && [n.kind, n.message]),
      [['skipped', 'A is in a fire drill; B answered.']],
    );
    assert.deepEqual(ofType(events, 'skipped').map((e) => [e.providerId, e.reason]), [['a', 'fire_drill']]);
    assert.deepEqual(ofType(events, 'fire_drill').map((e) => e.providerId), ['a']);
    assert.equal(a.chatRequests.length, 0);
    engine.simulateOutage('a', 0);
    const after = await run(engine);
    assert.equal(after.text, 'From A.');
    assert.equal(after.chunks.filter((c) => c.type === 'notice').length, 0, 'no notice once the drill is over');
    engine.dispose();
  });

  it('names every reason in order: isolated, then sensitivity for a cloud provider', async () => {
    const { c, providers } = await three();
    const { engine } = engineFor([providerFor(c, 'c', { trust: 'local' }), providers[0], providers[1]]);
    engine.isolate('c');
    const r = await run(engine, ask('my key is sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD'));
    assert.equal(r.text, 'From B.');
    const n = r.chunks.find((c) => c.type === 'notice');
    assert.equal(n?.type === 'notice' && n.message, 'C is isolated until reset, A may not see this sensitive request; B answered.');
    engine.dispose();
  });

  it('a skip and a failover in one chat: both notices, the skip first', async () => {
    const { a, b, providers } = await three();
    b.setDefault({ fault: { type: 'status', status: 529 } });
    const { engine } = engineFor(providers);
    engine.simulateOutage('a', 60_000);
    const r = await run(engine);
    assert.equal(r.text, 'From C.');
    const kinds = r.chunks.flatMap((c) => (c.type === 'notice' ? [c.kind] : []));
    assert.deepEqual(kinds, ['skipped', 'fell_back']);
    const skip = r.chunks.find((c) => c.type === 'notice' && c.kind === 'skipped');
    assert.equal(skip?.type === 'notice' && skip.message, 'A is in a fire drill; C answered.');
    assert.equal(a.chatRequests.length, 0);
    engine.dispose();
  });

  it('a provider without an API key, ahead in the user\'s order, is named like any other skip', async () => {
    const { a, b, providers } = await three();
    // The user's order: "k" with two models (enabled, no key: the engine has no slot for either;
    // both share the entry's label and key, so the chat names it once), then A, then B.
    const keyless = [{ id: 'k', label: 'OpenAI' }, { id: 'k/gpt-4.1', label: 'OpenAI' }];
    const order = ['k', 'k/gpt-4.1', 'a', 'b'];
    const { engine, events } = engineFor([providers[0], providers[1]], { order, keyless });
    const r = await run(engine);
    assert.equal(r.text, 'From A.');
    const notices = r.chunks.flatMap((c) => (c.type === 'notice' ? [[c.kind, c.message]] : []));
    assert.deepEqual(notices, [['skipped', 'OpenAI has no API key; A answered.']]);
    assert.deepEqual(ofType(events, 'skipped').map((e) => [e.providerId, e.reason]), [['k', 'no_key']]);

    // With a fire drill on A as well, both are named in order; a keyless provider behind the one
    // that answers (here after B) is not: the chat would not have tried it.
    engine.simulateOutage('a', 60_000);
    const drill = await run(engine);
    assert.equal(drill.text, 'From B.');
    const n = drill.chunks.find((c) => c.type === 'notice');
    assert.equal(n?.type === 'notice' && n.message, 'OpenAI has no API key, A is in a fire drill; B answered.');
    engine.dispose();

    const later = engineFor([providers[0], providers[1]], { order: ['a', 'k', 'k/gpt-4.1', 'b'], keyless }).engine;
    const behind = await run(later);
    assert.equal(behind.text, 'From A.');
    assert.equal(behind.chunks.filter((c) => c.type === 'notice').length, 0, 'no notice for a keyless provider behind the answer');
    const sent = [a.chatRequests.length, b.chatRequests.length];
    assert.deepEqual(sent, [2, 1], 'nothing went anywhere but the providers with keys');
    later.dispose();
  });

  it('a disabled provider is the user\'s choice: no notice', async () => {
    const { providers } = await three();
    const { engine } = engineFor(providers);
    engine.setEnabled('a', false);
    const r = await run(engine);
    assert.equal(r.text, 'From B.');
    assert.equal(r.chunks.filter((c) => c.type === 'notice').length, 0);
    engine.dispose();
  });
});
