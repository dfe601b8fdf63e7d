// Issue 14, item 9 in a real VS Code: a code block's Apply to File opens VS Code's diff editor
// first; Accept writes the change as one edit (one Undo reverts it), Reject leaves the file alone.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { until } from './support/fixtures';
import { chatState, postToChat } from './support/chatView';

const ORIGINAL = 'function add(a, b) {\n  return a - b;\n}\n';

async function openFile(): Promise<vscode.TextEditor> {
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  mkdirSync(join(root, 'src'), { recursive: true });
  const file = join(root, 'src', 'apply.js');
  writeFileSync(file, ORIGINAL);
  const doc = await vscode.workspace.openTextDocument(file);
  if (doc.getText() !== ORIGINAL) {
    // Reopened from an earlier test: put the original text back first.
    const e = new vscode.WorkspaceEdit();
    e.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), ORIGINAL);
    await vscode.workspace.applyEdit(e);
  }
  return vscode.window.showTextDocument(doc);
}

const diffTabs = () =>
  vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'switchboard-proposal');

describe('Apply to File: diff preview, accept / reject, one undo step (issue 14, item 9)', function () {
  this.timeout(60_000);

  before(async () => {
    await vscode.extensions.getExtension('switchboard-dev.switchboard')!.activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('previews the selection replaced in the diff editor; Accept applies it, one Undo restores the file', async () => {
    const editor = await openFile();
    editor.selection = new vscode.Selection(1, 0, 2, 0);
    const doc = editor.document;
    assert.equal(await postToChat({ type: 'code', action: 'apply', code: '  return a + b;\n' }), true);
    await until(() => diffTabs().length === 1, 'the diff editor with the proposal', 10_000);
    const input = diffTabs()[0].input as vscode.TabInputTextDiff;
    assert.equal(input.original.toString(), doc.uri.toString(), 'the diff compares against the file');
    const proposed = await vscode.workspace.openTextDocument(input.modified);
    assert.equal(proposed.getText(), 'function add(a, b) {\n  return a + b;\n}\n');
    assert.equal(doc.getText(), ORIGINAL, 'nothing is written before Accept');

    assert.equal(await vscode.commands.executeCommand('switchboard.acceptProposal'), true);
    assert.equal(doc.getText(), 'function add(a, b) {\n  return a + b;\n}\n');
    await until(() => diffTabs().length === 0, 'the diff editor to close');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), ORIGINAL, 'one Undo step reverts the whole change');
  });

  it('Reject closes the preview and leaves the file unchanged; with no selection the whole file is proposed', async () => {
    const editor = await openFile();
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    // A code block has no final newline; the file's own is kept.
    await postToChat({ type: 'code', action: 'apply', code: 'export const add = (a, b) => a + b;' });
    await until(() => diffTabs().length === 1, 'the diff editor with the proposal', 10_000);
    const input = diffTabs()[0].input as vscode.TabInputTextDiff;
    const proposed = await vscode.workspace.openTextDocument(input.modified);
    assert.equal(proposed.getText(), 'export const add = (a, b) => a + b;\n');
    assert.equal(await vscode.commands.executeCommand('switchboard.rejectProposal'), true);
    await until(() => diffTabs().length === 0, 'the diff editor to close');
    assert.equal(editor.document.getText(), ORIGINAL);
    assert.equal(await vscode.commands.executeCommand('switchboard.acceptProposal'), false, 'nothing left to accept');
  });

  it('Copy and Insert at Cursor confirm what they did on the button (item 5): the clipboard and the file have the code', async () => {
    const confirmations = async () => (await chatState()).dispatched.filter((d) => d.startsWith('codeDone:'));
    const before = (await confirmations()).length;
    const code = 'const a = 1;\nconst b = 2;';
    assert.equal(await postToChat({ type: 'code', action: 'copy', code }), true);
    await until(async () => (await confirmations()).length === before + 1, 'the Copy confirmation');
    assert.equal((await confirmations()).at(-1), 'codeDone:Copied 2 lines to the clipboard.');
    assert.equal(await vscode.env.clipboard.readText(), code, 'the clipboard holds the code');

    const editor = await openFile();
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await postToChat({ type: 'code', action: 'insert', code: '// added\n' });
    await until(async () => (await confirmations()).length === before + 2, 'the Insert confirmation');
    assert.equal((await confirmations()).at(-1), 'codeDone:Inserted 1 line into apply.js.');
    assert.equal(editor.document.getText(), `// added\n${ORIGINAL}`);
  });
});
