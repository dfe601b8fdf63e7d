/**
 * The row above the message box: "+ Context" (the host's quick pick of files, selection and
 * problems), a chip per attachment with × to remove it, the active file as a suggestion (click to
 * attach, × to dismiss), and why the last attempt to attach failed.
 */
import type { AttachmentChip, FileChoice } from '../../core/attachments';
import type { ChatToHost } from '../../core/protocol';
import { byId, h } from '../dom';

export const KIND_NAMES: Record<AttachmentChip['kind'], string> = {
  file: 'file',
  selection: 'selection',
  problems: 'problems',
};

/** A chip's hover text: what it is and whether it was cut. */
export function chipTitle(c: { kind: AttachmentChip['kind']; label: string; truncated?: string }): string {
  return `${KIND_NAMES[c.kind]}: ${c.label}${c.truncated ? ` (truncated: ${c.truncated})` : ''}`;
}

export class AttachChips {
  private readonly row = byId<HTMLElement>('attachments');
  private readonly error = byId<HTMLElement>('attach-error');
  private chips: AttachmentChip[] = [];
  private suggestion: FileChoice | undefined;
  /** The suggested file the user dismissed (offered again once another file is active). */
  private dismissed: string | undefined;

  constructor(
    private readonly post: (m: ChatToHost) => void,
    private readonly announce: (text: string) => void,
    private readonly focusInput: () => void,
  ) {}

  set(chips: AttachmentChip[], suggestion: FileChoice | undefined): void {
    const added = chips.filter((c) => !this.chips.some((o) => o.id === c.id));
    this.chips = chips;
    this.suggestion = suggestion;
    if (added.length) {
      this.showError(undefined);
      this.announce(`Attached ${added.map((c) => c.label).join(', ')}.`);
    }
    this.render();
  }

  showError(message: string | undefined): void {
    this.error.hidden = !message;
    this.error.textContent = message ?? '';
    if (message) this.announce(message);
  }

  private render(): void {
    const add = h('button', { type: 'button', class: 'chip add', id: 'attach', title: 'Attach a file, the selection or problems (or type # and a file name)', 'aria-label': 'Attach context' }, '+ Context');
    add.addEventListener('click', () => this.post({ type: 'attach', source: 'pick' }));
    const nodes: HTMLElement[] = [add, ...this.chips.map((c) => this.chip(c))];
    const s = this.suggestion;
    if (s && s.path !== this.dismissed) nodes.push(this.suggested(s));
    this.row.replaceChildren(...nodes);
  }

  private chip(c: AttachmentChip): HTMLElement {
    const remove = h('button', { type: 'button', class: 'icon', 'aria-label': `Remove ${c.label}` }, '×');
    remove.addEventListener('click', () => {
      this.post({ type: 'detach', id: c.id });
      this.focusInput();
    });
    const cls = `chip ${c.kind}${c.truncated ? ' truncated' : ''}`;
    const label = h('span', { class: 'label' }, c.label);
    return h('span', { class: cls, title: chipTitle(c), 'data-chip': c.id }, label, remove);
  }

  /** The active file, not attached until the user clicks it. */
  private suggested(s: FileChoice): HTMLElement {
    const attrs = { type: 'button', class: 'label', 'aria-label': `Attach the active file ${s.label}` };
    const confirm = h('button', attrs, s.label);
    confirm.addEventListener('click', () => this.post({ type: 'attach', source: 'activeFile' }));
    const dismiss = h('button', { type: 'button', class: 'icon', 'aria-label': `Do not suggest ${s.label}` }, '×');
    dismiss.addEventListener('click', () => {
      this.dismissed = s.path;
      this.render();
      this.focusInput();
    });
    return h('span', { class: 'chip suggested', title: `Active file (not attached): click to attach ${s.label}` }, confirm, dismiss);
  }
}
