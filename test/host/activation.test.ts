// Smoke suite: the extension loads and activates inside a real VS Code extension host.
// Later suites (commands, views, chat) go in their own files next to this one.
import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'switchboard-dev.switchboard';
const REPO = resolve(__dirname, '..', '..', '..');

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this host`);
  return ext;
}

describe('activation in a real VS Code host', () => {
  it('runs inside a real VS Code, not a stub', () => {
    const [major, minor] = vscode.version.split('.').map(Number);
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
    assert.ok(major > 1 || (major === 1 && minor >= 104), `VS Code ${vscode.version} is older than engines.vscode ^1.104.0`);
    assert.ok(vscode.env.appName.length > 0, 'appName is empty');
    console.log(`    host: ${vscode.env.appName} ${vscode.version}, uiKind ${vscode.UIKind[vscode.env.uiKind]}, remote ${vscode.env.remoteName ?? 'none'}`);
  });

  it('loads the extension under development from this repository', () => {
    const ext = extension();
    assert.equal(ext.packageJSON.name, 'switchboard');
    assert.equal(ext.packageJSON.publisher, 'switchboard-dev');
    assert.equal(resolve(ext.extensionPath), REPO);
  });

  it('activates without waiting for keys, Ollama or demo servers, and reports its own work', async function () {
    const ext = extension();
    const started = performance.now();
    const api = (await ext.activate()) as { activationMs: number; ready: Promise<void>; host: { started: boolean } };
    const ms = performance.now() - started;
    console.log(`    activated ${EXTENSION_ID} in ${ms.toFixed(1)} ms (activate's own work ${api.activationMs.toFixed(1)} ms, budget 50 ms)`);
    assert.equal(ext.isActive, true);
    assert.equal(typeof api.activationMs, 'number');
    await api.ready;
    assert.equal(api.host.started, true, 'the host is started once keys and settings are applied');
  });

  it('loads no provider SDK until a request needs one', () => {
    const loaded = Object.keys(require.cache);
    assert.ok(loaded.some((p) => /[\\/]dist[\\/]extension\.js$/.test(p)), 'the extension bundle is visible in the module cache');
    const sdkChunks = loaded.filter((p) => /[\\/]dist[\\/]sdk[\\/]/.test(p));
    assert.deepEqual(sdkChunks, [], 'activation must not pay for openai / anthropic / cohere');
    const ext = extension();
    const commands = ext.packageJSON.contributes.commands.length;
    assert.ok(commands >= 16, `${commands} commands contributed`);
  });

  it('opened the test workspace folder with workspace trust granted', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'expected exactly one workspace folder');
    assert.equal(vscode.workspace.isTrusted, true);
  });
});
