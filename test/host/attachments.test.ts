// Chat attachments in a real VS Code: a workspace file attached from the chat view reaches the
// loopback provider with its path and contents; the active file is suggested; the selection and
// the active file's problems attach; missing, binary, outside-the-workspace and sensitive files
// are refused or kept from cloud providers with a message.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { resetSettings, until, type Fixture } from './support/fixtures';
import { chatState, newChat, postToChat, sendFromView, startChatFixture } from './support/chatView';

interface AttachState {
  attachments: {
    attachments: { id: string; kind: string; label: string }[];
    suggestion?: { path: string; label: string };
  };
  attachError?: string;
  attachFailures: number;
}
const Severity = vscode.DiagnosticSeverity;
const attachState = async () => (await chatState()) as unknown as AttachState;
const chips = async () => (await attachState()).attachments.attachments.map((c) => c.label);

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
function write(rel: string, content: string | Uint8Array): string {
  const file = join(root(), rel);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, content);
  return file;
}

const userContents = (body: unknown) =>
  (body as { messages: { role: string; content: string }[] }).messages
    .filter((m) => m.role === 'user')
    .map((m) => m.content);

/** Posts an attach message and waits for a new chip or a new error; returns the error, if any. */
async function attach(raw: unknown): Promise<string | undefined> {
  const before = await attachState();
  assert.equal(await postToChat(raw), true, `the view accepts ${JSON.stringify(raw)}`);
  // Generous: file system calls in the extension host are slow on a loaded machine.
  await until(async () => {
    const s = await attachState();
    const count = (x: AttachState) => x.attachments.attachments.length;
    return s.attachFailures !== before.attachFailures || count(s) !== count(before);
  }, `an answer to ${JSON.stringify(raw)}`, 20_000);
  const after = await attachState();
  return after.attachFailures !== before.attachFailures ? after.attachError : undefined;
}

