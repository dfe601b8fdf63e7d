// Issue 15, item 1 in a real VS Code: a provider entry listing two models becomes two deployments
// that share the entry's saved key, and the dashboard, the status bar tooltip and the exported
// report list both models under the provider's label, each with its own state and spend.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import {
  applied,
  ask,
  dashboardState,
  eventually,
  KEYS,
  providers,
  resetSettings,
  status,
  until,
  type Fixture,
} from './support/fixtures';
import { startKeyedFixture } from './support/chatView';

describe('A provider with several models: one deployment per model, grouped in every view (issue 15)', function () {
  this.timeout(60_000);
  let f: Fixture;

  before(async () => {
    f = await startKeyedFixture();
    // Alpha now lists two models; its key was saved once, for the entry.
    await vscode.workspace.getConfiguration('switchboard').update(
      'providers',
      [
        {
          id: 'alpha',
          label: 'Alpha',
          protocol: 'openai',
          baseURL: f.alpha.baseURL,
          models: ['loopback-model', 'loopback-mini'],
        },
        { id: 'beta', label: 'Beta', protocol: 'anthropic', baseURL: f.beta.baseURL, model: 'loopback-model' },
      ],
      vscode.ConfigurationTarget.Global,
    );
    await until(async () => (await providers()).length === 3, 'the two deployments of Alpha');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const id of ['alpha', 'beta']) await vscode.commands.executeCommand('switchboard.removeApiKey', id);
    await resetSettings();
    await f.dispose();
  });

  it('both models use the entry key, each answers when pinned, and each is its own dashboard card', async () => {
    const list = await providers();
    assert.deepEqual(
      list.map((p) => [p.id, p.missingKey]),
      [['alpha', false], ['alpha/loopback-mini', false], ['beta', false]],
      'one saved key serves both models of Alpha',
    );
    for (const id of ['alpha/loopback-mini', 'alpha']) {
      await vscode.commands.executeCommand('switchboard.switchProvider', id);
      await applied();
      await ask(`hello ${id}`);
    }
    const models = f.alpha.chatRequests.map((r) => r.body.model);
    assert.deepEqual(models.slice(-2), ['loopback-mini', 'loopback-model'], 'each deployment sent its own model');

    await vscode.commands.executeCommand('switchboard.openDashboard');
    await eventually(async () => {
      const { ready, cards } = await dashboardState();
      assert.ok(ready, 'dashboard ready');
      assert.deepEqual(
        cards.map((c) => [c.id, c.group, c.groupLabel, c.model, c.status]),
        [
          ['alpha', 'alpha', 'Alpha', 'loopback-model', 'healthy'],
          ['alpha/loopback-mini', 'alpha', 'Alpha', 'loopback-mini', 'healthy'],
          ['beta', 'beta', 'Beta', 'loopback-model', 'healthy'],
        ],
      );
      assert.ok(cards.slice(0, 2).every((c) => c.requests >= 1), 'each model has its own request count');
    }, 'grouped dashboard cards');

    const tip = (await status()).tooltip;
    const heading = /\| Alpha \(2 models\) \| \| \| \| \|\n/;
    const rows = /\| (\*\*)?· loopback-model(\*\*)? [^\n]*\| healthy \|[^\n]*\n\| (\*\*)?· loopback-mini/;
    assert.match(tip, new RegExp(heading.source + rows.source), 'Alpha as a heading row, then one row per model');
  });

  it('the exported report lists both models under Alpha, with spend per model and a total for Alpha', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-deploy-report-'));
    const [md] = (await vscode.commands.executeCommand<string[]>('switchboard.exportReport', { folder: dir }))!;
    const report = readFileSync(md, 'utf8');
    assert.match(report, /\| Alpha \| loopback-model \| healthy \|[^\n]*\n\| Alpha \| loopback-mini \| healthy \|/);
    const day = /\| [\d-]+ \| /.source;
    const spend = [
      // Spent, of which estimated (cut attempts), answers.
      `${day}Alpha \\| loopback-model \\| \\$0 \\| \\$0 \\| \\d+ \\|[^\\n]*\\n`,
      `${day}Alpha \\| loopback-mini \\| \\$0 \\| \\$0 \\| \\d+ \\|[^\\n]*\\n`,
      `${day}Alpha \\| all 2 models \\|`,
    ];
    assert.match(report, new RegExp(spend.join('')), 'spend per model per day, then Alpha in total');
  });

  it('a rejected key marks both models "needs attention" at once; saving the right key brings both back', async () => {
    const setKey = (key: string) =>
      vscode.commands.executeCommand<{ ok: boolean }>('switchboard.setApiKey', { providerId: 'alpha', key });
    await vscode.commands.executeCommand('switchboard.openDashboard');
    const states = async () => (await dashboardState()).cards.filter((c) => c.group === 'alpha').map((c) => c.status);
    assert.equal((await setKey('sk-test-FAKEKEY-host-wrong-0009'))?.ok, false, 'the check says the key does not work');
    await vscode.commands.executeCommand('switchboard.switchProvider', 'alpha/loopback-mini');
    await applied();
    const before = f.alpha.chatRequests.length;
    await ask('hello with a wrong key');
    const attention = ['needs_attention', 'needs_attention'];
    await eventually(async () => assert.deepEqual(await states(), attention), 'both models to need attention');
    assert.equal(f.alpha.chatRequests.length, before + 1, 'one 401 was enough: loopback-model was not tried');

    assert.equal((await setKey(KEYS.alpha))?.ok, true);
    await eventually(async () => assert.deepEqual(await states(), ['healthy', 'healthy']), 'both models back');
    await ask('hello again');
    assert.equal(f.alpha.chatRequests.at(-1)?.body.model, 'loopback-mini', 'the pinned model answers again');
  });
});
