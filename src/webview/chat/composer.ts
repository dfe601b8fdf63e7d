/**
 * The message box: Enter sends, Shift+Enter adds a line, Escape stops; the draft survives reloads.
 * Above it the attachment chips; `#` opens the file completion.
 */
import type { AttachmentChip, FileChoice } from '../../core/attachments';
import { LIMITS, type ChatToHost } from '../../core/protocol';
import { byId, h } from '../dom';
import { AttachChips } from './attachChips';
import { FileCompletion } from './fileCompletion';

export interface ChatViewState {
  draft: string;
}

export class Composer {
  private readonly form = byId<HTMLFormElement>('composer');
  private readonly input = byId<HTMLTextAreaElement>('input');
  private readonly stopButton = byId<HTMLButtonElement>('stop');
  private readonly chips: AttachChips;
  readonly completion: FileCompletion;
  private busy = false;
  /** The message being edited (Edit on one of your messages): Send replaces it and what follows. */
  private editing: string | undefined;
  private readonly editNote = h('div', { class: 'edit-note', hidden: true });
  private draftTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly post: (m: ChatToHost) => void,
    private readonly state: { get(): ChatViewState | undefined; set(s: ChatViewState): void },
    private readonly announce: (text: string) => void,
  ) {
    this.chips = new AttachChips(post, announce, () => this.input.focus());
    this.completion = new FileCompletion(this.input, post);
    this.input.value = state.get()?.draft ?? '';
    this.input.before(this.editNote);
    this.input.addEventListener('input', () => this.saveDraft());
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.submit();
      } else if (e.key === 'Escape' && this.busy) {
        e.preventDefault();
        this.post({ type: 'stop' });
      } else if (e.key === 'Escape' && this.editing) {
        e.preventDefault();
        this.cancelEdit();
      }
    });
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    this.stopButton.addEventListener('click', () => {
      this.post({ type: 'stop' });
      this.input.focus();
    });
    byId('new-chat').addEventListener('click', () => {
      this.post({ type: 'newChat' });
      this.input.focus();
    });
  }

  /** Puts one of the user's messages back in the box; Send replaces it (and the answers after it). */
  startEdit(turnId: string, text: string): void {
    this.editing = turnId;
    this.input.value = text;
    this.editNote.hidden = false;
    this.editNote.replaceChildren(h('span', {}, 'Editing your message: Send replaces it and the answers after it. Escape cancels.'));
    this.input.focus();
    this.input.setSelectionRange(text.length, text.length);
  }

  private cancelEdit(): void {
    this.editing = undefined;
    this.editNote.hidden = true;
    this.input.value = '';
    this.saveDraft();
  }

  focus(): void {
    this.input.focus();
  }

  /** The host's copy of the draft, used when this webview's own state was not saved in time. */
  restoreDraft(draft: string | undefined): void {
    if (draft && !this.input.value) {
      this.input.value = draft;
      this.state.set({ draft });
    }
  }

  setBusy(busy: boolean): void {
    const hadFocus = document.activeElement === this.stopButton;
    this.busy = busy;
    this.stopButton.hidden = !busy;
    if (hadFocus && !busy) this.input.focus();
  }

  /** What goes with the next message (from the host) and the suggested active file. */
  setAttachments(chips: AttachmentChip[], suggestion: FileChoice | undefined): void {
    this.chips.set(chips, suggestion);
  }

  attachError(message: string): void {
    this.chips.showError(message);
  }

  private submit(): void {
    const text = this.input.value;
    if (!text.trim()) return;
    if (text.length > LIMITS.text) return this.announce(`The message is too long (${text.length} characters, at most ${LIMITS.text}).`);
    if (this.editing) this.post({ type: 'resend', turnId: this.editing, text });
    else this.post({ type: 'send', text });
    this.editing = undefined;
    this.editNote.hidden = true;
    this.input.value = '';
    this.chips.showError(undefined);
    this.completion.close();
    this.saveDraft();
  }

  private saveDraft(): void {
    this.state.set({ draft: this.input.value });
    if (this.draftTimer) clearTimeout(this.draftTimer);
    const text = this.input.value.slice(0, LIMITS.text);
    this.draftTimer = setTimeout(() => this.post({ type: 'draft', text }), 250);
  }
}
