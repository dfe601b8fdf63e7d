import * as assert from 'node:assert/strict';
import { engineFor, ofType, providerFor, run, Servers, shape } from './harness';

const ANSWER = 'alpha beta gamma delta epsilon.';

describe('engine: mid-stream failover modes', () => {
  const servers = new Servers();
  afterEach(() => servers.closeAll());

  it('restart: starts over on the next provider and tells the UI to clear the partial', async () => {
    const a = (await servers.start()).script({ text: ANSWER, fault: { type: 'drop', afterTokens: 3 } });
    const b = (await servers.start('anthropic')).setDefault({ text: 'A fresh full answer.' });
    const { engine } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')], { midStream: 'restart' });
    const r = await run(engine);
    assert.equal(r.error, undefined);
    assert.deepEqual(shape(r.chunks), ['provider', 'text', 'provider', 'notice:restarted', 'text', 'usage', 'done']);
    assert.equal(r.text, 'A fresh full answer.');
    assert.equal(r.allText, 'alpha beta gamma A fresh full answer.');
    assert.ok(!JSON.stringify(b.chatRequests[0].body).includes('alpha beta'), 'a restart does not send the partial');
    engine.dispose();
  });

  it('stop: the error keeps the partial and no other provider is asked', async () => {
    const a = (await servers.start()).script({ text: ANSWER, fault: { type: 'stream-error', afterTokens: 3 } });
    const b = await servers.start();
    const { engine, events } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')], { midStream: 'stop' });
    const r = await run(engine);
    assert.ok(r.error);
    assert.equal(r.error.partialText, 'alpha beta gamma ');
    assert.equal(r.error.streamed, true);
    assert.equal(b.chatRequests.length, 0);
    assert.equal(ofType(events, 'chat_failed').length, 1);
    engine.dispose();
  });

  it('continue: two failovers in one answer splice into one text', async () => {
    const a = (await servers.start()).script({ text: ANSWER, fault: { type: 'drop', afterTokens: 2 } });
    const b = (await servers.start('anthropic')).script({ text: 'beta gamma delta', fault: { type: 'stream-error', afterTokens: 2 } });
    const c = (await servers.start('cohere')).setDefault({ text: 'gamma delta epsilon.' });
    const { engine, events } = engineFor([providerFor(a, 'a'), providerFor(b, 'b'), providerFor(c, 'c')]);
    const r = await run(engine);
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(r.text, ANSWER);
    assert.deepEqual(ofType(events, 'continued').map((e) => [e.from, e.to]), [['a', 'b'], ['b', 'c']]);
    assert.ok(JSON.stringify(c.chatRequests[0].body).includes('alpha beta gamma'));
    engine.dispose();
  });

  it('continue: a continuation that does not repeat anything is appended as is', async () => {
    const a = (await servers.start()).script({ text: ANSWER, fault: { type: 'no-finish', afterTokens: 3 } });
    const b = (await servers.start()).setDefault({ text: 'delta epsilon.' });
    const { engine } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')]);
    assert.equal((await run(engine)).text, ANSWER);
    engine.dispose();
  });
});
