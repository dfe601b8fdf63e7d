/** Renders one turn and keeps it current while parts stream in (only changed parts re-render). */
import {
  appendPart,
  type AssistantTurn,
  type ChatToHost,
  type ErrorAction,
  type Turn,
  type TurnPart,
} from '../../core/protocol';
import { usageLine } from '../../core/money';
import { attachmentsOf } from '../../core/attachments';
import { chipTitle } from './attachChips';
import { h } from '../dom';
import type { RenderedMarkdown } from '../markdown';
import { codesOf, TextPartView } from './textPart';

export const ACTION_LABELS: Record<ErrorAction, string> = {
  setApiKey: 'Set API Key',
  switchProvider: 'Switch Provider',
  showLogs: 'Show Logs',
  openDashboard: 'Open Dashboard',
  detectOllama: 'Detect Ollama',
  fireDrill: 'Try a Fire Drill',
};


export interface TurnEnv {
  markdown(source: string): RenderedMarkdown;
  isLast(turnId: string): boolean;
  busy(): boolean;
}

export class TurnView {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  private readonly footer: HTMLElement;
  private partEls: HTMLElement[] = [];
  private renderedLength: number[] = [];
  /** The view of each text part (by part index), kept so streaming re-renders only its tail. */
  private textViews: (TextPartView | undefined)[] = [];
  /** Characters rendered by new text parts since the last update() (for the render measure). */
  private renderedChars = 0;

  constructor(private turn: Turn, private readonly env: TurnEnv) {
    const who = turn.role === 'user' ? 'You' : 'Switchboard';
    this.body = h('div', { class: 'turn-body' });
    this.footer = h('div', { class: 'turn-footer' });
    this.el = h(
      'article',
      { class: `turn ${turn.role}`, 'data-turn-id': turn.id, 'aria-label': who },
      h('div', { class: 'turn-author' }, who),
      this.body,
      this.footer,
    );
    this.renderAll();
  }

  get id(): string {
    return this.turn.id;
  }

  /** The text of a user turn (Edit puts it back in the composer). */
  get userText(): string | undefined {
    return this.turn.role === 'user' ? this.turn.text : undefined;
  }

  replace(turn: Turn): void {
    const sameParts =
      turn.role === 'assistant' && this.turn.role === 'assistant' && turn.parts.length >= this.partEls.length;
    this.turn = turn;
    if (sameParts) this.update();
    else this.renderAll();
  }

  append(part: TurnPart): void {
    if (this.turn.role !== 'assistant') return;
    appendPart(this.turn.parts, part);
  }

  /** Brings the DOM up to date with the turn (call once per animation frame); returns the characters of markdown it rendered. */
  update(): number {
    if (this.turn.role === 'user') return 0;
    let rendered = 0;
    const parts = this.turn.parts;
    parts.forEach((part, i) => {
      const length = part.type === 'text' ? part.text.length : -1;
      if (i < this.partEls.length && this.renderedLength[i] === length) return;
      const streaming = part.type === 'text' ? this.textViews[i] : undefined;
      if (streaming && part.type === 'text') {
        rendered += streaming.update(part.text);
        this.renderedLength[i] = length;
        return;
      }
      const el = this.renderPart(part, i);
      if (i < this.partEls.length) this.partEls[i].replaceWith(el);
      else this.body.append(el);
      this.partEls[i] = el;
      this.renderedLength[i] = length;
    });
    this.renderFooter();
    rendered += this.renderedChars;
    this.renderedChars = 0;
    return rendered;
  }

  renderFooter(): void {
    if (this.turn.role === 'assistant') {
      return void this.footer.replaceChildren(...this.footerNodes(this.turn), ...this.regenerateNodes(this.turn));
    }
    const canEdit = !this.env.busy();
    const label = 'Edit this message and send it again';
    const attrs = { type: 'button', class: 'link-button', 'data-edit': this.turn.id, 'aria-label': label };
    this.footer.replaceChildren(...(canEdit ? [h('button', attrs, 'Edit')] : []));
  }

  /** Regenerate under the last answer once it has settled (on the provider picked for the chat). */
  private regenerateNodes(turn: AssistantTurn): Node[] {
    if (turn.status === 'streaming' || !this.env.isLast(turn.id) || this.env.busy()) return [];
    const label = 'Answer again (on the provider picked below)';
    const attrs = { type: 'button', class: 'link-button', 'data-regenerate': turn.id, 'aria-label': label };
    return [h('button', attrs, 'Regenerate')];
  }

