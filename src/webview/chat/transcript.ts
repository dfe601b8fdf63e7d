/** The list of turns: applies host updates, batches DOM work per frame, routes clicks to the host. */
import type { ChatToHost, Turn, TurnPart } from '../../core/protocol';
import { h } from '../dom';
import { createMarkdown } from '../markdown';
import { messageForTarget, TurnView } from './turnView';

export class Transcript {
  private views: TurnView[] = [];
  private dirty = new Set<TurnView>();
  private frame = 0;
  private lastRenderMs = 0;
  private isBusy = false;
  private readonly markdown = createMarkdown();

  constructor(
    private readonly root: HTMLElement,
    private readonly announce: (text: string) => void,
    post: (m: ChatToHost) => void,
  ) {
    root.addEventListener('click', (e) => {
      const m = e.target instanceof Element ? messageForTarget(e.target) : undefined;
      if (!m) return;
      e.preventDefault();
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
      view.replace(turn);
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

  setBusy(busy: boolean): void {
    this.isBusy = busy;
    this.refreshFooters();
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
   * Renders dirty turns on the next frame. A render re-renders a turn's whole markdown, so when the
   * last one was slow (a huge answer) the next waits twice as long: streamed chunks then arrive in
   * batches instead of each costing a full re-render (keeps a 5 MB answer linear, not quadratic).
   */
  private schedule(view: TurnView): void {
    this.dirty.add(view);
    if (this.frame) return;
    const render = () => {
      this.frame = 0;
      const started = performance.now();
      const stick = this.nearEnd();
      for (const v of this.dirty) v.update();
      this.dirty.clear();
      this.scrollToEnd(stick);
      this.lastRenderMs = performance.now() - started;
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

  private emptyState(): HTMLElement {
    return h('div', { class: 'empty' }, h('p', {}, 'Ask about your code. Switchboard answers from the first healthy provider and moves to another one if it fails.'), h('p', { class: 'muted' }, 'Tip: select code and run "Switchboard: Ask About Selection".'));
  }
}

function statusText(status: string, error?: string): string {
  if (status === 'done') return 'Answer complete.';
  if (status === 'stopped') return 'Answer stopped.';
  if (status === 'interrupted') return 'Answer interrupted.';
  return `Answer failed. ${error ?? ''}`;
}
