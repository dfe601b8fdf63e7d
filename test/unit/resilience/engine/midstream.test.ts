import * as assert from 'node:assert/strict';
import { LoopbackServer } from '../../../../src/loopback/server';
import { continuationModel } from '../../../../src/loopback/continuationModel';
import type { ProtocolId } from '../../../../src/core/provider';
import { ask, engineFor, formatFor, ofType, providerFor, run, Servers, shape } from './harness';

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
    // b continues with prefill from "alpha beta" (its trailing space already shown); c is asked to
    // start from the anchor "delta" and repeats one word before it.
    const b = (await servers.start('anthropic')).script({
      tokens: [' gamma', ' delta', ' epsilon.'],
      fault: { type: 'stream-error', afterTokens: 2 },
    });
    const c = (await servers.start('cohere')).setDefault({ text: 'gamma delta epsilon.' });
    const { engine, events } = engineFor([providerFor(a, 'a'), providerFor(b, 'b'), providerFor(c, 'c')]);
    const r = await run(engine);
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(r.text, ANSWER);
    assert.deepEqual(ofType(events, 'continued').map((e) => [e.from, e.to]), [['a', 'b'], ['b', 'c']]);
    assert.ok(
      JSON.stringify(b.chatRequests[0].body).includes('"alpha beta"'),
      'b got the prefill without its trailing space',
    );
    assert.ok(
      JSON.stringify(c.chatRequests[0].body).includes('alpha beta gamma '),
      'c got the partial minus the anchor',
    );
    engine.dispose();
  });

  it('continue: a continuation that does not repeat anything is appended as is', async () => {
    const a = (await servers.start()).script({ text: ANSWER, fault: { type: 'no-finish', afterTokens: 3 } });
    const b = (await servers.start()).setDefault({ text: 'delta epsilon.' });
    const { engine } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')]);
    assert.equal((await run(engine)).text, ANSWER);
    engine.dispose();
  });

  describe('continuation never changes the model\'s text (continuing models over the real SDKs)', () => {
    const started: LoopbackServer[] = [];
    afterEach(async () => {
      await Promise.all(started.splice(0).map((x) => x.close()));
    });
    /** A primary that drops after `cut` chars of `answer`, and a model on `to` that continues it. */
    async function failover(answer: string, cut: number, to: ProtocolId, repeat = 0) {
      const a = (await servers.start('openai')).script({ tokens: [answer.slice(0, cut), answer.slice(cut)], fault: { type: 'stream-error', afterTokens: 1 } });
      const b = await LoopbackServer.start(formatFor(to), { respond: continuationModel(to, () => answer, { repeat }) });
      started.push(b);
      const { engine } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')]);
      const r = await run(engine);
      engine.dispose();
      return { r, b };
    }

    it('bug 1: an Anthropic continuation after a line ending in ":" keeps the next line\'s indentation', async () => {
      const code = 'def area(r):\n    return 3.14159 * r * r\n';
      const { r, b } = await failover(code, 'def area(r):\n'.length, 'anthropic');
      assert.equal(r.error, undefined, r.error?.message);
      assert.equal(r.text, code);
      const msgs = b.chatRequests[0].body.messages as { role: string; content: string }[];
      assert.deepEqual(msgs.at(-1), { role: 'assistant', content: 'def area(r):' }, 'the prefill has no trailing whitespace (the API rejects it)');
    });

    for (const to of ['anthropic', 'cohere'] as const) {
      it(`bug 2: repeated lines, tables and matrices are not trimmed (${to})`, async () => {
        for (const [answer, cut] of [
          ['PASS\nPASS\nPASS\nPASS\n', 10],
          ['| x | y |\n| 1 | 1 |\n| 1 | 1 |\n| 1 | 1 |\n', 20],
          ['[[1, 0],\n [1, 0],\n [1, 0]]', 16],
        ] as const) {
          const { r } = await failover(answer, cut, to);
          assert.equal(r.error, undefined, r.error?.message);
          assert.equal(JSON.stringify(r.text), JSON.stringify(answer));
        }
      });
    }

    it('a model that repeats the last words before going on: the repeat is dropped exactly', async () => {
      const answer = 'The quick brown fox jumps over the lazy dog.';
      const { r } = await failover(answer, 20, 'openai', 12);
      assert.equal(r.text, answer);
    });
  });

  it('a surface that cannot take text back (retractable: false) continues instead of restarting', async () => {
    const a = (await servers.start()).script({ text: ANSWER, fault: { type: 'stream-error', afterTokens: 3 } });
    const b = (await servers.start('anthropic')).setDefault({ text: ' delta epsilon.' });
    const { engine } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')], { midStream: 'restart' });
    const r = await run(engine, ask('Say hello', { retractable: false }));
    assert.equal(r.error, undefined, r.error?.message);
    assert.ok(!shape(r.chunks).includes('notice:restarted'), 'no restart the surface could not show');
    assert.equal(r.allText, ANSWER, 'everything sent to the surface is the answer once');
    engine.dispose();
  });

  it('continueFrom: a resumed answer is continued by the seam rule, and a later failover keeps it', async () => {
    const a = (await servers.start()).script({
      tokens: [' gamma', ' delta'],
      fault: { type: 'stream-error', afterTokens: 1 },
    });
    const b = (await servers.start()).setDefault({ text: 'gamma delta epsilon.' });
    const { engine } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')]);
    const r = await run(engine, ask('Say hello', { continueFrom: 'alpha beta' }));
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal('alpha beta' + r.text, ANSWER);
    assert.ok(
      JSON.stringify(b.chatRequests[0].body).includes('alpha beta '),
      'the fallback was given the resumed text too',
    );
    engine.dispose();
  });
});
