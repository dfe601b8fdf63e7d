import type { Usage } from '../../core/chunks';

/** What one provider spent on one calendar day. */
export interface SpendRow {
  /** Local calendar day, `YYYY-MM-DD`. */
  day: string;
  providerId: string;
  /** USD of the answers whose model has a price. */
  usd: number;
  /** Answers that reported usage. */
  answers: number;
  /** Answers and cut attempts whose model had no price (their cost is unknown, not zero). */
  unpriced: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  /** Attempts cut off after producing tokens (hedges that lost, dropped streams): billed, not answers. */
  cutAttempts: number;
  /** Of `usd`, what rests on estimated token counts (cut attempts whose provider sent no usage). */
  estimatedUsd: number;
}

const EMPTY: Omit<SpendRow, 'day' | 'providerId'> = {
  usd: 0,
  answers: 0,
  unpriced: 0,
  inputTokens: 0,
  cachedInputTokens: 0,
  outputTokens: 0,
  cutAttempts: 0,
  estimatedUsd: 0,
};

/** Days of history kept (the report shows them; budgets use today only). */
const KEEP_DAYS = 31;

/** `YYYY-MM-DD` of epoch ms `at` in local time: daily budgets reset at the user's midnight. */
export function dayOf(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * Spend per provider per day, from the usage providers report. Attempts cut off after producing
 * tokens (hedges that lost, dropped streams) are billed too, though most providers send usage
 * only at the end: they are booked as cut attempts, with estimated counts (see Usage.estimated).
 */
export class SpendLedger {
  private readonly rows = new Map<string, SpendRow>();

  /**
   * Adds one answer's usage (and its cost, undefined when the model has no price); `cut`: an
   * attempt cut off before its end, booked apart from the answers.
   */
  add(providerId: string, usage: Usage, usd: number | undefined, at: number, cut = false): SpendRow {
    const day = dayOf(at);
    const key = `${day}\u0000${providerId}`;
    let r = this.rows.get(key);
    if (!r) {
      r = { ...EMPTY, day, providerId };
      this.rows.set(key, r);
      this.prune(day);
    }
    if (cut) r.cutAttempts++;
    else r.answers++;
    if (usd === undefined) r.unpriced++;
    else r.usd += usd;
    if (usd !== undefined && usage.estimated) r.estimatedUsd += usd;
    r.inputTokens += usage.inputTokens ?? 0;
    r.cachedInputTokens += usage.cachedInputTokens ?? 0;
    r.outputTokens += usage.outputTokens ?? 0;
    return r;
  }

  /** USD `providerId` spent on the day of `at`. */
  spentOn(providerId: string, at: number): number {
    return this.rowOn(providerId, at)?.usd ?? 0;
  }

  /** USD every deployment of entry `group` (its id, and `group/<model>`) spent on the day of `at`. */
  spentByGroup(group: string, at: number): number {
    const day = dayOf(at);
    let usd = 0;
    for (const r of this.rows.values()) {
      if (r.day === day && (r.providerId === group || r.providerId.startsWith(`${group}/`))) usd += r.usd;
    }
    return usd;
  }

  /** The row of `providerId` for the day of `at`, if it spent anything. */
  rowOn(providerId: string, at: number): SpendRow | undefined {
    const r = this.rows.get(`${dayOf(at)}\u0000${providerId}`);
    return r && { ...r };
  }

  /** Every row, newest day first. */
  snapshot(): SpendRow[] {
    return [...this.rows.values()]
      .map((r) => ({ ...r }))
      .sort((a, b) => b.day.localeCompare(a.day) || a.providerId.localeCompare(b.providerId));
  }

  /** Restores rows saved by `snapshot` (e.g. across a restart); malformed rows are dropped. */
  restore(rows: unknown): void {
    if (!Array.isArray(rows)) return;
    for (const r of rows as Partial<SpendRow>[]) {
      if (!r || typeof r.day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(r.day) || typeof r.providerId !== 'string')
        continue;
      const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
      this.rows.set(`${r.day}\u0000${r.providerId}`, {
        day: r.day,
        providerId: r.providerId,
        usd: n(r.usd),
        answers: n(r.answers),
        unpriced: n(r.unpriced),
        inputTokens: n(r.inputTokens),
        cachedInputTokens: n(r.cachedInputTokens),
        outputTokens: n(r.outputTokens),
        cutAttempts: n(r.cutAttempts),
        estimatedUsd: n(r.estimatedUsd),
      });
    }
    const days = [...new Set([...this.rows.values()].map((r) => r.day))].sort();
    if (days.length) this.prune(days[days.length - 1]);
  }

  private prune(today: string): void {
    const days = [...new Set([...this.rows.values()].map((r) => r.day))].sort();
    const drop = new Set(days.filter((d) => d <= today).slice(0, Math.max(0, days.length - KEEP_DAYS)));
    for (const [k, r] of this.rows) if (drop.has(r.day)) this.rows.delete(k);
  }
}
