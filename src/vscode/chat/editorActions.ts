/** The editor work behind the chat's code-block buttons and links (the webview never does it). */
import * as vscode from 'vscode';
import { isOpenableHref, type CodeAction } from '../../core/protocol';
import type { Logger } from '../../core/log';
import type { ApplyProposals } from './applyProposal';

export async function runCodeAction(action: CodeAction, code: string, proposals?: ApplyProposals): Promise<void> {
  if (action === 'apply' && proposals) return void (await proposals.preview(code));
  if (action === 'copy') {
    await vscode.env.clipboard.writeText(code);
    vscode.window.setStatusBarMessage('Switchboard: code copied', 2000);
    return;
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage('Switchboard: open a file in the editor first.');
    return;
  }
  if (action === 'apply' && editor.selection.isEmpty) {
    void vscode.window.showWarningMessage('Switchboard: select the code to replace first, then Apply.');
    return;
  }
  const ok = await editor.edit((b) => {
    if (action === 'insert') b.insert(editor.selection.active, code);
    else b.replace(editor.selection, code);
  });
  if (!ok) void vscode.window.showWarningMessage('Switchboard: the editor did not accept the change.');
  await vscode.window.showTextDocument(editor.document, editor.viewColumn);
}

/** Opens a web or mail link only after the user confirms in a modal. */
export async function openLinkWithConsent(href: string, log: Logger): Promise<void> {
  if (!isOpenableHref(href)) return;
  const choice = await vscode.window.showWarningMessage(
    'Open this link in your browser?',
    { modal: true, detail: href },
    'Open Link',
  );
  if (choice !== 'Open Link') return;
  const ok = await vscode.env.openExternal(vscode.Uri.parse(href, true));
  if (!ok) log.warn('Chat: the link could not be opened.');
}
