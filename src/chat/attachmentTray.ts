/**
 * What goes with the next message: the chips above the composer. Every request from the webview
 * is checked here (a file must be one the host offered or a file inside the workspace) and every
 * failure becomes a message the user sees. Reading files and diagnostics is the source's job.
 */
import { chipOf, type Attachment, type AttachSource, type FileChoice } from '../core/attachments';
import type { Logger } from '../core/log';
import type { HostToChat } from '../core/protocol';
import { AttachError, refusal, type NewAttachment } from './attachments';
import { matchFiles } from './fileMatch';

/** The editor side of attaching (src/vscode/chat/attachSource.ts); errors are AttachError. */
export interface AttachmentSource {
  /** Workspace files (absolute path + relative label). */
  files(): Promise<FileChoice[]>;
  /** Reads a workspace file as an attachment. */
  readFile(path: string): Promise<NewAttachment>;
  /** The "+" quick pick: what the user chose, or undefined when dismissed. */
  pick(): Promise<NewAttachment | undefined>;
  /** The active editor's file, offered as a suggestion. */
  activeFile(): FileChoice | undefined;
  selection(): NewAttachment;
  problems(scope: 'file' | 'workspace'): NewAttachment;
  /** True when `path` is an absolute, normalised path inside a workspace folder. */
  isWorkspaceFile(path: string): boolean;
}

export class AttachmentTray {
  private pending: Attachment[] = [];
  /** Paths the host showed the webview (completion, suggestion): the webview may send these back. */
  private readonly offered = new Set<string>();
  private seq = 0;
  /** The last message shown about a failed attach, and how many there were (diagnostics and tests). */
  lastError: string | undefined;
  failures = 0;

  constructor(
    private readonly source: AttachmentSource | undefined,
    private readonly post: (m: HostToChat) => void,
    private readonly log: Logger,
  ) {}

  /** The composer's state: chips, and the active file unless it is attached already. */
  state(): Extract<HostToChat, { type: 'attachments' }> {
    const active = this.source?.activeFile();
    if (active) this.offered.add(active.path);
    const attached = active && this.pending.some((a) => a.kind === 'file' && a.paths[0] === active.path);
    const suggestion = active && !attached ? { suggestion: active } : {};
    return { type: 'attachments', attachments: this.pending.map(chipOf), ...suggestion };
  }

  /** Tells the webview (after a change here or of the active editor). */
  refresh(): void {
    this.post(this.state());
  }

  /** Adds an attachment made on the host (Ask About Selection); false (and a message) when refused. */
  add(a: NewAttachment): boolean {
    const why = refusal(this.pending, a);
    if (why) return this.fail(why), false;
    this.pending.push({ ...a, id: `c${++this.seq}` });
    this.refresh();
    return true;
  }

  async attach(what: AttachSource): Promise<void> {
    await this.attempt(async () => {
      const s = this.need();
      if (what === 'pick') return s.pick();
      if (what === 'selection') return s.selection();
      if (what === 'problems') return s.problems('file');
      if (what === 'workspaceProblems') return s.problems('workspace');
      const active = s.activeFile();
      if (!active) throw new AttachError('No file is open in the editor: open one, or type # and a file name.');
      return s.readFile(active.path);
    });
  }

  /** Attaches a file by the path the webview sent: only one the host offered or a workspace file. */
  async attachFile(path: string): Promise<void> {
    const s = this.source;
    if (!s || (!this.offered.has(path) && !s.isWorkspaceFile(path))) {
      this.log.warn('Chat view: refused to attach a path that is not a workspace file.');
      return this.fail('Only files of this workspace can be attached: type # and pick one from the list.');
    }
    await this.attempt(() => s.readFile(path));
  }

  detach(id: string): void {
    const before = this.pending.length;
    this.pending = this.pending.filter((a) => a.id !== id);
    if (this.pending.length !== before) this.refresh();
  }

  /** The attachments for the message being sent; the composer starts empty again. */
  take(): Attachment[] {
    const taken = this.pending;
    this.pending = [];
    if (taken.length) this.refresh();
    return taken;
  }

  /** Answers the `#` completion with matching workspace files. */
  async findFiles(query: string): Promise<void> {
    let files: FileChoice[] = [];
    try {
      files = matchFiles(this.source ? await this.source.files() : [], query);
    } catch (e) {
      this.log.warn(`Chat view: listing workspace files failed: ${String(e)}`);
    }
    for (const f of files) this.offered.add(f.path);
    this.post({ type: 'fileMatches', query, files });
  }

  private async attempt(make: () => Promise<NewAttachment | undefined> | NewAttachment | undefined): Promise<void> {
    try {
      const a = await make();
      if (a) this.add(a);
    } catch (e) {
      if (!(e instanceof AttachError)) this.log.warn(`Chat view: attaching failed: ${String(e)}`);
      this.fail(e instanceof AttachError ? e.message : `Could not attach that: ${String(e)}`);
    }
  }

  private need(): AttachmentSource {
    if (!this.source) throw new AttachError('Attaching context needs a workspace editor.');
    return this.source;
  }

  private fail(message: string): void {
    this.lastError = message;
    this.failures++;
    this.post({ type: 'attachError', message });
  }
}
