/**
 * One card per deployment, updated in place (so keyboard focus on its buttons survives updates).
 * The models of one provider entry sit under its heading, each card titled with its model.
 */
import type { DashboardToHost, ProviderCard } from '../../core/protocol';
import { groupRows, hasHeading, rowName, soloName, type RowGroup } from '../../core/groups';
import { usd } from '../../core/money';
import { h } from '../dom';
import { CardView } from './card';

/** The heading over the cards of an entry with several models: its label, models and spend today. */
function headingText(g: RowGroup<ProviderCard>): string {
  const spent = g.rows.reduce((n, c) => n + (c.spentTodayUsd ?? 0), 0);
  return `${g.label} — ${g.rows.length} models, ${usd(spent)} today`;
}

export class Cards {
  private views = new Map<string, CardView>();
  private headings = new Map<string, HTMLElement>();
  private cards: ProviderCard[] = [];
  private groups: RowGroup<ProviderCard>[] = [];

  constructor(private readonly root: HTMLElement, private readonly post: (m: DashboardToHost) => void) {}

  set(cards: ProviderCard[], now: number): void {
    this.cards = cards;
    this.groups = groupRows(cards);
    const next = new Map<string, CardView>();
    const headings = new Map<string, HTMLElement>();
    const children: HTMLElement[] = [];
    for (const g of this.groups) {
      const nested = hasHeading(g);
      if (nested) {
        const el = this.headings.get(g.id) ?? h('h2', { class: 'group-heading' });
        headings.set(g.id, el);
        children.push(el);
      }
      for (const c of g.rows) {
        const old = this.views.get(c.id);
        const view = old && old.nested === nested ? old : new CardView(c, this.post, nested);
        next.set(c.id, view);
        children.push(view.el);
      }
    }
    const shown = this.root.children;
    const sameOrder = children.length === shown.length && children.every((el, i) => shown[i] === el);
    this.views = next;
    this.headings = headings;
    // Re-inserting a focused button would blur it: only touch the DOM when the list changed.
    if (!sameOrder || !cards.length) this.root.replaceChildren(...children);
    if (!cards.length) this.root.append(h('p', { class: 'muted' }, 'No providers are configured. Add one in the Switchboard settings.'));
    this.tick(now);
  }

  /** Re-renders countdowns. */
  tick(now: number): void {
    for (const g of this.groups) {
      const heading = this.headings.get(g.id);
      if (heading && heading.textContent !== headingText(g)) heading.textContent = headingText(g);
      for (const c of g.rows) this.views.get(c.id)?.update(c, now, rowName(g, c));
    }
  }

  order(): string[] {
    return this.cards.map((c) => c.id);
  }

  labels(): Map<string, string> {
    return new Map(this.cards.map((c) => [c.id, soloName(c, this.cards)]));
  }
}