describe('chat attachments', function () {
  this.timeout(60_000);
  let f: Fixture;
  const diagnostics = vscode.languages.createDiagnosticCollection('switchboard-test');

  before(async () => {
    f = await startChatFixture();
  });

  after(async () => {
    diagnostics.dispose();
    for (const id of ['alpha', 'beta']) await vscode.commands.executeCommand('switchboard.removeApiKey', id);
    await resetSettings();
    await f.dispose();
    rmSync(join(root(), 'ctx'), { recursive: true, force: true });
  });

  beforeEach(async () => {
    await newChat();
    for (const c of (await attachState()).attachments.attachments) await postToChat({ type: 'detach', id: c.id });
    f.alpha.reset();
    f.beta.reset();
  });

  it('attaching a workspace file sends its path and contents to the provider, and the message keeps the chip', async () => {
    const file = write('ctx/src/ledger.ts', 'export function balance(xs: number[]) {\n  return xs.reduce((a, b) => a - b, 0);\n}\n');
    assert.equal(await attach({ type: 'attachFile', path: file }), undefined);
    assert.deepEqual(await chips(), ['ctx/src/ledger.ts']);
    const answer = await sendFromView('Why is the balance negative?');
    assert.equal(answer.status, 'done');
    const sent = userContents(f.alpha.chatRequests[0].body).at(-1)!;
    assert.ok(sent.startsWith('Why is the balance negative?\n\nFile ctx/src/ledger.ts:\n```ts\n'), sent);
    assert.ok(sent.includes('return xs.reduce((a, b) => a - b, 0);'), 'the file content reached the provider');
    const user = (await chatState()).turns[0] as unknown as { attachments: { label: string }[] };
    assert.deepEqual(user.attachments.map((a) => a.label), ['ctx/src/ledger.ts']);
    assert.deepEqual(await chips(), [], 'the composer starts empty again');
  });

  it('suggests the active file; the selection and the active file\'s problems attach as chips and are sent', async () => {
    const file = write('ctx/src/shapes.ts', 'const area = (r) => 3.14 * r;\nconst unused = 1;\n');
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
    const suggested = async () => (await attachState()).attachments.suggestion?.label === 'ctx/src/shapes.ts';
    await until(suggested, 'the active file as a suggestion');
    editor.selection = new vscode.Selection(0, 0, 0, 29);
    diagnostics.set(editor.document.uri, [
      new vscode.Diagnostic(new vscode.Range(1, 6, 1, 12), "'unused' is declared but never read.", Severity.Warning),
      new vscode.Diagnostic(new vscode.Range(0, 14, 0, 15), "Parameter 'r' implicitly has an 'any' type.", Severity.Error), // eslint-disable-line @stylistic/max-len
    ]);
    assert.equal(await attach({ type: 'attach', source: 'selection' }), undefined);
    assert.equal(await attach({ type: 'attach', source: 'problems' }), undefined);
    assert.deepEqual(await chips(), ['ctx/src/shapes.ts:1', 'Problems in ctx/src/shapes.ts (2)']);
    await sendFromView('Fix these');
    const sent = userContents(f.alpha.chatRequests[0].body).at(-1)!;
    assert.match(sent, /Selection from ctx\/src\/shapes\.ts \(line 1\):\n```typescript\nconst area = \(r\) => 3\.14 \* r;\n```/);
    assert.match(sent, /Problems in ctx\/src\/shapes\.ts \(2\):\n- error ctx\/src\/shapes\.ts:1: Parameter 'r' implicitly has an 'any' type\.\n- warning ctx\/src\/shapes\.ts:2: 'unused' is declared but never read\./);
    diagnostics.clear();
  });

  it('an open file is attached with its unsaved edits', async () => {
    const file = write('ctx/src/draft.ts', 'export const saved = 1;\n');
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), 'export const unsaved = 2;\n'));
    assert.ok(editor.document.isDirty);
    assert.equal(await attach({ type: 'attachFile', path: file }), undefined);
    await sendFromView('What is exported?');
    const sent = userContents(f.alpha.chatRequests[0].body).at(-1)!;
    assert.ok(sent.includes('export const saved = 1;\nexport const unsaved = 2;'), sent);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('refuses a folder and a file over 10 MB, saying what to do instead', async () => {
    mkdirSync(join(root(), 'ctx', 'folder'), { recursive: true });
    const folder = join(root(), 'ctx', 'folder');
    assert.match((await attach({ type: 'attachFile', path: folder })) ?? '', /ctx\/folder is a folder: attach the files in it/);
    const huge = write('ctx/huge.log', 'x'.repeat(11 * 1024 * 1024));
    assert.match((await attach({ type: 'attachFile', path: huge })) ?? '', /ctx\/huge\.log is too large to attach \(11\.0 MB; at most 10 MB\): open it and attach a selection/);
    assert.deepEqual(await chips(), []);
  });

  it('refuses a missing, a binary and an outside-the-workspace file, each with a message, and attaches none', async () => {
    const gone = write('ctx/gone.ts', 'x');
    rmSync(gone);
    assert.match((await attach({ type: 'attachFile', path: gone })) ?? '', /ctx\/gone\.ts no longer exists/);
    const png = write('ctx/logo.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    assert.match((await attach({ type: 'attachFile', path: png })) ?? '', /ctx\/logo\.png is not a text file/);
    const outside = join(root(), '..', 'outside-secret.txt');
    writeFileSync(outside, 'not for the model');
    try {
      for (const path of [outside, join(root(), 'ctx', '..', '..', 'outside-secret.txt'), '/etc/hostname']) {
        assert.match((await attach({ type: 'attachFile', path })) ?? '', /Only files of this workspace can be attached/);
      }
    } finally {
      rmSync(outside, { force: true });
    }
    assert.deepEqual(await chips(), []);
  });

  it('an attached file matching the sensitive globs keeps the whole request from cloud providers', async () => {
    const env = write('ctx/.env', 'PORT=3000\n');
    const plain = write('ctx/src/app.ts', 'listen(process.env.PORT);\n');
    assert.equal(await attach({ type: 'attachFile', path: plain }), undefined);
    assert.equal(await attach({ type: 'attachFile', path: env }), undefined);
    const answer = (await sendFromView('Which port?')) as { status?: string; error?: { message: string } };
    assert.equal(answer.status, 'error');
    assert.match(answer.error?.message ?? '', /sensitive/);
    assert.equal(f.alpha.requests.length + f.beta.requests.length, 0, 'no cloud provider received the files');
  });
});
