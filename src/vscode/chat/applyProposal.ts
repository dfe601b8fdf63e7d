/**
 * Apply to File: shows what a code block would change in VS Code's diff editor before anything is
 * written (the selection replaced, or the whole file when nothing is selected). Accept writes it
 * as one edit (one Undo step); Reject leaves the file alone. A file changed in the meantime is not
 * overwritten.
 */
import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import { notify } from '../notify';

export const PROPOSAL_SCHEME = 'switchboard-proposal';

interface Proposal {
  target: vscode.Uri;
  version: number;
  text: string;
  uri: vscode.Uri;
}

export class ApplyProposals implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private current: Proposal | undefined;
  private seq = 0;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subs: vscode.Disposable[];

  constructor(private readonly log: Logger) {
    this.subs = [
      vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this),
      vscode.commands.registerCommand('switchboard.acceptProposal', () => this.accept()),
      vscode.commands.registerCommand('switchboard.rejectProposal', () => this.reject()),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.current && this.current.uri.toString() === uri.toString() ? this.current.text : '';
  }

  /** Opens the diff of the active editor's file against the file with `code` applied. */
  async preview(code: string): Promise<boolean> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.uri.scheme === PROPOSAL_SCHEME) {
      const how = 'select the part to replace, or nothing to replace the whole file';
      void notify(this.log, 'warn', `open the file to change in the editor first (${how}).`);
      return false;
    }
    const doc = editor.document;
    const sel = editor.selection;
    const end = doc.positionAt(doc.getText().length);
    const before = doc.getText(new vscode.Range(doc.positionAt(0), sel.start));
    // A code block carries no final newline: replacing a whole file keeps the file's own.
    const whole = doc.getText().endsWith('\n') && !code.endsWith('\n') ? `${code}\n` : code;
    const text = sel.isEmpty ? whole : before + code + doc.getText(new vscode.Range(sel.end, end));
    const name = doc.uri.path.split('/').pop() ?? 'file';
    const uri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${++this.seq}/${name}` });
    this.current = { target: doc.uri, version: doc.version, text, uri };
    this.changed.fire(uri);
    const what = sel.isEmpty ? 'whole file' : `lines ${sel.start.line + 1}-${sel.end.line + 1}`;
    const title = `${name} ↔ Switchboard's change (${what})`;
    await vscode.commands.executeCommand('vscode.diff', doc.uri, uri, title, { preview: true });
    void notify(this.log, 'info', `review the change to ${name} (${what}), then Accept or Reject.`, 'Accept', 'Reject').then((p) => {
      if (p === 'Accept') void this.accept();
      else if (p === 'Reject') void this.reject();
    });
    return true;
  }

  /** Writes the previewed change as one edit; false when there is none or the file changed since. */
  async accept(): Promise<boolean> {
    const p = this.current;
    if (!p) return false;
    this.current = undefined;
    const doc = await vscode.workspace.openTextDocument(p.target);
    await this.closeDiff(p);
    if (doc.version !== p.version) {
      void notify(this.log, 'warn', 'the file changed after the preview; nothing was applied. Apply the code block again.');
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(p.target, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), p.text);
    const ok = await vscode.workspace.applyEdit(edit);
    await vscode.window.showTextDocument(doc);
    void notify(this.log, ok ? 'info' : 'warn', ok ? `applied to ${p.target.path.split('/').pop()} (Undo reverts it).` : 'the editor did not accept the change.');
    return ok;
  }

  async reject(): Promise<boolean> {
    const p = this.current;
    if (!p) return false;
    this.current = undefined;
    await this.closeDiff(p);
    void notify(this.log, 'info', 'change rejected; the file is unchanged.');
    return true;
  }

  private async closeDiff(p: Proposal): Promise<void> {
    const isDiff = (t: vscode.Tab) =>
      t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === p.uri.toString();
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter(isDiff);
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
  }

  dispose(): void {
    for (const d of this.subs) d.dispose();
    this.changed.dispose();
  }
}
