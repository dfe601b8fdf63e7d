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
  const shared = g.rows.find((c) => c.budgetShared)?.dailyBudgetUsd;
  const budget = shared === undefined ? '' : ` of ${usd(shared)} budget`;
  return `${g.label} — ${g.rows.length} models, ${usd(spent)}${budget} today`;
}

/** Puts exactly `want` into `parent`, touching the DOM only when it differs (a focused button stays focused). */
function place(parent: Element, want: readonly Element[]): void {
  const shown = parent.children;
  if (want.length !== shown.length || want.some((el, i) => shown[i] !== el)) parent.replaceChildren(...want);
}

export class Cards {
  private views = new Map<string, CardView>();
  /** Per entry with several models: a full-width section holding its heading and its cards. */
  private sections = new Map<string, { el: HTMLElement; heading: HTMLElement }>();
  private cards: ProviderCard[] = [];
  private groups: RowGroup<ProviderCard>[] = [];

  constructor(private readonly root: HTMLElement, private readonly post: (m: DashboardToHost) => void) {}

  set(cards: ProviderCard[], now: number): void {
    this.cards = cards;
    this.groups = groupRows(cards);
    const next = new Map<string, CardView>();
    const sections = new Map<string, { el: HTMLElement; heading: HTMLElement }>();
    const children: HTMLElement[] = [];
    for (const g of this.groups) {
      const nested = hasHeading(g);
      const els = g.rows.map((c) => {
        const old = this.views.get(c.id);
        const view = old && old.nested === nested ? old : new CardView(c, this.post, nested);
        next.set(c.id, view);
        return view.el;
      });
      if (!nested) {
        children.push(...els);
        continue;
      }
      const heading = this.sections.get(g.id)?.heading ?? h('h2', { class: 'group-heading' });
      const el = this.sections.get(g.id)?.el ?? h('section', { class: 'group' });
      el.setAttribute('aria-label', g.label);
      place(el, [heading, ...els]);
      sections.set(g.id, { el, heading });
      children.push(el);
    }
    this.views = next;
    this.sections = sections;
    if (cards.length) place(this.root, children);
    else this.root.replaceChildren(h('p', { class: 'muted' }, 'No providers are configured. Add one in the Switchboard settings.'));
    this.tick(now);
  }

  /** Re-renders countdowns. */
  tick(now: number): void {
    for (const g of this.groups) {
      const heading = this.sections.get(g.id)?.heading;
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
