import * as assert from 'node:assert/strict';
import { ERROR_KINDS, ERROR_POLICY } from '../../../../src/core/errorPolicy';
import { openAiFormat } from '../../../../src/loopback/formats/openai';
import type { ReplyScript } from '../../../../src/loopback/script';
import { LoopbackServer } from '../../../../src/loopback/server';
import { clock, engineFor, providerFor, run, Servers } from './harness';

/**
 * Two models of one OpenAI entry on one loopback server (two deployments of the group "oa"), the
 * real openai SDK in between. A failure of one model stays with it; a failure of the key or the
 * host reaches both.
 */
describe('engine: health per deployment (several models of one provider entry)', () => {
  const servers = new Servers();
  afterEach(() => servers.closeAll());

  async function openAi(opts: { respond?: (model: string) => ReplyScript | undefined; apiKey?: string } = {}) {
    const s = await LoopbackServer.start(openAiFormat(), {
      clock: clock(),
      apiKey: opts.apiKey,
      respond: (body) => opts.respond?.(String(body.model)),
    });
    servers.all.push(s);
    return s;
  }
  /** The entry "oa" with gpt-4o-mini first (so it is tried first) and gpt-4o second. */
  const deployments = (s: LoopbackServer) => [
    providerFor(s, 'oa', { model: 'gpt-4o-mini', group: 'oa' }),
    providerFor(s, 'oa/gpt-4o', { model: 'gpt-4o', group: 'oa' }),
  ];
  const modelsAsked = (s: LoopbackServer) => s.chatRequests.map((r) => r.body.model);
  const stateOf = (h: { id: string; state: string }[], id: string) => h.find((x) => x.id === id)?.state;

  it('a 429 on one model cools down only that model: the other keeps answering', async () => {
    const s = await openAi({
      respond: (m) =>
        m === 'gpt-4o-mini' ? { fault: { type: 'status', status: 429, retryAfterMs: 30_000 } } : { text: 'From gpt-4o.' },
    });
    const { engine } = engineFor(deployments(s));
    const first = await run(engine);
    assert.equal(first.error, undefined);
    assert.equal(first.text, 'From gpt-4o.');
    const h = engine.health();
    assert.equal(stateOf(h, 'oa'), 'cooling_down');
    assert.equal(stateOf(h, 'oa/gpt-4o'), 'healthy');
    assert.equal(h.find((x) => x.id === 'oa/gpt-4o')?.cooldownUntil, undefined);
    // The next chat skips the cooling model and goes straight to its sibling.
    assert.equal((await run(engine)).text, 'From gpt-4o.');
    assert.deepEqual(modelsAsked(s), ['gpt-4o-mini', 'gpt-4o', 'gpt-4o']);
    engine.dispose();
  });

  it('a rejected key (401) marks every model of the entry misconfigured; the other is never tried', async () => {
    const s = await openAi({ apiKey: 'sk-other-FAKEKEY-not-the-configured-one' });
    const other = (await servers.start()).setDefault({ text: 'From the other provider.' });
    const { engine } = engineFor([...deployments(s), providerFor(other, 'other')]);
    const r = await run(engine);
    assert.equal(r.text, 'From the other provider.');
    const h = engine.health();
    assert.equal(stateOf(h, 'oa'), 'misconfigured');
    assert.equal(stateOf(h, 'oa/gpt-4o'), 'misconfigured');
    assert.deepEqual(modelsAsked(s), ['gpt-4o-mini'], 'gpt-4o was not sent a request its key would fail');
    // The next chat passes over both, saying so.
    const next = await run(engine);
    const skipped = next.chunks.filter((c) => c.type === 'notice' && c.kind === 'skipped');
    assert.equal(skipped.length, 1);
    assert.match(JSON.stringify(skipped[0]), /OA[^"]*needs attention.*OA\/GPT-4O[^"]*needs attention/);
    assert.equal(s.chatRequests.length, 1);
    engine.dispose();
  });

  it('a refused connection counts against every model on that host', async () => {
    const s = (await openAi()).refuse();
    const other = (await servers.start()).setDefault({ text: 'From the other provider.' });
    const { engine } = engineFor([...deployments(s), providerFor(other, 'other')], {
      breaker: { consecutiveFailures: 2, failureRate: 1, minRequests: 100, cooldownMs: 60_000 },
    });
    const r = await run(engine);
    assert.equal(r.text, 'From the other provider.');
    // Each model's connection was refused once, and each refusal counted for both: two in a row.
    const h = engine.health();
    assert.deepEqual([stateOf(h, 'oa'), stateOf(h, 'oa/gpt-4o')], ['open', 'open']);
    assert.equal(stateOf(h, 'other'), 'healthy');
    engine.dispose();
  });

  it('the error table says which failures reach the whole entry: key, account and host', () => {
    const wide = ERROR_KINDS.filter((k) => ERROR_POLICY[k].scope === 'endpoint');
    assert.deepEqual(wide.sort(), ['auth', 'network', 'quota_exhausted']);
  });
});
