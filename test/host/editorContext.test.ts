// Editor context in a real VS Code: Explain / Fix send the selection with its file name and
// language; Ask About Selection attaches it to the next message; sensitivity rules apply to it.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { resetSettings, startFixture, TEXT, until, type Fixture } from './support/fixtures';
import { answerText, chatState, configureWithKeys, newChat, postToChat } from './support/chatView';

const CODE = 'export function add(a: number, b: number) {\n  return a - b;\n}\n';

async function openAndSelect(relPath: string, text: string): Promise<vscode.TextEditor> {
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const file = join(root, relPath);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
  editor.selection = new vscode.Selection(0, 0, editor.document.lineCount, 0);
  return editor;
}

const lastUserContent = (body: unknown) => {
  const msgs = (body as { messages: { role: string; content: string }[] }).messages;
  return [...msgs].reverse().find((m) => m.role === 'user')?.content ?? '';
};

async function settled(turns: number) {
  await until(async () => {
    const s = await chatState();
    return s.turns.length >= turns && !s.busy;
  }, 'the answer', 10_000);
  return (await chatState()).turns;
}

describe('editor context: selection commands', function () {
  this.timeout(60_000);
  let f: Fixture;

  before(async () => {
    f = await startFixture();
    await configureWithKeys(f);
  });

  after(async () => {
    for (const id of ['alpha', 'beta']) await vscode.commands.executeCommand('switchboard.removeApiKey', id);
    await resetSettings();
    await f.dispose();
  });

  beforeEach(async () => {
    await newChat();
    f.alpha.reset();
    f.beta.reset();
  });

  it('Fix Selection sends the selected code with its file name and language', async () => {
    await openAndSelect('src/math.ts', CODE);
    await vscode.commands.executeCommand('switchboard.fixSelection');
    const turns = await settled(2);
    assert.equal(answerText(turns[1]), TEXT.alpha);
    const sent = lastUserContent(f.alpha.chatRequests[0].body);
    assert.match(sent, /Find the bugs in this code/);
    assert.ok(sent.includes('return a - b;'), 'the selection is in the request');
    assert.match(sent, /src\/math\.ts/);
    assert.match(sent, /typescript/);
  });

  it('Ask About Selection attaches the code to the next message typed in the view', async () => {
    await openAndSelect('src/math.ts', CODE);
    await vscode.commands.executeCommand('switchboard.askAboutSelection');
    assert.equal(f.alpha.chatRequests.length, 0, 'nothing is sent until the user asks');
    await postToChat({ type: 'send', text: 'Why does add subtract?' });
    await settled(2);
    const sent = lastUserContent(f.alpha.chatRequests[0].body);
    assert.match(sent, /Why does add subtract\?/);
    assert.ok(sent.includes('return a - b;'));
  });

  it('a selection from a .env file is sensitive: no cloud provider receives it', async () => {
    await openAndSelect('config/.env', 'OPENAI_API_KEY=not-a-real-key-but-secret-shaped\n');
    await vscode.commands.executeCommand('switchboard.explainSelection');
    const turns = await settled(2);
    const answer = turns[1] as { status?: string; error?: { message: string } };
    assert.equal(answer.status, 'error');
    assert.match(answer.error?.message ?? '', /sensitive/);
    assert.equal(f.alpha.requests.length + f.beta.requests.length, 0, 'nothing was sent to a cloud provider');
  });
});
