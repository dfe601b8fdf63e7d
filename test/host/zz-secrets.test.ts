// Runs last among the host suites: after the other suites used their fake keys, nothing the
// extension stored or showed may contain one — state, logs, chat state, an exported report.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { answerText, chatState, sendFromView } from './support/chatView';
import { ask, configure, KEYS, resetSettings, startFixture, TEXT, type Fixture } from './support/fixtures';

interface Exports {
  host: { context: vscode.ExtensionContext };
  logLines(): string[];
}

const LEAK = /FAKEKEY|sk-test-|sk-ant-test-/;

describe('secrets never leave SecretStorage', function () {
  this.timeout(60_000);
  let f: Fixture;
  let ext: Exports;

  before(async () => {
    ext = (await vscode.extensions.getExtension<Exports>('switchboard-dev.switchboard')!.activate())!;
    f = await startFixture();
    await configure(f);
    for (const [id, key] of Object.entries(KEYS))
      assert.equal(
        (await vscode.commands.executeCommand<{ ok: boolean }>('switchboard.setApiKey', { providerId: id, key }))?.ok,
        true,
      );
    // Use everything once with the keys in place: a chat (view and lm), a failover, a report.
    f.alpha.setDefault({
      text: TEXT.alpha,
      fault: {
        type: 'status',
        status: 401,
        errorType: 'invalid_api_key',
        message: `Incorrect API key provided: ${KEYS.alpha}`,
      },
    });
    assert.equal(await ask(), TEXT.beta);
    assert.equal(answerText(await sendFromView('hello from the view')), TEXT.beta);
  });

  after(async () => {
    for (const id of Object.keys(KEYS)) await vscode.commands.executeCommand('switchboard.removeApiKey', id);
    await resetSettings();
    await f.dispose();
  });

  it('global and workspace state hold no key', () => {
    const { context } = ext.host;
    for (const memento of [context.globalState, context.workspaceState]) {
      for (const k of memento.keys()) {
        assert.ok(!LEAK.test(`${k}=${JSON.stringify(memento.get(k))}`), `state entry ${k} contains a key`);
      }
    }
  });

  it('the log channel holds no key, even when a provider echoed it in an error', () => {
    const all = ext.logLines().join('\n');
    assert.match(all, /alpha/, 'the auth failure was logged');
    assert.ok(!LEAK.test(all));
  });

  it('the chat view state and the exported report hold no key', async () => {
    assert.ok(!LEAK.test(JSON.stringify(await chatState())));
    const dir = mkdtempSync(join(tmpdir(), 'sb-secrets-'));
    const files = (await vscode.commands.executeCommand<string[]>('switchboard.exportReport', { folder: dir }))!;
    for (const file of files) assert.ok(!LEAK.test(readFileSync(file, 'utf8')), file);
  });

  it('settings hold no key', () => {
    assert.ok(!LEAK.test(JSON.stringify(vscode.workspace.getConfiguration('switchboard'))));
  });
});
