import * as assert from 'node:assert/strict';
import { ask, engineFor, ofType, providerFor, run, Servers } from './harness';

describe('engine: routing policies and sensitivity', () => {
  const servers = new Servers();
  afterEach(() => servers.closeAll());

  async function three() {
    const a = (await servers.start()).setDefault({ text: 'A.', firstTokenDelayMs: 150 });
    const b = (await servers.start()).setDefault({ text: 'B.' });
    const c = (await servers.start()).setDefault({ text: 'C.', firstTokenDelayMs: 80 });
    return { a, b, c, providers: [providerFor(a, 'a'), providerFor(b, 'b'), providerFor(c, 'c')] };
  }

  it('priority follows settings.order, then configuration order', async () => {
    const { providers } = await three();
    const { engine } = engineFor(providers, { policy: 'priority', order: ['c'] });
    assert.equal((await run(engine)).text, 'C.');
    assert.deepEqual(engine.health().map((h) => h.id), ['c', 'a', 'b']);
    engine.dispose();
  });

  it('fastest picks the lowest expected TTFT once known (probes measure it)', async () => {
    const { providers } = await three();
    const { engine } = engineFor(providers, { policy: 'fastest' });
    assert.equal((await run(engine)).text, 'A.', 'without data: the user order');
    for (const id of ['a', 'b', 'c']) assert.equal((await engine.probe(id)).ok, true);
    // A new conversation (the first one stays where its prompt cache is warm: cacheAffinity.test.ts).
    assert.equal((await run(engine, ask('Another question'))).text, 'B.');
    engine.dispose();
  });

  it('pinned goes first; others only when it fails', async () => {
    const { b, providers } = await three();
    const { engine, events } = engineFor(providers, { policy: 'pinned', pinned: 'b' });
    assert.equal((await run(engine)).text, 'B.');
    b.script({ fault: { type: 'status', status: 503 } });
    assert.equal((await run(engine)).text, 'A.');
    assert.equal(ofType(events, 'fell_back')[0].from, 'b');
    engine.dispose();
  });

  it('a chat can ask for one provider first (a provider:<id> model); the others remain its fallback', async () => {
    const { c, providers } = await three();
    const { engine } = engineFor(providers, { policy: 'priority' });
    assert.equal((await run(engine, ask('Hi', { prefer: 'c' }))).text, 'C.');
    assert.equal((await run(engine)).text, 'A.', 'other chats keep the policy');
    c.script({ fault: { type: 'status', status: 529 } });
    assert.equal((await run(engine, ask('Hi', { prefer: 'c' }))).text, 'A.');
    engine.dispose();
  });

  it('short requests prefer the fast tier', async () => {
    const { providers } = await three();
    const { engine } = engineFor(providers, { fastTier: { maxChars: 20, providers: ['c'] } });
    assert.equal((await run(engine, ask('Hi'))).text, 'C.');
    assert.equal((await run(engine, ask('A much longer question about the code base'))).text, 'A.');
    engine.dispose();
  });

  it('a sensitive request never reaches a cloud provider, even when every local one fails (hedging on)', async () => {
    const cloud = (await servers.start()).setDefault({ text: 'cloud' });
    const local = (await servers.start()).setDefault({ fault: { type: 'status', status: 500 } });
    const { engine, events } = engineFor(
      [providerFor(cloud, 'cloud'), providerFor(local, 'local', { trust: 'local' })],
      {
        hedging: { enabled: true, minDelayMs: 10, maxDelayMs: 20 },
        sensitivity: { detectSecrets: true, fileGlobs: ['**/.env'], allowedTrust: ['local'] },
      },
    );
    const secret = 'sk-proj-' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3';
    for (const input of [
      ask(`why does ${secret} fail?`),
      ask('read this', { files: ['/repo/.env'] }),
      ask('x', { sensitive: true }),
    ]) {
      const r = await run(engine, input);
      assert.equal(r.error?.kind, 'server_error');
    }
    assert.equal(cloud.chatRequests.length, 0, 'the cloud server saw nothing');
    assert.ok(local.chatRequests.length >= 3);
    const blocked = ofType(events, 'sensitivity_blocked');
    assert.equal(blocked.length, 3);
    assert.ok(blocked.every((e) => e.providerId === 'cloud' && !e.reason.includes(secret)));
    assert.equal((await run(engine, ask('not sensitive'))).text, 'cloud');
    engine.dispose();
  });

  it('a sensitive request with no allowed provider fails clearly and sends nothing', async () => {
    const cloud = (await servers.start()).setDefault({ text: 'cloud' });
    const { engine } = engineFor([providerFor(cloud, 'cloud')]);
    const r = await run(engine, ask('x', { sensitive: true }));
    assert.equal(r.error?.kind, 'bad_request');
    assert.match(r.error?.message ?? '', /sensitive/);
    assert.equal(cloud.chatRequests.length, 0);
    engine.dispose();
  });

  it('with every provider disabled, the error says no provider is ready and how to fix it (not "sensitive")', async () => {
    const a = (await servers.start()).setDefault({ text: 'a' });
    const { engine } = engineFor([providerFor(a, 'a')]);
    engine.setEnabled('a', false);
    const r = await run(engine);
    assert.equal(r.error?.kind, 'auth', 'the chat view offers Set API Key for this kind');
    assert.match(r.error?.message ?? '', /no provider is ready/);
    assert.match(r.error?.message ?? '', /Set API Key/);
    assert.doesNotMatch(r.error?.message ?? '', /sensitive/);
    assert.equal(a.chatRequests.length, 0);
    engine.dispose();
  });
});
