import * as assert from 'node:assert/strict';
import { parseProviderSettings } from '../../../src/config/providers';
import { toCard } from '../../../src/dashboard/dashboardModel';
import { openAiFormat } from '../../../src/loopback/formats/openai';
import type { ReplyScript } from '../../../src/loopback/script';
import { LoopbackServer } from '../../../src/loopback/server';
import { ReliabilityRecorder } from '../../../src/presentation/recorder';
import { buildReport, reportMarkdown } from '../../../src/presentation/report';
import { statusView } from '../../../src/presentation/statusModel';
import { ask, clock, engineFor, providerFor, run, Servers } from '../resilience/engine/harness';

/**
 * An entry listing two models (two deployments) and a single-model entry, configured through the
 * real settings parser and answered by loopback servers: every view lists the two models under
 * their provider's label, each with its own state and spend.
 */
describe('views group deployments under their provider', () => {
  const servers = new Servers();
  afterEach(() => servers.closeAll());

  async function setUp() {
    let miniFails = false;
    const limited: ReplyScript = { fault: { type: 'status', status: 429, retryAfterMs: 60_000 } };
    const oa = await LoopbackServer.start(openAiFormat(), {
      clock: clock(),
      respond: (b) => {
        if (b.model !== 'gpt-4o-mini') return { text: 'From 4o.' };
        return miniFails ? limited : { text: 'Mini answer, a little longer.' };
      },
    });
    servers.all.push(oa);
    const backup = (await servers.start('openai')).setDefault({ text: 'From backup.' });
    const { providers } = parseProviderSettings([
      { id: 'oa', protocol: 'openai', baseURL: oa.baseURL, models: ['gpt-4o', 'gpt-4o-mini'] },
      { id: 'backup', protocol: 'openai', label: 'Backup', baseURL: backup.baseURL, model: 'gpt-4o-mini' },
    ]);
    const server = (id: string) => (id === 'backup' ? backup : oa);
    const { engine } = engineFor(
      providers.map((e) => {
        const { model, label, group, groupLabel } = e;
        return providerFor(server(e.id), e.id, { model, label, group, groupLabel });
      }),
    );
    // One answer from each model of OpenAI, then gpt-4o-mini is rate limited.
    assert.equal((await run(engine, ask('hi', { prefer: 'oa' }))).text, 'From 4o.');
    const mini = await run(engine, ask('hi', { prefer: 'oa/gpt-4o-mini' }));
    assert.equal(mini.text, 'Mini answer, a little longer.');
    // The answer names its provider and its model once each ("OpenAI", "gpt-4o-mini").
    assert.deepEqual(mini.chunks.find((c) => c.type === 'provider'), {
      type: 'provider',
      providerId: 'oa/gpt-4o-mini',
      label: 'OpenAI',
      model: 'gpt-4o-mini',
    });
    miniFails = true;
    assert.equal((await run(engine, ask('hi', { prefer: 'oa/gpt-4o-mini' }))).text, 'From 4o.');
    return engine;
  }

  it('status bar tooltip: the provider as a heading row, one row per model with its own state', async () => {
    const engine = await setUp();
    const v = statusView({ health: engine.health(), policy: 'priority', now: clock().now() });
    const rows = v.tooltip.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Provider'));
    assert.match(rows[0], /^\| OpenAI \(2 models\) \| \| \| \| \|$/);
    assert.match(rows[1], /^\| · gpt-4o \| healthy \|/);
    assert.match(rows[2], /^\| · gpt-4o-mini \| cooling down/);
    assert.match(rows[3], /^\| Backup \| healthy \|/);
    assert.equal(rows.length, 4);
    // On its own (the status bar text), a model of OpenAI is named with its model.
    const pinned = statusView({ health: engine.health(), policy: 'pinned', pinned: 'oa', now: clock().now() });
    assert.match(pinned.text, /OpenAI · gpt-4o \d+ ms \$\(pinned\)$/);
    assert.match(pinned.ariaLabel, /pinned to OpenAI · gpt-4o/);
    engine.dispose();
  });

  it('dashboard cards carry their provider entry, and each model its own state and spend', async () => {
    const engine = await setUp();
    const cards = engine.health().map((h) => toCard(h, clock().now()));
    assert.deepEqual(
      cards.map((c) => [c.id, c.group, c.groupLabel, c.model, c.status]),
      [
        ['oa', 'oa', 'OpenAI', 'gpt-4o', 'healthy'],
        ['oa/gpt-4o-mini', 'oa', 'OpenAI', 'gpt-4o-mini', 'cooling_down'],
        ['backup', 'backup', 'Backup', 'gpt-4o-mini', 'healthy'],
      ],
    );
    const [four, mini] = cards;
    assert.ok((four.spentTodayUsd ?? 0) > 0 && (mini.spentTodayUsd ?? 0) > 0, 'each model is priced on its own');
    assert.notEqual(four.spentTodayUsd, mini.spentTodayUsd);
    engine.dispose();
  });

  it('report: models listed under their provider, spend per model per day and a total per provider', async () => {
    const engine = await setUp();
    const r = buildReport(engine.health(), new ReliabilityRecorder(), clock().now(), engine.spend());
    assert.deepEqual(
      r.providers.map((p) => [p.groupLabel, p.model]),
      [['OpenAI', 'gpt-4o'], ['OpenAI', 'gpt-4o-mini'], ['Backup', 'gpt-4o-mini']],
    );
    const md = reportMarkdown(r);
    assert.match(md, /\| OpenAI \| gpt-4o \| healthy \|/);
    assert.match(md, /\| OpenAI \| gpt-4o-mini \| cooling down/);
    const day = r.spend[0].day;
    const spent = (model: string) => r.spend.find((s) => s.model === model && s.group === 'oa')!;
    assert.equal(spent('gpt-4o').answers, 2, 'the chat the rate limit moved to gpt-4o is counted there');
    assert.equal(spent('gpt-4o-mini').answers, 1);
    const lines = md.split('\n').filter((l) => l.startsWith(`| ${day} |`));
    assert.deepEqual(
      lines.map((l) => l.split(' | ').slice(1, 3).join(' / ')),
      ['OpenAI / gpt-4o', 'OpenAI / gpt-4o-mini', 'OpenAI / all 2 models'],
      'Backup answered nothing, so it has no spend line; OpenAI gets a total',
    );
    assert.match(lines[2], / \| 3 \| 0 \| /, 'the total adds up the answers of both models');
    engine.dispose();
  });
});
