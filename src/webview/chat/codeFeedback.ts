/**
 * Confirmation on the code-block button the user clicked: when the host reports that a Copy or an
 * Insert happened, that button reads "Copied" / "Inserted" for a moment and a screen reader hears
 * the host's message. The button is remembered at the click, since only the host knows whether it
 * worked (a clipboard can refuse a write).
 */
import type { CodeAction } from '../../core/protocol';

const DONE_LABEL: Record<CodeAction, string> = { copy: 'Copied', insert: 'Inserted', apply: 'Previewed' };
export const DONE_SHOWN_MS = 2000;

export class CodeFeedback {
  private pending?: { action: CodeAction; button: HTMLElement };

  constructor(private readonly announce: (text: string) => void) {}

  /** A click reached a code-block button (`[data-code-action]`). */
  clicked(button: HTMLElement, action: CodeAction): void {
    this.pending = { action, button };
  }

  /** The host did `action`: the clicked button says so, then reads as before. */
  done(action: CodeAction, message: string): void {
    this.announce(message);
    const p = this.pending;
    if (!p || p.action !== action) return;
    this.pending = undefined;
    const { button } = p;
    // A streaming re-render may have replaced the button; the announcement is then enough.
    if (!button.isConnected || button.classList.contains('done')) return;
    const label = button.textContent;
    button.textContent = `${DONE_LABEL[action]} ✓`;
    button.classList.add('done');
    button.title = message;
    setTimeout(() => {
      button.textContent = label;
      button.classList.remove('done');
      button.removeAttribute('title');
    }, DONE_SHOWN_MS);
  }
}
