/** The list of turns: applies host updates, batches DOM work per frame, routes clicks to the host. */
import type { ChatToHost, ErrorAction, Turn, TurnPart } from '../../core/protocol';
import { h } from '../dom';
import { createMarkdown } from '../markdown';
import { CodeFeedback } from './codeFeedback';
import { ACTION_LABELS, messageForTarget, TurnView } from './turnView';

/** The name of the per-frame render measure (performance.getEntriesByName). */
export const RENDER_MEASURE = 'switchboard-render';

export class Transcript {
  private views: TurnView[] = [];
  private dirty = new Set<TurnView>();
  private frame = 0;
  private lastRenderMs = 0;
  private isBusy = false;
  /** Only demo providers answer (no key, no local server): the empty state says so. */
  private demo = false;
  private readonly markdown = createMarkdown();
  /** The host's confirmation of a Copy / Insert shows on the button clicked. */
  readonly codeFeedback: CodeFeedback;

  constructor(
    private readonly root: HTMLElement,
    private readonly announce: (text: string) => void,
    post: (m: ChatToHost) => void,
    /** Edit on one of the user's messages: the composer takes it over. */
    onEdit: (turnId: string, text: string) => void,
  ) {
    this.codeFeedback = new CodeFeedback(announce);
    root.addEventListener('click', (e) => {
      const edit = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-edit]')?.dataset.edit : undefined;
      const text = edit ? this.views.find((v) => v.id === edit)?.userText : undefined;
      if (edit && text !== undefined) return onEdit(edit, text);
      const m = e.target instanceof Element ? messageForTarget(e.target) : undefined;
      if (!m) return;
      e.preventDefault();
      if (m.type === 'code') this.codeFeedback.clicked((e.target as Element).closest<HTMLElement>('[data-code-action]')!, m.action);
      post(m);
    });
    root.addEventListener('keydown', (e) => {
      if ((e.key === 'Enter' || e.key === ' ') && e.target instanceof HTMLElement && e.target.matches('.md-link')) {
        e.preventDefault();
        const m = messageForTarget(e.target);
        if (m) post(m);
      }
    });
  }

  reset(turns: Turn[], busy: boolean): void {
    this.isBusy = busy;
    this.views = turns.map((t) => this.createView(t));
    this.root.replaceChildren(...this.views.map((v) => v.el));
    if (!turns.length) this.root.append(this.emptyState());
    this.scrollToEnd(true);
  }

  upsert(turn: Turn): void {
    const view = this.views.find((v) => v.id === turn.id);
    if (view) {
      // A finished turn grows (usage line, actions): a reader at the end stays at the end.
      const stick = this.nearEnd();
      view.replace(turn);
      this.scrollToEnd(stick);
      if (turn.role === 'assistant' && turn.status !== 'streaming')
        this.announce(statusText(turn.status, turn.error?.message));
    } else {
      this.root.querySelector('.empty')?.remove();
      const created = this.createView(turn);
      this.views.push(created);
      this.root.append(created.el);
      this.refreshFooters();
      this.scrollToEnd(true);
    }
  }

  append(turnId: string, part: TurnPart): void {
    const view = this.views.find((v) => v.id === turnId);
    if (!view) return;
    view.append(part);
    if (part.type === 'provider') this.announce(`Answering with ${part.label}, ${part.model}`);
    if (part.type === 'notice') this.announce(part.message);
    this.schedule(view);
  }

  setMode(demo: boolean): void {
    this.demo = demo;
    const empty = this.root.querySelector('.empty');
    if (empty) empty.replaceWith(this.emptyState());
  }

  setBusy(busy: boolean): void {
    const stick = this.nearEnd();
    this.isBusy = busy;
    this.refreshFooters();
    this.scrollToEnd(stick);
  }

  private createView(turn: Turn): TurnView {
    return new TurnView(turn, {
      markdown: this.markdown,
      isLast: (id) => this.views[this.views.length - 1]?.id === id,
      busy: () => this.isBusy,
    });
  }

  private refreshFooters(): void {
    for (const v of this.views) v.renderFooter();
  }

  /**
   * Renders dirty turns on the next frame. A frame re-renders only each streaming part's last
   * block (see textPart.ts); should one still be slow, the next waits twice as long, so streamed
   * chunks arrive in batches instead of each paying for it.
   */
  private schedule(view: TurnView): void {
    this.dirty.add(view);
    if (this.frame) return;
    const render = () => {
      this.frame = 0;
      const started = performance.now();
      const stick = this.nearEnd();
      let chars = 0;
      for (const v of this.dirty) chars += v.update();
      this.dirty.clear();
      this.scrollToEnd(stick);
      this.lastRenderMs = performance.now() - started;
      // A User Timing entry per frame: the E2E suite reads them to show that the cost of a frame
      // stays flat while a long answer streams (they are bounded: cleared past 2000).
      if (performance.getEntriesByName(RENDER_MEASURE).length > 2000) performance.clearMeasures(RENDER_MEASURE);
      performance.measure(RENDER_MEASURE, { start: started, duration: this.lastRenderMs, detail: { chars } });
    };
    const wait = this.lastRenderMs > 16 ? Math.min(2 * this.lastRenderMs, 2000) : 0;
    this.frame = wait ? window.setTimeout(() => requestAnimationFrame(render), wait) : requestAnimationFrame(render);
  }

  private nearEnd(): boolean {
    const s = document.scrollingElement ?? document.documentElement;
    return s.scrollHeight - s.scrollTop - s.clientHeight < 80;
  }

  /** The document scrolls and the composer is sticky at its bottom: go to the very end, so the last lines are not left under the composer. */
  private scrollToEnd(when: boolean): void {
    if (!when) return;
    const s = document.scrollingElement ?? document.documentElement;
    s.scrollTop = s.scrollHeight;
  }

  /** What a first-time user needs: what answers them (demo mode), how to change that, and the keys. */
  private emptyState(): HTMLElement {
    const action = (a: ErrorAction) =>
      h('button', { type: 'button', class: 'secondary', 'data-action': a }, ACTION_LABELS[a]);
    const intro = this.demo
      ? [
          h('p', {}, h('strong', {}, 'Demo mode. '), 'No provider has an API key yet, so three demo providers answer: small servers inside Switchboard on 127.0.0.1 that speak the OpenAI, Anthropic and Cohere formats. Their answers are canned; no key, nothing leaves your machine.'),
          h('p', {}, 'Set a key to chat with a real model, use a local Ollama, or break a provider on purpose and watch the next answer move to another one.'),
          h('div', { class: 'actions' }, action('setApiKey'), action('detectOllama'), action('fireDrill')),
        ]
      : [h('p', {}, 'Ask about your code. Switchboard answers from the first healthy provider and moves to another one if it fails.')];
    return h(
      'div',
      { class: 'empty' },
      ...intro,
      h('p', { class: 'muted' }, 'Select code and right-click for "Switchboard: Explain Selection" (Ctrl+Alt+E). New chat: Ctrl+Alt+N. Back to this view: Ctrl+Alt+/.'),
    );
  }
}

function statusText(status: string, error?: string): string {
  if (status === 'done') return 'Answer complete.';
  if (status === 'stopped') return 'Answer stopped.';
  if (status === 'interrupted') return 'Answer interrupted.';
  return `Answer failed. ${error ?? ''}`;
}