  private renderAll(): void {
    this.body.replaceChildren();
    this.partEls = [];
    this.renderedLength = [];
    this.textViews = [];
    if (this.turn.role === 'user') {
      this.body.append(h('div', { class: 'user-text' }, this.turn.text));
      // What was sent with it, as chips (the content went to the model, not into the transcript).
      const chips = attachmentsOf(this.turn).map((a) =>
        h('span', { class: `chip static ${a.kind}`, title: chipTitle(a) }, h('span', { class: 'label' }, a.label)),
      );
      if (chips.length) this.body.append(h('div', { class: 'sent-attachments', 'aria-label': 'Attached' }, ...chips));
    }
    this.update();
    this.renderFooter();
  }

  private renderPart(part: TurnPart, index: number): HTMLElement {
    if (part.type === 'provider') {
      return h(
        'div',
        { class: 'answered-by', role: 'note' },
        h('span', { class: 'provider' }, part.label),
        h('span', { class: 'model' }, part.model),
      );
    }
    if (part.type === 'usage') {
      const title = 'Tokens reported by the provider for this answer; cost by the price table (switchboard.cost.prices)';
      return h('div', { class: 'usage', title }, usageLine(part));
    }
    if (part.type === 'notice') {
      return h('div', { class: `notice notice-${part.kind}`, role: 'note' }, part.message);
    }
    const view = new TextPartView(this.env.markdown);
    this.renderedChars += view.update(part.text);
    this.textViews[index] = view;
    return view.el;
  }

  private footerNodes(turn: AssistantTurn): Node[] {
    const hasText = turn.parts.some((p) => p.type === 'text' && p.text.length > 0);
    const canContinue = hasText && this.env.isLast(turn.id) && !this.env.busy();
    const continueButton = () =>
      h(
        'button',
        { type: 'button', class: 'secondary', 'data-continue': turn.id, 'aria-label': 'Continue the cut-off answer' },
        'Continue',
      );
    switch (turn.status) {
      case 'streaming':
        return [
          h('span', { class: 'streaming', 'aria-hidden': 'true' }, turn.parts.length ? '▍' : 'Waiting for a provider…'),
        ];
      case 'done':
        return [];
      case 'stopped':
        return [h('div', { class: 'status' }, 'Stopped.', canContinue ? continueButton() : undefined)];
      case 'interrupted':
        return [h('div', { class: 'status interrupted' }, 'Interrupted: the window reloaded before this answer finished.', canContinue ? continueButton() : undefined)];
      case 'error': {
        const err = turn.error;
        const buttons = (err?.actions ?? []).map((a) =>
          h('button', { type: 'button', class: 'secondary', 'data-action': a }, ACTION_LABELS[a]),
        );
        return [
          h(
            'div',
            { class: 'error', role: 'alert' },
            h('p', {}, err?.message ?? 'The answer failed.'),
            h('div', { class: 'actions' }, ...buttons, canContinue ? continueButton() : undefined),
          ),
        ];
      }
    }
  }
}

/** Turns a click (or Enter on a link) inside the transcript into a message for the host. */
export function messageForTarget(target: Element): ChatToHost | undefined {
  const code = target.closest<HTMLElement>('[data-code-action]');
  if (code) {
    const block = code.closest<HTMLElement>('.code-block');
    const md = code.closest('.md');
    const text = md && block ? codesOf.get(md)?.[Number(block.dataset.codeIndex)] : undefined;
    const action = code.dataset.codeAction;
    if (text !== undefined && (action === 'copy' || action === 'insert' || action === 'apply'))
      return { type: 'code', action, code: text };
    return undefined;
  }
  const link = target.closest<HTMLElement>('.md-link[data-href]');
  if (link?.dataset.href) return { type: 'openLink', href: link.dataset.href };
  const action = target.closest<HTMLElement>('[data-action]')?.dataset.action as ErrorAction | undefined;
  if (action && action in ACTION_LABELS) return { type: 'action', action };
  const cont = target.closest<HTMLElement>('[data-continue]')?.dataset.continue;
  if (cont) return { type: 'continue', turnId: cont };
  const regen = target.closest<HTMLElement>('[data-regenerate]')?.dataset.regenerate;
  if (regen) return { type: 'regenerate', turnId: regen };
  return undefined;
}
