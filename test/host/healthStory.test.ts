// Issue 14, items 1-5 in a real VS Code: a provider passed over is named inline in the chat,
// every surface (status bar, tooltip, dashboard card, event log, report) says the same state,
// the status bar shows who answered and the pin, pinning a keyless provider warns, and the
// commands say what they did.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import {
  eventually,
  KEYS,
  providers,
  resetSettings,
  TEXT,
  until,
  type Fixture,
  dashboardState,
  status,
} from './support/fixtures';
import { answerText, logLines, newChat, sendFromView, startKeyedFixture } from './support/chatView';

/** The user-facing confirmations logged since `mark` (notify() logs each as `notice: ...`). */
const noticesSince = (mark: number) =>
  logLines()
    .slice(mark)
    .filter((l) => l.includes('notice: '))
    .map((l) => l.slice(l.indexOf('notice: ') + 8));

describe('Switchboard tells the same health story everywhere (issue 14, items 1-5)', function () {
  this.timeout(60_000);
  let f: Fixture;

  before(async () => {
    f = await startKeyedFixture();
    // A third provider with no key saved: configured, but the engine cannot use it.
    await vscode.workspace.getConfiguration('switchboard').update(
      'providers',
      [
        { id: 'alpha', label: 'Alpha', protocol: 'openai', baseURL: f.alpha.baseURL, model: 'loopback-model' },
        { id: 'beta', label: 'Beta', protocol: 'anthropic', baseURL: f.beta.baseURL, model: 'loopback-model' },
        {
          id: 'gamma',
          label: 'Gamma',
          protocol: 'openai',
          baseURL: f.alpha.baseURL.replace('127.0.0.1', 'localhost'),
          model: 'loopback-model',
        },
      ],
      vscode.ConfigurationTarget.Global,
    );
    await until(
      async () => (await providers()).find((p) => p.id === 'gamma')?.missingKey === true,
      'gamma without a key',
    );
    // Earlier suites share the providers' ids (and so their health): start from healthy ones.
    for (const id of ['alpha', 'beta']) await vscode.commands.executeCommand('switchboard.resetProvider', id);
    await newChat();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await newChat();
    for (const id of ['alpha', 'beta']) {
      await vscode.commands.executeCommand('switchboard.simulateOutage', { providerId: id, minutes: 0 });
      await vscode.commands.executeCommand('switchboard.resetProvider', id);
      await vscode.commands.executeCommand('switchboard.removeApiKey', id);
    }
    await resetSettings();
    await f.dispose();
  });

  it('a fire drill: the answer names the provider passed over; tooltip, dashboard card, event log and report say "fire drill"', async () => {
    f.alpha.reset();
    await vscode.commands.executeCommand('switchboard.simulateOutage', { providerId: 'alpha', minutes: 2 });
    const turn = await sendFromView('Who answers during the drill?');
    assert.equal(answerText(turn), TEXT.beta);
    const notices = (turn.parts ?? []).filter((p) => p.type === 'notice');
    assert.deepEqual(
      notices.map((n) => [n.kind, n.message]),
      [['skipped', 'Alpha is in a fire drill; Beta answered.']],
    );
    assert.equal(f.alpha.chatRequests.length, 0, 'the drilled provider got nothing');

    await eventually(async () => {
      const s = await status();
      assert.match(s.text, /Beta/);
      assert.match(s.text, /\$\(flame\)/);
      const row = s.tooltip.split('\n').find((l) => l.startsWith('| Alpha')) ?? '';
      assert.match(row, /\| fire drill, (2 min|1 min \d+ s) left \|.*\| closed \|$/, row);
      assert.match(s.tooltip, /Last answer: \*\*Beta\*\*/);
    }, 'the status bar to show the fire drill and who answered');

    await vscode.commands.executeCommand('switchboard.openDashboard');
    await until(async () => (await dashboardState()).open, 'the dashboard');
    const d = await dashboardState();
    const card = d.cards.find((c) => c.id === 'alpha');
    assert.deepEqual([card?.status, card?.breaker], ['fire_drill', 'closed'], 'the card says fire drill and its breaker row agrees');
    const texts = d.events.map((e) => e.text);
    for (const want of [
      'Fire drill: Alpha fails for 2 min',
      'Alpha: healthy → fire drill',
      'Passed over Alpha (fire drill)',
    ]) {
      assert.ok(texts.includes(want), `event log has "${want}": ${JSON.stringify(texts.slice(-8))}`);
    }

    const dir = mkdtempSync(join(tmpdir(), 'sb-report-'));
    const [md] = (await vscode.commands.executeCommand<string[]>('switchboard.exportReport', { folder: dir }))!;
    const report = readFileSync(md, 'utf8');
    assert.match(report, /Fire drills: 1 \(1 chat rerouted\)/);
    assert.match(report, /\| Alpha \| loopback-model \| fire drill, [^|]+ left \|/);
    assert.match(report, /— Alpha: fire drill started \(2 min\)/);

    await vscode.commands.executeCommand('switchboard.simulateOutage', { providerId: 'alpha', minutes: 0 });
    const back = await sendFromView('And now?');
    assert.equal(answerText(back), TEXT.alpha);
    assert.equal((back.parts ?? []).filter((p) => p.type === 'notice').length, 0, 'no notice once the drill ended');

    // Item 10: each answer carries the tokens its provider reported (Anthropic sends input and
    // output in separate events; both arrive).
    for (const [t, who] of [[turn, 'Beta (Anthropic wire format)'], [back, 'Alpha (OpenAI wire format)']] as const) {
      type UsagePart = { inputTokens?: number; outputTokens?: number } | undefined;
      const usage = (t.parts ?? []).find((p) => p.type === 'usage') as UsagePart;
      assert.ok(usage && usage.inputTokens! > 0 && usage.outputTokens! > 0, `${who}: usage ${JSON.stringify(usage)}`);
    }
  });

  it('pinning a provider without a key warns and offers Set API Key; the status bar shows the pin and who answered instead', async () => {
    const mark = logLines().length;
    assert.equal(await vscode.commands.executeCommand('switchboard.switchProvider', 'gamma'), 'gamma');
    await until(
      () => vscode.workspace.getConfiguration('switchboard').get('routing.pinnedProvider') === 'gamma',
      'the pin',
    );
    await until(
      () => noticesSince(mark).some((n) => n.startsWith('pinned to Gamma, but it has no API key')),
      'the no-key warning',
    );
    await eventually(async () => {
      const pinned = await status();
      assert.match(pinned.text, /^\$\(key\) Gamma \$\(pinned\)/);
      assert.equal(pinned.severity, 'warning');
      assert.match(pinned.tooltip, /Pinned Gamma has no API key: other providers answer\. \[Set API Key\]/);
    }, 'the status bar to show the keyless pin');
    const turn = await sendFromView('Pinned to a keyless provider?');
    assert.equal(answerText(turn), TEXT.alpha);
    // Item 1: the chat names the provider it passed over for want of a key, like any other skip.
    const notices = (turn.parts ?? []).filter((p) => p.type === 'notice');
    assert.deepEqual(notices.map((n) => [n.kind, n.message]), [['skipped', 'Gamma has no API key; Alpha answered.']]);
    await eventually(async () => {
      const after = await status();
      assert.match(after.text, /^\$\(key\) Gamma \$\(pinned\) \$\(arrow-right\) Alpha/, 'Gamma is never shown as having answered');
    }, 'the status bar to show who answered instead of the pin');
    // Disabling the keyless provider is the user's own choice: the next answer names nothing.
    await vscode.commands.executeCommand('switchboard.disableProvider', 'gamma');
    const quiet = await sendFromView('And with Gamma disabled?');
    assert.equal(answerText(quiet), TEXT.alpha);
    assert.deepEqual((quiet.parts ?? []).filter((p) => p.type === 'notice'), [], 'no notice for a disabled provider');
    await vscode.commands.executeCommand('switchboard.enableProvider', 'gamma');
    assert.equal(await vscode.commands.executeCommand('switchboard.switchProvider', 'auto:priority'), 'auto:priority');
  });

  it('Run Health Check names each provider\'s result; Reset and Remove API Key say what they did', async () => {
    let mark = logLines().length;
    const results =
      await vscode.commands.executeCommand<{ providerId: string; label: string; ok: boolean }[]>(
        'switchboard.runHealthCheck',
      );
    assert.deepEqual(results?.map((r) => [r.label, r.ok]), [['Alpha', true], ['Beta', true]]);
    const summary = noticesSince(mark).find((n) => n.startsWith('Health check:')) ?? '';
    assert.match(summary, /^Health check: Alpha: OK, first token \d+ ms · Beta: OK, first token \d+ ms · Gamma: no API key\.$/, summary);

    mark = logLines().length;
    await vscode.commands.executeCommand('switchboard.resetProvider', 'alpha');
    assert.ok(noticesSince(mark).includes('Alpha was reset: breaker closed; cooldown, fire drill and stats cleared.'), JSON.stringify(noticesSince(mark)));

    mark = logLines().length;
    assert.equal(await vscode.commands.executeCommand('switchboard.removeApiKey', 'beta'), true);
    assert.ok(noticesSince(mark).some((n) => n.startsWith('The API key for Beta was removed from secret storage')), JSON.stringify(noticesSince(mark)));
    await until(
      async () => (await providers()).find((p) => p.id === 'beta')?.missingKey === true,
      'beta without its key',
    );
    await vscode.commands.executeCommand('switchboard.setApiKey', { providerId: 'beta', key: KEYS.beta });
  });
});
