/**
 * `#file` completion in the message box: typing `#` (or `#file:`) and letters lists matching
 * workspace files (the host searches); Up/Down move, Enter or Tab attaches the highlighted file
 * and removes the `#...` text, Escape closes the list. The host answers with files it offered,
 * and only those go back to it.
 */
import type { FileChoice } from '../../core/attachments';
import { LIMITS, type ChatToHost } from '../../core/protocol';
import { byId, h } from '../dom';

/** The `#word` right before the caret: where it starts and the query (without a `file:` prefix). */
export function hashToken(text: string, caret: number): { start: number; query: string } | undefined {
  const m = /(?:^|\s)#(?:file:)?([^\s#]*)$/.exec(text.slice(0, caret));
  if (!m) return undefined;
  const start = caret - m[0].length + (m[0].startsWith('#') ? 0 : 1);
  return m[1].length <= LIMITS.query ? { start, query: m[1] } : undefined;
}

export class FileCompletion {
  private readonly list = byId<HTMLUListElement>('file-matches');
  private files: FileChoice[] = [];
  private active = 0;
  private token: { start: number; query: string } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly input: HTMLTextAreaElement,
    private readonly post: (m: ChatToHost) => void,
  ) {
    input.addEventListener('input', () => this.update());
    input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    // Registered before the composer's own keydown handler, so Enter picks instead of sending.
    input.addEventListener('keydown', (e) => this.key(e));
    this.list.addEventListener('mousedown', (e) => {
      const row = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-index]') : null;
      if (!row) return;
      e.preventDefault();
      this.pick(Number(row.dataset.index));
    });
  }

  get open(): boolean {
    return !this.list.hidden;
  }

  /** The host's matches; ignored unless they answer what is typed now. */
  show(query: string, files: FileChoice[]): void {
    if (!this.token || this.token.query !== query) return;
    this.files = files;
    this.active = 0;
    this.render();
  }

  close(): void {
    this.list.hidden = true;
    this.input.removeAttribute('aria-activedescendant');
    this.input.setAttribute('aria-expanded', 'false');
    this.files = [];
  }

  private update(): void {
    this.token = hashToken(this.input.value, this.input.selectionStart ?? this.input.value.length);
    if (this.timer) clearTimeout(this.timer);
    if (!this.token) return this.close();
    const query = this.token.query;
    this.timer = setTimeout(() => this.post({ type: 'findFiles', query }), 60);
  }

  private key(e: KeyboardEvent): void {
    if (!this.open || e.isComposing) return;
    const n = this.files.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (n) this.active = (this.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
      this.render();
    } else if ((e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && n) {
      this.pick(this.active);
    } else if (e.key === 'Escape') {
      this.close();
    } else return;
    e.preventDefault();
    e.stopImmediatePropagation();
  }

  private pick(index: number): void {
    const file = this.files[index];
    const token = this.token;
    if (!file || !token) return;
    const caret = this.input.selectionStart ?? this.input.value.length;
    const v = this.input.value;
    this.input.value = v.slice(0, token.start) + v.slice(caret).replace(/^ /, '');
    this.input.setSelectionRange(token.start, token.start);
    this.input.dispatchEvent(new Event('input'));
    this.close();
    this.post({ type: 'attachFile', path: file.path });
  }

  private render(): void {
    const rows = this.files.map((f, i) => {
      const name = f.label.slice(f.label.lastIndexOf('/') + 1);
      const dir = f.label.slice(0, f.label.length - name.length);
      const attrs = { id: `file-match-${i}`, role: 'option', 'data-index': i, 'aria-selected': String(i === this.active), class: i === this.active ? 'active' : undefined };
      return h('li', attrs, h('span', { class: 'name' }, name), h('span', { class: 'dir' }, dir));
    });
    const empty = h('li', { class: 'none', role: 'option', 'aria-disabled': 'true' }, `No workspace file matches "${this.token?.query ?? ''}"`);
    this.list.replaceChildren(...(rows.length ? rows : [empty]));
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    if (rows.length) {
      this.input.setAttribute('aria-activedescendant', `file-match-${this.active}`);
      rows[this.active].scrollIntoView({ block: 'nearest' });
    }
  }
}
