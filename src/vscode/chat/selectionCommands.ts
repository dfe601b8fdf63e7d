/** Editor commands that bring the selection into the chat: Ask (attach), Explain and Fix (send). */
import * as vscode from 'vscode';
import type { CodeContext } from '../../core/protocol';
import { selectionAttachment } from '../../core/attachments';
import type { ChatController } from '../../chat/chatController';
import { CHAT_VIEW_ID } from './chatViewProvider';

/** Large selections are cut so one request stays reasonable. */
const MAX_CODE = 60_000;

/**
 * A selection made by dragging or Shift+Down over whole lines ends at column 1 of the next line;
 * that line is not selected in any way a user means, so it is left out (as VS Code's own line
 * commands do).
 */
export function wholeLines(document: vscode.TextDocument, selection: vscode.Selection): vscode.Range {
  const { start, end } = selection;
  if (end.character === 0 && end.line > start.line) {
    return new vscode.Range(start, document.lineAt(end.line - 1).range.end);
  }
  return selection;
}

export function selectionContext(editor: vscode.TextEditor): CodeContext | undefined {
  const { document } = editor;
  const selection = wholeLines(document, editor.selection);
  if (selection.isEmpty) return undefined;
  let code = document.getText(selection);
  if (code.length > MAX_CODE) code = `${code.slice(0, MAX_CODE)}\n… (selection truncated)`;
  return {
    path: document.uri.scheme === 'file' ? document.uri.fsPath : document.uri.toString(),
    fileName: vscode.workspace.asRelativePath(document.uri, false),
    language: document.languageId,
    startLine: selection.start.line + 1,
    endLine: selection.end.line + 1,
    code,
  };
}

async function revealChat(): Promise<void> {
  await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
}

function requireSelection(): CodeContext | undefined {
  const editor = vscode.window.activeTextEditor;
  const context = editor && selectionContext(editor);
  if (!context) void vscode.window.showInformationMessage('Switchboard: select some code first.');
  return context;
}

export function registerSelectionCommands(controller: ChatController): vscode.Disposable[] {
  const sendWith = (prompt: string) => async () => {
    const context = requireSelection();
    if (!context) return;
    await revealChat();
    void controller.send(prompt, [selectionAttachment(context)]);
  };
  return [
    vscode.commands.registerCommand('switchboard.askAboutSelection', async () => {
      const context = requireSelection();
      if (!context) return;
      await revealChat();
      controller.attachToNext(selectionAttachment(context));
    }),
    vscode.commands.registerCommand('switchboard.explainSelection', sendWith('Explain what this code does.')),
    vscode.commands.registerCommand('switchboard.fixSelection', sendWith('Find the bugs in this code and show the fixed code.')),
  ];
}
