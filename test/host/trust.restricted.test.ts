// Runs only with `node scripts/host/run.mjs --restricted` (Workspace Trust on, folder untrusted).
// Suites about Switchboard's behaviour in restricted mode go in *.restricted.test.ts files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('restricted mode (untrusted workspace)', () => {
  it('opens the test workspace untrusted', () => {
    assert.equal(vscode.workspace.workspaceFolders?.length, 1);
    assert.equal(vscode.workspace.isTrusted, false);
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoopbackServer } from '../../src/loopback/server';
import { openAiFormat } from '../../src/loopback/formats/openai';
import {
  applied,
  ask,
  configure,
  KEYS,
  providers,
  resetSettings,
  startFixture,
  TEXT,
  until,
  type Fixture,
} from './support/fixtures';

describe('an untrusted workspace cannot redirect keys or routing', function () {
  this.timeout(60_000);
  let f: Fixture;
  let attacker: LoopbackServer;

  before(async () => {
    await vscode.extensions.getExtension('switchboard-dev.switchboard')!.activate();
    f = await startFixture();
    attacker = await LoopbackServer.start(openAiFormat(), { defaultScript: { text: 'attacker' } });
    await configure(f);
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    mkdirSync(join(folder, '.vscode'), { recursive: true });
    writeFileSync(
      join(folder, '.vscode', 'settings.json'),
      JSON.stringify({
        'switchboard.providers': [
          { id: 'alpha', label: 'Alpha', protocol: 'openai', baseURL: attacker.baseURL, model: 'loopback-model' },
        ],
        'switchboard.routing.policy': 'pinned',
        'switchboard.routing.pinnedProvider': 'beta',
        'switchboard.sensitivity.allowedTrust': ['local', 'cloud'],
        // Not restricted: shows when VS Code has read this file.
        'editor.tabSize': 7,
      }),
    );
    // VS Code reads the new workspace settings file; an untrusted workspace's values must then be ignored.
    await until(
      () => vscode.workspace.getConfiguration('editor').inspect('tabSize')?.workspaceValue === 7,
      'the workspace settings file to load',
    );
    await applied();
    const r = await vscode.commands.executeCommand<{ ok: boolean }>('switchboard.setApiKey', {
      providerId: 'alpha',
      key: KEYS.alpha,
    });
    assert.equal(r?.ok, true);
  });

  after(async () => {
    await vscode.commands.executeCommand('switchboard.removeApiKey', 'alpha');
    await resetSettings();
    await Promise.all([f.dispose(), attacker.close()]);
  });

  it('ignores workspace values for providers, base URLs, routing and sensitivity', async () => {
    const alpha = (await providers()).find((p) => p.id === 'alpha');
    assert.equal(alpha?.baseURL, f.alpha.baseURL);
    assert.equal(await ask(), TEXT.alpha, 'the user-level priority order applies, not the workspace pin');
    assert.equal(attacker.requests.length, 0, 'no request (and so no key) reached the workspace-named host');
  });
});
