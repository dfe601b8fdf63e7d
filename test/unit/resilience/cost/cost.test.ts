import * as assert from 'node:assert/strict';
import { ask, Servers, engineFor, ofType, providerFor, run } from '../engine/harness';

const usageOf = (r: Awaited<ReturnType<typeof run>>) => {
  const u = r.chunks.find((c) => c.type === 'usage');
  return u?.type === 'usage' ? u.usage : undefined;
};

describe('engine: cost per answer, per provider per day, daily budgets, cheapest policy', () => {
  const servers = new Servers();
  afterEach(() => servers.closeAll());

  it('prices each answer from its usage (cached input at the cached rate) and books it for the day', async () => {
    const s = (await servers.start('openai')).setDefault({
      text: 'a b c',
      usageCounts: { inputTokens: 2000, cachedInputTokens: 1000 },
    });
    const { engine, events } = engineFor([providerFor(s, 'oa', { model: 'gpt-4o-mini' })]);
    const r = await run(engine);
    const expected = (1000 * 0.15 + 1000 * 0.075 + 3 * 0.6) / 1e6;
    assert.equal(usageOf(r)?.costUsd?.toFixed(9), expected.toFixed(9));
    const ev = ofType(events, 'usage')[0];
    assert.equal(ev.providerId, 'oa');
    assert.equal(ev.model, 'gpt-4o-mini');
    await run(engine);
    const [row] = engine.spend();
    assert.equal(row.providerId, 'oa');
    assert.equal(row.answers, 2);
    assert.equal(row.cachedInputTokens, 2000);
    assert.equal(row.usd.toFixed(9), (2 * expected).toFixed(9));
    assert.equal(engine.health()[0].spentTodayUsd?.toFixed(9), (2 * expected).toFixed(9));
    engine.dispose();
  });

  it("the user's price wins; a local provider costs nothing; an unknown model has no cost (not zero)", async () => {
    const s = await servers.start('openai');
    const { engine } = engineFor(
      [
        providerFor(s, 'mine', { model: 'gpt-4o-mini' }),
        providerFor(s, 'local', { trust: 'local' }),
        providerFor(s, 'unknown'),
      ],
      { cost: { prices: [{ model: 'gpt-4o-mini', input: 1_000_000, output: 0 }], dailyBudgetUsd: {}, warnAt: 0.8 } },
    );
    assert.equal(
      usageOf(await run(engine, { messages: [{ role: 'user', content: 'x' }], prefer: 'mine' }))?.costUsd,
      12,
    );
    assert.equal(
      usageOf(await run(engine, { messages: [{ role: 'user', content: 'x' }], prefer: 'local' }))?.costUsd,
      0,
    );
    assert.equal(
      usageOf(await run(engine, { messages: [{ role: 'user', content: 'x' }], prefer: 'unknown' }))?.costUsd,
      undefined,
    );
    assert.equal(engine.spend().find((r) => r.providerId === 'unknown')?.unpriced, 1);
    engine.dispose();
  });

  it('warns near the daily budget, then routes around the provider that spent it, saying so inline', async () => {
    const a = (await servers.start('openai')).setDefault({ text: 'a b c' });
    const b = (await servers.start('anthropic')).setDefault({ text: 'from b' });
    // 12 input + 3 output tokens at $1000/1M = $0.015 an answer; budget $0.04, warning at 50 %.
    const { engine, events } = engineFor([providerFor(a, 'a', { model: 'pricey' }), providerFor(b, 'b')], {
      cost: { prices: [{ model: 'pricey', input: 1000, output: 1000 }], dailyBudgetUsd: { a: 0.04 }, warnAt: 0.5 },
    });
    for (let i = 0; i < 3; i++) assert.equal((await run(engine)).text, 'a b c');
    assert.deepEqual(
      ofType(events, 'budget').map((e) => e.level),
      ['near', 'spent'],
    );
    const r = await run(engine);
    assert.equal(r.text, 'from b');
    const notice = r.chunks.find((c) => c.type === 'notice');
    assert.equal(notice?.type === 'notice' && notice.message, 'A has spent its daily budget; B answered.');
    assert.equal(a.chatRequests.length, 3, 'nothing more was sent to the provider over budget');
    assert.equal(engine.health()[0].hold?.reason, 'budget');
    assert.equal(ofType(events, 'skipped').at(-1)?.reason, 'budget');
    engine.dispose();
  });

  it("a budget on a provider entry counts all its models together; one on a model's own id, that model alone", async () => {
    const a = (await servers.start('openai')).setDefault({ text: 'a b c' });
    const b = (await servers.start('anthropic')).setDefault({ text: 'from b' });
    const prices = [{ model: 'pricey', input: 1000, output: 1000 }];
    // Two deployments of entry "a" on one server: "a" (its first model) and "a/pricey-2"; $0.015 an answer each.
    const providers = [
      providerFor(a, 'a', { model: 'pricey', group: 'a', groupLabel: 'A' }),
      providerFor(a, 'a/pricey-2', { model: 'pricey-2', group: 'a', groupLabel: 'A' }),
      providerFor(b, 'b'),
    ];
    const { engine, events } = engineFor(providers, { cost: { prices, dailyBudgetUsd: { a: 0.04 }, warnAt: 0.5 } });
    const chat = (e: typeof engine, prefer: string) => run(e, ask('hi', { prefer }));
    for (const prefer of ['a', 'a/pricey-2', 'a']) assert.equal((await chat(engine, prefer)).text, 'a b c');
    const warnings = ofType(events, 'budget').map((e) => [e.providerId, e.level]);
    assert.deepEqual(warnings, [['a/pricey-2', 'near'], ['a', 'spent']]);
    const other = await chat(engine, 'a/pricey-2');
    assert.equal(other.text, 'from b', "the second model has spent nothing itself, but the entry's budget is spent");
    assert.match(engine.health()[1].hold?.detail ?? '', /shared by every model of A/);
    assert.equal(engine.health()[1].budgetShared, true);
    engine.dispose();

    const own = engineFor(providers, { cost: { prices, dailyBudgetUsd: { 'a/pricey-2': 0.02 }, warnAt: 0.5 } }).engine;
    for (const prefer of ['a/pricey-2', 'a/pricey-2', 'a']) assert.equal((await chat(own, prefer)).text, 'a b c');
    const held = await chat(own, 'a/pricey-2');
    const by = held.chunks.find((c) => c.type === 'provider');
    assert.equal(by?.type === 'provider' && by.providerId, 'a', 'its own $0.02 is spent; the first model has no budget');
    assert.equal(own.health()[1].hold?.reason, 'budget');
    assert.equal(own.health()[0].hold, undefined);
    assert.equal(own.health()[1].budgetShared, undefined);
    own.dispose();
  });

  it('a budget spent before a restart still holds after restoreSpend', async () => {
    const a = await servers.start('openai');
    const b = (await servers.start('openai')).setDefault({ text: 'from b' });
    const settings = {
      cost: { prices: [{ model: 'pricey', input: 1000, output: 1000 }], dailyBudgetUsd: { a: 0.04 }, warnAt: 0.8 },
    };
    const first = engineFor([providerFor(a, 'a', { model: 'pricey' }), providerFor(b, 'b')], settings).engine;
    for (let i = 0; i < 3; i++) await run(first);
    const saved = JSON.parse(JSON.stringify(first.spend()));
    first.dispose();
    const second = engineFor([providerFor(a, 'a', { model: 'pricey' }), providerFor(b, 'b')], settings).engine;
    second.restoreSpend(saved);
    assert.equal((await run(second)).text, 'from b');
    assert.equal(a.chatRequests.length, 3);
    second.dispose();
  });

  it('cheapest: the lowest expected cost answers; when it cools down, the next cheapest priced one, unknown prices last', async () => {
    const opus = (await servers.start('anthropic')).setDefault({ text: 'opus' });
    const mini = (await servers.start('openai')).setDefault({ text: 'mini' });
    const unknown = (await servers.start('openai')).setDefault({ text: 'unknown' });
    const { engine } = engineFor(
      [
        providerFor(unknown, 'unknown'),
        providerFor(opus, 'opus', { model: 'claude-opus-4-1' }),
        providerFor(mini, 'mini', { model: 'gpt-4o-mini' }),
      ],
      { policy: 'cheapest' },
    );
    assert.equal((await run(engine)).text, 'mini');
    mini.script({ fault: { type: 'status', status: 429, retryAfter: '30' } });
    assert.equal((await run(engine)).text, 'opus');
    assert.equal((await run(engine)).text, 'opus', 'while mini cools down');
    assert.equal(unknown.chatRequests.length, 0);
    engine.dispose();
  });
});
