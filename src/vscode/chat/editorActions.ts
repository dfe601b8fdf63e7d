/** The editor work behind the chat's code-block buttons and links (the webview never does it). */
import * as vscode from 'vscode';
import { isOpenableHref, type CodeAction } from '../../core/protocol';
import type { Logger } from '../../core/log';
import type { ApplyProposals } from './applyProposal';

/**
 * Does what a code-block button asks. Resolves to the confirmation the chat shows on the button
 * ("Copied 3 lines to the clipboard."), or undefined when the feedback is elsewhere (Apply's diff
 * editor) or nothing happened (a warning said why).
 */
export async function runCodeAction(
  action: CodeAction,
  code: string,
  proposals?: ApplyProposals,
): Promise<string | undefined> {
  const lines = code.replace(/\n$/, '').split('\n').length;
  const what = `${lines} line${lines === 1 ? '' : 's'}`;
  if (action === 'apply' && proposals) return void (await proposals.preview(code));
  if (action === 'copy') {
    await vscode.env.clipboard.writeText(code);
    return `Copied ${what} to the clipboard.`;
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage('Switchboard: open a file in the editor first.');
    return undefined;
  }
  if (action === 'apply' && editor.selection.isEmpty) {
    void vscode.window.showWarningMessage('Switchboard: select the code to replace first, then Apply.');
    return undefined;
  }
  const ok = await editor.edit((b) => {
    if (action === 'insert') b.insert(editor.selection.active, code);
    else b.replace(editor.selection, code);
  });
  if (!ok) void vscode.window.showWarningMessage('Switchboard: the editor did not accept the change.');
  await vscode.window.showTextDocument(editor.document, editor.viewColumn);
  const name = editor.document.uri.path.split('/').pop();
  return ok && action === 'insert' ? `Inserted ${what} into ${name}.` : undefined;
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
