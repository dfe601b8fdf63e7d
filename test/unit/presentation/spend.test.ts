import * as assert from 'node:assert/strict';
import { readCostSettings, readPacingSettings } from '../../../src/config/costSettings';
import { usd } from '../../../src/core/money';
import { toCard } from '../../../src/dashboard/dashboardModel';
import { ReliabilityRecorder } from '../../../src/presentation/recorder';
import { buildReport, reportMarkdown } from '../../../src/presentation/report';
import { Servers, engineFor, providerFor, run } from '../resilience/engine/harness';

describe('spend on the dashboard and in the report', () => {
  const servers = new Servers();
  afterEach(() => servers.closeAll());

  it('a dashboard card shows spend against the budget, and why a healthy provider is held', async () => {
    const a = (await servers.start('openai')).setDefault({ text: 'a b c' });
    const b = (await servers.start('openai')).setDefault({ text: 'b' });
    const { engine } = engineFor([providerFor(a, 'a', { model: 'pricey' }), providerFor(b, 'b')], {
      cost: { prices: [{ model: 'pricey', input: 1000, output: 1000 }], dailyBudgetUsd: { a: 0.02 }, warnAt: 0.8 },
    });
    await run(engine);
    await run(engine);
    const card = toCard(engine.health()[0]);
    assert.equal(card.spentTodayUsd?.toFixed(3), '0.030');
    assert.equal(card.dailyBudgetUsd, 0.02);
    assert.match(card.hold ?? '', /^budget: spent \$0\.03 of its \$0\.02 daily budget$/);
    assert.equal(toCard(engine.health()[1]).hold, undefined);
    engine.dispose();
  });

  it('the report lists spend per provider per day by label, unpriced answers apart, and states the price date', async () => {
    const a = (await servers.start('anthropic')).setDefault({
      text: 'x y',
      usageCounts: { inputTokens: 1000, cachedInputTokens: 800 },
    });
    const { engine } = engineFor([
      providerFor(a, 'a', { label: 'Work Anthropic', model: 'claude-sonnet-4-6' }),
      providerFor(a, 'u', { label: 'Unknown' }),
    ]);
    await run(engine);
    await run(engine, { messages: [{ role: 'user', content: 'hi' }], prefer: 'u' });
    const r = buildReport(engine.health(), new ReliabilityRecorder(), Date.now(), engine.spend());
    const md = reportMarkdown(r);
    // 200 plain input at $3/1M + 800 cached at $0.30/1M + 2 output at $15/1M = $0.00087.
    assert.match(md, /\| 2026-01-01 \| Work Anthropic \| claude-sonnet-4-6 \| \$0\.0009 \| \$0 \| 1 \| 0 \| 0 \| 1000 \| 800 \| 2 \|/);
    assert.match(md, /\| 2026-01-01 \| Unknown \| loopback-model \| \$0 \| \$0 \| 1 \| 0 \| 1 \| 1000 \| 800 \| 2 \|/);
    assert.match(md, /list prices of 2025-10; prices change/);
    engine.dispose();
  });

  it('money reads as cents for a day and to the hundredth of a cent for an answer', () => {
    assert.equal(usd(undefined), '—');
    assert.equal(usd(0), '$0');
    assert.equal(usd(0.00087), '$0.0009');
    assert.equal(usd(12.345), '$12.35');
  });
});

describe('cost and pacing settings', () => {
  it('keeps valid entries and says how to fix each broken one', () => {
    const values: Record<string, unknown> = {
      'cost.prices': [
        { model: 'my-model', input: 1, output: 2, cachedInput: 0.5 },
        { model: 'x', input: 'cheap', output: 1 },
        { input: 1, output: 1 },
      ],
      'cost.dailyBudgets': [
        { provider: 'openai', usd: 5 },
        { provider: 'anthropic', usd: 0 },
      ],
      'cost.budgetWarnPercent': 150,
      'pacing.limits': [
        { provider: 'openai', rpm: 60, concurrency: 2 },
        { provider: 'cohere' },
        { provider: 'x', tpm: -1 },
      ],
    };
    const get = (k: string) => values[k];
    const cost = readCostSettings(get);
    assert.deepEqual(cost.value.prices, [{ model: 'my-model', input: 1, output: 2, cachedInput: 0.5 }]);
    assert.deepEqual(cost.value.dailyBudgetUsd, { openai: 5 });
    assert.equal(cost.value.warnAt, 1);
    assert.deepEqual(cost.problems, [
      'switchboard.cost.prices[1] (x) needs "input" and "output" prices in USD per 1M tokens (numbers, 0 or more).',
      'switchboard.cost.prices[2] needs "model" (a model id, or the start of one).',
      'switchboard.cost.dailyBudgets[1] (anthropic) needs "usd", the daily budget in USD (more than 0).',
    ]);
    const pacing = readPacingSettings(get);
    assert.deepEqual(pacing.value.limits, { openai: { rpm: 60, concurrency: 2 } });
    assert.deepEqual(pacing.problems, [
      'switchboard.pacing.limits[1] (cohere) sets no limit: add "rpm", "tpm" or "concurrency".',
      'switchboard.pacing.limits[2] (x): "tpm" must be a number, 1 or more.',
    ]);
    assert.deepEqual(readCostSettings(() => 'junk').problems, [
      '"switchboard.cost.prices" must be a list; using none.',
      '"switchboard.cost.dailyBudgets" must be a list; using none.',
    ]);
  });
});
