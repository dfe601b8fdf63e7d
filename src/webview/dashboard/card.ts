/** One deployment's card: state, latency, headroom, spend and its actions, updated in place. */
import type { DashboardToHost, ProviderCard } from '../../core/protocol';
import { h } from '../dom';
import { statusText } from '../../core/status';
import { cutNote, usd } from '../../core/money';

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
  const budget = c.dailyBudgetUsd;
  const of =
    budget === undefined
      ? spent
      : c.budgetShared
        ? `${spent} (the provider's ${usd(budget)} budget is shared by its models)`
        : `${spent} of ${usd(budget)} budget`;
  return `${of}${cutNote(c.cutAttemptsToday, c.spentTodayEstimatedUsd)}`;
}

export class CardView {
  readonly el: HTMLElement;
  private readonly fields = new Map<string, HTMLElement>();
  private readonly drillButton: HTMLButtonElement;
  private card: ProviderCard;

  /** `nested`: under its entry's heading (an h3 titled with the model), else a card of its own (h2). */
  constructor(card: ProviderCard, post: (m: DashboardToHost) => void, readonly nested: boolean) {
    this.card = card;
    // Spoken and on its buttons: the model too when its entry lists several.
    const full = nested ? `${card.groupLabel} · ${card.model}` : card.label;
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
    const title = h(nested ? 'h3' : 'h2', {}, card.label);
    this.fields.set('title', title);
    this.drillButton = button('Fire drill', 'drill', `Simulate an outage of ${full} for 30 seconds`);
    this.el = h(
      'article',
      { class: 'card', 'aria-label': full },
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
        button('Reset', 'reset', `Reset the health of ${full}`),
        button('Isolate', 'isolate', `Stop using ${full} until reset`),
        this.drillButton,
      ),
    );
  }

  update(card: ProviderCard, now: number, name: string): void {
    this.card = card;
    const set = (key: string, text: string) => {
      const el = this.fields.get(key);
      if (el && el.textContent !== text) el.textContent = text;
    };
    set('title', name);
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

