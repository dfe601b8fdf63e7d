/**
 * The editor side of chat attachments: workspace files (findFiles), reading one (an open
 * document's unsaved text wins; missing, folder, binary and oversized files are refused with a
 * message), the selection, diagnostics, and the "+ Context" quick pick.
 */
import { isAbsolute, normalize } from 'node:path';
import * as vscode from 'vscode';
import type { FileChoice } from '../../core/attachments';
import { selectionAttachment } from '../../core/attachments';
import {
  AttachError,
  ATTACH_LIMITS,
  fileAttachment,
  looksBinary,
  problemsAttachment,
  type NewAttachment,
  type Problem,
} from '../../chat/attachments';
import type { AttachmentSource } from '../../chat/attachmentTray';
import { selectionContext } from './selectionCommands';

const EXCLUDE = '**/{node_modules,.git}/**';
const MAX_FILES = 5000;
const SEVERITY: Record<vscode.DiagnosticSeverity, Problem['severity']> = ['error', 'warning', 'info', 'hint'];

/** Relative to its workspace folder (prefixed with the folder's name in a multi-root workspace). */
const labelOf = (uri: vscode.Uri) =>
  vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);

export class EditorAttachments implements AttachmentSource {
  private cache: { at: number; files: FileChoice[] } | undefined;

  /** Workspace files, listed at most every few seconds while the user types `#...`. */
  async files(): Promise<FileChoice[]> {
    if (this.cache && Date.now() - this.cache.at < 3000) return this.cache.files;
    const uris = await vscode.workspace.findFiles('**/*', EXCLUDE, MAX_FILES);
    const files = uris.filter((u) => u.scheme === 'file').map((u) => ({ path: u.fsPath, label: labelOf(u) }));
    this.cache = { at: Date.now(), files };
    return files;
  }

  async readFile(path: string): Promise<NewAttachment> {
    const uri = vscode.Uri.file(path);
    const label = labelOf(uri);
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(uri);
    } catch {
      this.cache = undefined;
      throw new AttachError(`${label} no longer exists (moved or deleted?), so it was not attached.`);
    }
    if (stat.type & vscode.FileType.Directory) throw new AttachError(`${label} is a folder: attach the files in it one at a time.`);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let text: string;
    if (open) text = open.getText();
    else {
      if (stat.size > ATTACH_LIMITS.fileBytes) {
        const mb = (stat.size / 1024 / 1024).toFixed(1);
        throw new AttachError(`${label} is too large to attach (${mb} MB; at most ${ATTACH_LIMITS.fileBytes / 1024 / 1024} MB): open it and attach a selection instead.`);
      }
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (looksBinary(bytes)) throw new AttachError(`${label} is not a text file (binary content), so it was not attached.`);
      text = new TextDecoder().decode(bytes);
    }
    const language = open?.languageId ?? /\.([\w-]+)$/.exec(label)?.[1] ?? '';
    return fileAttachment({ path: uri.fsPath, label, language, text });
  }

  activeFile(): FileChoice | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return uri?.scheme === 'file' ? { path: uri.fsPath, label: labelOf(uri) } : undefined;
  }

  selection(): NewAttachment {
    const editor = vscode.window.activeTextEditor;
    const context = editor && selectionContext(editor);
    if (!context) throw new AttachError('Select some code in the editor first, then attach the selection.');
    return selectionAttachment(context);
  }

  problems(scope: 'file' | 'workspace'): NewAttachment {
    if (scope === 'workspace') {
      const all = vscode.languages.getDiagnostics().flatMap(([uri, ds]) => ds.map((d) => problem(uri, d)));
      return problemsAttachment(all.filter((p) => p.severity !== 'hint'), 'the workspace');
    }
    const uri = vscode.window.activeTextEditor?.document.uri;
    if (!uri) throw new AttachError('No file is open in the editor: open one, or attach the problems of the workspace.');
    const list = vscode.languages.getDiagnostics(uri).map((d) => problem(uri, d));
    return problemsAttachment(list.filter((p) => p.severity !== 'hint'), labelOf(uri));
  }

  isWorkspaceFile(path: string): boolean {
    if (!isAbsolute(path) || normalize(path) !== path) return false;
    return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(path)) !== undefined;
  }

  /** "+ Context": the active file, the selection, problems, then every workspace file. */
  async pick(): Promise<NewAttachment | undefined> {
    type Item = vscode.QuickPickItem & { run?: () => Promise<NewAttachment> | NewAttachment };
    const editor = vscode.window.activeTextEditor;
    const active = this.activeFile();
    const items: Item[] = [];
    if (active) {
      items.push({ label: '$(file) Active file', description: active.label, run: () => this.readFile(active.path) });
    }
    if (editor && !editor.selection.isEmpty) {
      items.push({ label: '$(selection) Selection', description: active?.label, run: () => this.selection() });
    }
    if (editor) items.push({ label: '$(warning) Problems in the active file', description: labelOf(editor.document.uri), run: () => this.problems('file') });
    items.push({ label: '$(warning) Problems in the workspace', run: () => this.problems('workspace') });
    items.push({ label: 'Workspace files', kind: vscode.QuickPickItemKind.Separator });
    for (const f of await this.files()) {
      const name = f.label.slice(f.label.lastIndexOf('/') + 1);
      items.push({ label: name, description: f.label.slice(0, -name.length - 1), run: () => this.readFile(f.path) });
    }
    const chosen = await vscode.window.showQuickPick(items, {
      title: 'Switchboard: Attach Context',
      placeHolder: 'Attach a file, the selection or problems to the next message (type to filter files)',
      matchOnDescription: true,
    });
    return chosen?.run?.();
  }
}

function problem(uri: vscode.Uri, d: vscode.Diagnostic): Problem {
  const source = d.source ? `${d.source}${d.code !== undefined ? ` ${typeof d.code === 'object' ? String(d.code.value) : String(d.code)}` : ''}` : undefined;
  const line = d.range.start.line + 1;
  return { severity: SEVERITY[d.severity], path: uri.fsPath, label: labelOf(uri), line, message: d.message, source };
}
