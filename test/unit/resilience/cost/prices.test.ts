import * as assert from 'node:assert/strict';
import { costOf, DEFAULT_PRICES, priceFor } from '../../../../src/resilience/cost/prices';
import { dayOf, SpendLedger } from '../../../../src/resilience/cost/ledger';

describe('price table', () => {
  it('prices dated and vendor-prefixed model ids by the longest matching entry, never a different model', () => {
    assert.equal(priceFor('gpt-4o-2024-08-06')?.model, 'gpt-4o');
    assert.equal(priceFor('gpt-4o-mini-2024-07-18')?.model, 'gpt-4o-mini');
    assert.equal(priceFor('openai/gpt-4o-mini')?.model, 'gpt-4o-mini');
    assert.equal(priceFor('claude-sonnet-4-5-20250929')?.model, 'claude-sonnet-4-5');
    assert.equal(priceFor('gpt-4ox'), undefined, 'a different name is not a variant');
    assert.equal(priceFor('loopback-model'), undefined);
  });

  it("the user's entry wins over the default", () => {
    assert.equal(priceFor('gpt-4o-mini', [{ model: 'gpt-4o-mini', input: 9, output: 9 }])?.input, 9);
    assert.ok(DEFAULT_PRICES.every((p) => p.input >= 0 && p.output >= 0));
  });

  it('bills cache reads and writes at their own rates', () => {
    const price = { model: 'm', input: 3, cachedInput: 0.3, cacheWrite: 3.75, output: 15 };
    // 1M input of which 0.5M cached and 0.2M written, 0.1M output.
    const usd = costOf(
      { inputTokens: 1_000_000, cachedInputTokens: 500_000, cacheWriteTokens: 200_000, outputTokens: 100_000 },
      price,
    );
    assert.equal(usd.toFixed(4), (0.3 * 3 + 0.5 * 0.3 + 0.2 * 3.75 + 0.1 * 15).toFixed(4));
  });
});

describe('spend ledger', () => {
  it('books spend per provider per local day, survives a snapshot round trip and drops malformed rows', () => {
    const l = new SpendLedger();
    const day1 = new Date(2026, 0, 1, 10).getTime();
    const day2 = new Date(2026, 0, 2, 10).getTime();
    l.add('a', { inputTokens: 10, outputTokens: 5 }, 0.5, day1);
    l.add('a', { inputTokens: 10, outputTokens: 5 }, 0.25, day1);
    l.add('a', { inputTokens: 10, outputTokens: 5 }, undefined, day2);
    l.add('b', { inputTokens: 1 }, 1, day2);
    assert.equal(l.spentOn('a', day1), 0.75);
    assert.equal(l.spentOn('a', day2), 0);
    const copy = new SpendLedger();
    copy.restore([...l.snapshot(), { day: 'yesterday', providerId: 'x', usd: 1 }, null]);
    assert.deepEqual(copy.snapshot(), l.snapshot());
    const row = copy.snapshot().find((r) => r.providerId === 'a' && r.day === dayOf(day2));
    assert.equal(row?.unpriced, 1, 'an answer without a price is counted as unpriced, not as free');
  });
});
