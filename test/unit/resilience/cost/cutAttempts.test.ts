import * as assert from 'node:assert/strict';
import { cutNote } from '../../../../src/core/money';
import { toCard } from '../../../../src/dashboard/dashboardModel';
import { ReliabilityRecorder } from '../../../../src/presentation/recorder';
import { buildReport, reportMarkdown } from '../../../../src/presentation/report';
import { countRequest, countText } from '../../../../src/providers/models/tokens';
import { costOf, priceFor } from '../../../../src/resilience/cost/prices';
import { ask, engineFor, ofType, providerFor, run, Servers } from '../engine/harness';

const ANSWER = 'Cut attempts cost money too: the provider bills every token it generated before the break.';

describe('engine: attempts cut off after producing tokens are billed, estimated where the provider sent no usage', function () {
  this.timeout(30_000); // the first case loads two SDKs; a busy 2-core box can take seconds
  const servers = new Servers();
  afterEach(() => servers.closeAll());
  // Loads the o200k tokenizer (seconds on a busy machine) before any case runs.
  before(function () {
    this.timeout(60_000);
    countText('openai', 'gpt-4o-mini', 'warm up');
  });

  it('a stream dropped mid-answer: input counted from the request, output from the text received (tokenizer), shown as estimated', async () => {
    const a = (await servers.start('openai')).setDefault({ text: ANSWER, fault: { type: 'drop', afterTokens: 5 } });
    const b = (await servers.start('anthropic')).setDefault({ text: 'From B.' });
    const { engine, events } = engineFor([providerFor(a, 'a', { model: 'gpt-4o-mini' }), providerFor(b, 'b')]);
    const r = await run(engine);
    assert.equal(r.error, undefined, r.error?.message);
    const received = ANSWER.split(' ').slice(0, 5).join(' ') + ' ';
    const usage = {
      inputTokens: countRequest('openai', 'gpt-4o-mini', ask().messages),
      outputTokens: countText('openai', 'gpt-4o-mini', received),
    };
    const usd = costOf(usage, priceFor('gpt-4o-mini')!);
    assert.ok(usd > 0 && usage.outputTokens > 0);

    const row = engine.spend().find((x) => x.providerId === 'a');
    assert.deepEqual(
      row && { answers: row.answers, cut: row.cutAttempts, in: row.inputTokens, out: row.outputTokens },
      { answers: 0, cut: 1, in: usage.inputTokens, out: usage.outputTokens },
    );
    assert.equal(row?.usd.toFixed(12), usd.toFixed(12));
    assert.equal(row?.estimatedUsd.toFixed(12), usd.toFixed(12), 'all of it rests on estimates');
    const ev = ofType(events, 'usage').find((e) => e.providerId === 'a');
    assert.equal(ev?.usage.estimated, true, 'telemetry and the spend keeper see it, marked estimated');

    const h = engine.health().find((x) => x.id === 'a')!;
    assert.equal(h.spentTodayUsd?.toFixed(12), usd.toFixed(12), "the provider's day cost includes it");
    const card = toCard(h);
    assert.equal(cutNote(card.cutAttemptsToday, card.spentTodayEstimatedUsd), ` (incl. ~$${usd.toFixed(4)} estimated for 1 cut attempt)`);
    const md = reportMarkdown(buildReport(engine.health(), new ReliabilityRecorder(), Date.now(), engine.spend()));
    const cents = `\\$${usd.toFixed(4).replace('.', '\\.')}`;
    assert.match(md, new RegExp(`\\| A \\| gpt-4o-mini \\| ${cents} \\| ${cents} \\| 0 \\| 1 \\| 0 \\|`));
    engine.dispose();
  });

  it('a stream that fails mid-answer after Anthropic reported its input: the reported input is used, only the output estimated', async () => {
    const a = (await servers.start('anthropic')).setDefault({
      text: ANSWER,
      usageCounts: { inputTokens: 5000 },
      fault: { type: 'stream-error', afterTokens: 4, errorType: 'overloaded_error', message: 'Overloaded' },
    });
    const b = (await servers.start('openai')).setDefault({ text: 'From B.' });
    const { engine } = engineFor([providerFor(a, 'a', { model: 'claude-sonnet-4-5' }), providerFor(b, 'b')]);
    assert.equal((await run(engine)).error, undefined);
    const row = engine.spend().find((x) => x.providerId === 'a');
    const received = ANSWER.split(' ').slice(0, 4).join(' ') + ' ';
    assert.equal(row?.inputTokens, 5000, 'from message_start, not estimated');
    assert.equal(row?.outputTokens, countText('anthropic', 'claude-sonnet-4-5', received));
    assert.equal(row?.cutAttempts, 1);
    assert.ok((row?.estimatedUsd ?? 0) > 0, 'the output part is an estimate, so the row says so');
    engine.dispose();
  });

  it('a hedge that lost after Anthropic reported its input is billed for that input', async () => {
    const slow = { text: ANSWER, firstTokenDelayMs: 500, usageCounts: { inputTokens: 3000 } };
    const a = (await servers.start('anthropic')).setDefault(slow);
    const b = (await servers.start('openai')).setDefault({ text: 'From B.' });
    const { engine, events } = engineFor([providerFor(a, 'a', { model: 'claude-sonnet-4-5', timeouts: { firstTokenMs: 2000 } }), providerFor(b, 'b')], {
      hedging: { enabled: true, minDelayMs: 50, maxDelayMs: 80 },
    });
    assert.equal((await run(engine)).text, 'From B.');
    assert.equal(ofType(events, 'hedge_won')[0]?.loser, 'a');
    const row = engine.spend().find((x) => x.providerId === 'a');
    assert.deepEqual(row && [row.answers, row.cutAttempts, row.inputTokens], [0, 1, 3000]);
    assert.ok((row?.usd ?? 0) > 0);
    engine.dispose();
  });

  it('cut attempts and their estimate survive a restart (the spend keeper saves spend(), restoreSpend reads it)', async () => {
    const a = (await servers.start('openai')).setDefault({ text: ANSWER, fault: { type: 'drop', afterTokens: 3 } });
    const b = (await servers.start('openai')).setDefault({ text: 'From B.' });
    const mini = { model: 'gpt-4o-mini' };
    const first = engineFor([providerFor(a, 'a', mini), providerFor(b, 'b', mini)]).engine;
    await run(first);
    const saved = JSON.parse(JSON.stringify(first.spend())) as unknown;
    first.dispose();
    const second = engineFor([providerFor(a, 'a', mini)]).engine;
    second.restoreSpend(saved);
    const row = second.spend().find((x) => x.providerId === 'a');
    assert.equal(row?.cutAttempts, 1);
    assert.ok((row?.estimatedUsd ?? 0) > 0 && row?.estimatedUsd === row?.usd);
    // Rows saved before cut attempts were counted restore with none.
    second.restoreSpend([{ day: '2026-01-02', providerId: 'old', usd: 1, answers: 2 }]);
    const old = second.spend().find((x) => x.providerId === 'old');
    assert.deepEqual(old && [old.cutAttempts, old.estimatedUsd, old.usd], [0, 0, 1]);
    second.dispose();
  });

  it('costs nothing when the attempt produced nothing (a 529 before any token), and a whole answer is an answer, not a cut', async () => {
    const a = (await servers.start('openai')).setDefault({ fault: { type: 'status', status: 529 } });
    const b = (await servers.start('openai')).setDefault({ text: 'From B.' });
    const mini = { model: 'gpt-4o-mini' };
    const { engine } = engineFor([providerFor(a, 'a', mini), providerFor(b, 'b', mini)]);
    assert.equal((await run(engine)).text, 'From B.');
    assert.equal(engine.spend().find((x) => x.providerId === 'a'), undefined);
    const rowB = engine.spend().find((x) => x.providerId === 'b');
    assert.deepEqual(rowB && [rowB.answers, rowB.cutAttempts, rowB.estimatedUsd], [1, 0, 0]);
    assert.equal(engine.health().find((x) => x.id === 'b')?.cutAttemptsToday, undefined);
    engine.dispose();
  });

  it('a user who stops an answer midway still pays for what was generated', async () => {
    const a = (await servers.start('openai')).setDefault({ text: ANSWER, tokenDelayMs: 5 });
    const { engine } = engineFor([providerFor(a, 'a', { model: 'gpt-4o-mini' })]);
    const ctrl = new AbortController();
    await run(engine, ask('Say hello', { signal: ctrl.signal }), (c) => {
      if (c.type === 'text') ctrl.abort();
    });
    const row = engine.spend().find((x) => x.providerId === 'a');
    assert.equal(row?.cutAttempts, 1);
    assert.ok((row?.outputTokens ?? 0) >= 1);
    engine.dispose();
  });
});
