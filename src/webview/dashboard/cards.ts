/** One card per provider, updated in place (so keyboard focus on its buttons survives updates). */
import type { DashboardToHost, ProviderCard } from '../../core/protocol';
import { h } from '../dom';
import { statusText } from '../../core/status';
import { usd } from '../../core/money';

const pct = (r: number) => `${Math.round(r * 100)}%`;
const ms = (v?: number) => (v === undefined ? '–' : `${Math.round(v)} ms`);

function headroom(c: ProviderCard): string {
  const part = (rem?: number, lim?: number, unit = '') => (rem === undefined ? undefined : `${rem}${lim !== undefined ? `/${lim}` : ''}${unit}`);
  const parts = [
    part(c.remainingRequests, c.limitRequests, ' requests'),
    part(c.remainingTokens, c.limitTokens, ' tokens'),
  ].filter(Boolean);
  const text = parts.length ? parts.join(', ') : 'unknown';
  return c.hold ? `${text} (${c.hold})` : text;
}

function spend(c: ProviderCard): string {
  const spent = usd(c.spentTodayUsd ?? 0);
  return c.dailyBudgetUsd === undefined ? spent : `${spent} of ${usd(c.dailyBudgetUsd)} budget`;
}

class CardView {
  readonly el: HTMLElement;
  private readonly fields = new Map<string, HTMLElement>();
  private readonly drillButton: HTMLButtonElement;
  private card: ProviderCard;

  constructor(card: ProviderCard, post: (m: DashboardToHost) => void) {
    this.card = card;
    const field = (key: string, label: string) => {
      const dd = h('dd', {});
      this.fields.set(key, dd);
      return [h('dt', {}, label), dd];
    };
    const button = (label: string, action: 'reset' | 'isolate' | 'drill', aria: string) => {
      const b = h('button', { type: 'button', class: 'secondary', 'aria-label': aria }, label);
      b.addEventListener('click', () => post({ type: 'provider', action: action === 'drill' && this.card.outageUntil && this.card.outageUntil > Date.now() ? 'endDrill' : action, providerId: this.card.id }));
      return b;
    };
    const title = h('h2', {}, card.label);
    this.fields.set('title', title);
    this.drillButton = button('Fire drill', 'drill', `Simulate an outage of ${card.label} for 30 seconds`);
    this.el = h(
      'article',
      { class: 'card', 'aria-label': card.label },
      h('header', {}, title, h('span', { class: 'badge' })),
      h(
        'dl',
        {},
        ...field('model', 'Model'),
        ...field('breaker', 'Breaker'),
        ...field('headroom', 'Rate-limit headroom'),
        ...field('ttft', 'First token p50 / p95'),
        ...field('errors', 'Error rate'),
        ...field('spend', 'Spent today'),
        ...field('lastError', 'Last error'),
      ),
      h(
        'div',
        { class: 'actions' },
        button('Reset', 'reset', `Reset the health of ${card.label}`),
        button('Isolate', 'isolate', `Stop using ${card.label} until reset`),
        this.drillButton,
      ),
    );
  }

  update(card: ProviderCard, now: number): void {
    this.card = card;
    const set = (key: string, text: string) => {
      const el = this.fields.get(key);
      if (el && el.textContent !== text) el.textContent = text;
    };
    set('title', card.label);
    set('model', `${card.model} (${card.trust})`);
    set('breaker', card.breaker);
    set('headroom', headroom(card));
    set('ttft', `${ms(card.ttftP50)} / ${ms(card.ttftP95)}`);
    set('errors', `${pct(card.errorRate)} of ${card.requests} request${card.requests === 1 ? '' : 's'}`);
    set('spend', spend(card));
    set('lastError', card.lastError ? `${card.lastError.kind}: ${card.lastError.message}` : 'none');
    const badge = this.el.querySelector('.badge');
    if (badge) {
      // The same words (and time left) as the status bar tooltip and the report.
      const text = statusText(card.status, card.statusUntil, now, card.statusDetail);
      if (badge.textContent !== text) badge.textContent = text;
      badge.className = `badge state-${card.status}`;
    }
    const drilling = Boolean(card.outageUntil && card.outageUntil > now);
    this.drillButton.textContent = drilling ? 'End drill' : 'Fire drill';
  }
}

export class Cards {
  private views = new Map<string, CardView>();
  private cards: ProviderCard[] = [];

  constructor(private readonly root: HTMLElement, private readonly post: (m: DashboardToHost) => void) {}

  set(cards: ProviderCard[], now: number): void {
    this.cards = cards;
    const next = new Map<string, CardView>();
    for (const c of cards) next.set(c.id, this.views.get(c.id) ?? new CardView(c, this.post));
    const sameOrder =
      next.size === this.views.size && [...next.keys()].every((id, i) => this.root.children[i] === next.get(id)?.el);
    this.views = next;
    // Re-inserting a focused button would blur it: only touch the DOM when the list changed.
    if (!sameOrder || !cards.length) this.root.replaceChildren(...[...next.values()].map((v) => v.el));
    if (!cards.length) this.root.append(h('p', { class: 'muted' }, 'No providers are configured. Add one in the Switchboard settings.'));
    this.tick(now);
  }

  /** Re-renders countdowns. */
  tick(now: number): void {
    for (const c of this.cards) this.views.get(c.id)?.update(c, now);
  }

  order(): string[] {
    return this.cards.map((c) => c.id);
  }

  labels(): Map<string, string> {
    return new Map(this.cards.map((c) => [c.id, c.label]));
  }
}
