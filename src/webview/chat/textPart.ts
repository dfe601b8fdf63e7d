/**
 * One streamed text part of an answer: the blocks that are final stay in the DOM untouched and
 * only the live tail is re-rendered per frame (see markdownBlocks.ts), so streaming cost does not
 * grow with the answer's length.
 */
import { h } from '../dom';
import type { RenderedMarkdown } from '../markdown';
import { MarkdownBlocks } from '../markdownBlocks';

/** Code of the blocks rendered inside each markdown element (the Copy / Insert / Apply buttons read it). */
export const codesOf = new WeakMap<Element, string[]>();

export class TextPartView {
  readonly el = h('div', { class: 'md-part' });
  private blocks = new MarkdownBlocks();
  private tail = h('div', { class: 'md' });
  private length = -1;

  constructor(private readonly markdown: (source: string) => RenderedMarkdown) {
    this.el.append(this.tail);
  }

  /** Brings the DOM up to `text`; returns how many characters it rendered (0: nothing changed). */
  update(text: string): number {
    if (text.length === this.length) return 0;
    if (text.length < this.length) this.reset();
    this.length = text.length;
    const { done, tail } = this.blocks.update(text);
    for (const block of done) this.tail.before(this.render(h('div', { class: 'md' }), block));
    this.render(this.tail, tail);
    return done.reduce((n, b) => n + b.length, tail.length);
  }

  private render(el: HTMLElement, source: string): HTMLElement {
    const rendered = this.markdown(source);
    el.innerHTML = rendered.html; // safe: markdown-it with html:false, see markdown.ts
    codesOf.set(el, rendered.codes);
    return el;
  }

  private reset(): void {
    this.blocks = new MarkdownBlocks();
    this.tail = h('div', { class: 'md' });
    this.el.replaceChildren(this.tail);
  }
}
