// Issue 14, item 11 in a real VS Code: keybindings, "Switchboard:" context-menu items, a selection
// that ends at column 1 of the next line leaves that line out, the getting-started walkthrough,
// and Detect Ollama (one of the empty state's actions) saying what it found.
import * as assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { resetSettings, startFixture, until, type Fixture } from './support/fixtures';
import { chatState, configureWithKeys, logLines, newChat, postToChat } from './support/chatView';

const ext = () => vscode.extensions.getExtension('switchboard-dev.switchboard')!;
const contributes = () => ext().packageJSON.contributes as {
  commands: { command: string; title: string; category?: string }[];
  keybindings: { command: string; key: string; mac?: string; when?: string }[];
  menus: Record<string, { command: string }[]>;
  walkthroughs: { id: string; steps: { id: string; description: string; media: { markdown?: string } }[] }[];
};
const lastUserContent = (body: unknown) => {
  const msgs = (body as { messages: { role: string; content: string }[] }).messages;
  return [...msgs].reverse().find((m) => m.role === 'user')?.content ?? '';
};

describe('keyboard and discoverability (issue 14, item 11)', function () {
  this.timeout(60_000);
  let f: Fixture;

  before(async () => {
    await ext().activate();
    f = await startFixture();
    await configureWithKeys(f);
    await newChat();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await newChat();
    for (const id of ['alpha', 'beta']) await vscode.commands.executeCommand('switchboard.removeApiKey', id);
    await resetSettings();
    await f.dispose();
  });

  it('binds focus chat, new chat and explain selection to keys, and each bound command exists', async () => {
    const bound = contributes().keybindings.map((k) => [k.command, k.key]);
    assert.deepEqual(bound, [
      ['switchboard.focusChat', 'ctrl+alt+/'],
      ['switchboard.newChat', 'ctrl+alt+n'],
      ['switchboard.explainSelection', 'ctrl+alt+e'],
    ]);
    const all = new Set(await vscode.commands.getCommands(true));
    for (const [command] of bound) assert.ok(all.has(command), `${command} is registered`);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('switchboard.focusChat');
    await until(async () => (await chatState()).ready, 'the chat view to be shown by Focus Chat');
  });

  it('every editor context-menu item reads "Switchboard: ..."', () => {
    const { commands, menus } = contributes();
    const titles = menus['editor/context'].map((m) => commands.find((c) => c.command === m.command)!);
    assert.ok(titles.length >= 3);
    for (const c of titles) {
      assert.match(c.title, /^Switchboard: /, `${c.command}: "${c.title}"`);
      assert.equal(c.category, undefined, 'no category, or the palette would say "Switchboard: Switchboard: ..."');
    }
  });

  it('a selection that ends at column 1 of the next line does not include that line', async () => {
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const file = join(root, 'src', 'lines.ts');
    mkdirSync(join(root, 'src'), { recursive: true });
    writeFileSync(file, 'const one = 1;\nconst two = 2;\nconst three = 3;\n');
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
    // What Shift+Down twice from the start of line 1 selects.
    editor.selection = new vscode.Selection(0, 0, 2, 0);
    f.alpha.reset();
    await vscode.commands.executeCommand('switchboard.askAboutSelection');
    await postToChat({ type: 'send', text: 'What do these lines do?' });
    await until(async () => f.alpha.chatRequests.length === 1 && !(await chatState()).busy, 'the answer');
    const sent = lastUserContent(f.alpha.chatRequests[0].body);
    assert.match(sent, /Selection from src\/lines\.ts \(lines 1-2\):\n```typescript\n/);
    assert.ok(sent.includes('const two = 2;') && !sent.includes('const three'), sent);
  });

  it('contributes a getting-started walkthrough whose steps run existing commands, and it opens', async () => {
    const [w] = contributes().walkthroughs;
    assert.equal(w.id, 'switchboard.gettingStarted');
    const all = new Set(await vscode.commands.getCommands(true));
    const linked = w.steps.flatMap((s) => [...s.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]));
    const expected = ['focusChat', 'setApiKey', 'detectOllama', 'simulateOutage'].map((c) => `switchboard.${c}`);
    assert.deepEqual(linked, expected);
    for (const c of linked) assert.ok(all.has(c), `${c} is registered`);
    for (const s of w.steps) {
      const media = vscode.Uri.joinPath(ext().extensionUri, s.media.markdown!);
      assert.ok(await vscode.workspace.fs.stat(media), `${s.id} media ships`);
    }
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${ext().id}#${w.id}`, false);
    await until(() => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => /Switchboard|Welcome|Walkthrough/i.test(t.label))), 'the walkthrough tab', 10_000);
  });

  it('Detect Ollama (an empty-state action) says what it found, and what it did not', async () => {
    const server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(req.url === '/api/tags' ? JSON.stringify({ models: [{ name: 'llama3.2:latest' }] }) : '{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const mark = logLines().length;
      assert.equal(await vscode.commands.executeCommand('switchboard.detectOllama', origin), 'llama3.2:latest');
      assert.ok(logLines().slice(mark).some((l) => l.includes(`notice: found Ollama on ${origin} with llama3.2:latest`)));
    } finally {
      server.close();
    }
    const mark = logLines().length;
    assert.equal(await vscode.commands.executeCommand('switchboard.detectOllama', origin), undefined);
    assert.ok(logLines().slice(mark).some((l) => l.includes(`notice: no Ollama answered on ${origin}`)));
  });
});
