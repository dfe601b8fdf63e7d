import type { StreamChunk, Usage } from '../core/chunks';
import type { ChatRequest } from '../core/messages';
import type { ChatProvider } from '../core/provider';
import type { EngineEvent, EngineSettings } from './api';
import { isProviderError } from '../core/errors';
import { CutWatch } from './cost/cutAttempt';
import { dayOf, SpendLedger } from './cost/ledger';
import { costOf, priceFor, type ModelPrice } from './cost/prices';
import type { Hold, SlotGate } from './gate';
import { DEFAULT_PACING } from './pacing/limits';
import { ProviderPacer } from './pacing/pacer';

/** What the meter needs from the engine. */
export interface MeterHost {
  now(): number;
  emit(e: EngineEvent): void;
  readonly settings: EngineSettings;
}

/** Output tokens assumed for a request when comparing prices (the `cheapest` policy). */
const EXPECTED_OUTPUT_TOKENS = 400;
const FREE: ModelPrice = { model: '', input: 0, output: 0 };

/**
 * Cost and pacing beside the router: every provider the engine uses is wrapped so its stream
 * reports requests, headroom (response headers) and usage here; each slot gets a gate the router
 * asks before it sends a request (spent budget, no headroom) and when it orders candidates
 * (low headroom, expected cost). The router itself knows none of this.
 */
export class Meter {
  readonly ledger = new SpendLedger();
  private readonly pacers = new Map<string, ProviderPacer>();
  /** `day|provider|level` budget warnings already sent. */
  private readonly warned = new Set<string>();

  constructor(private readonly host: MeterHost) {}

  /** The price of a provider's model; local providers cost nothing. */
  priceOf(p: ChatProvider): ModelPrice | undefined {
    if (p.trust === 'local') return FREE;
    return priceFor(p.model, this.host.settings.cost?.prices);
  }

  /**
   * The daily budget that applies to deployment `p`: one set on its provider entry covers every
   * model of the entry together (`openai` covers `openai` and `openai/gpt-4o`); one set on a
   * further model's own id (`openai/gpt-4o`) covers that model alone. Undefined: no budget.
   */
  budgetOf(p: Pick<ChatProvider, 'id' | 'group'>): { usd: number; key: string } | undefined {
    const budgets = this.host.settings.cost?.dailyBudgetUsd ?? {};
    const group = p.group ?? p.id;
    for (const key of group === p.id ? [p.id] : [group, p.id]) {
      const usd = budgets[key];
      if (usd !== undefined && usd > 0) return { usd, key };
    }
    return undefined;
  }

  /** What counts against `budgetOf(p)` today: the entry's models together, or the one model. */
  private spentAgainst(p: Pick<ChatProvider, 'id' | 'group'>, key: string, at: number): number {
    return key === (p.group ?? p.id) ? this.ledger.spentByGroup(key, at) : this.ledger.spentOn(p.id, at);
  }

  /** The provider as the router sees it: the same object, with a metered `streamChat`. */
  wrap(p: ChatProvider): ChatProvider {
    const w = Object.create(p) as ChatProvider;
    Object.defineProperty(w, 'streamChat', { value: (req: ChatRequest) => this.metered(p, req) });
    return w;
  }

  /** The gate of the provider `current()` returns (the slot's provider changes on reconfigure). */
  gate(current: () => ChatProvider): SlotGate {
    return {
      hold: (at) => this.hold(current(), at),
      low: () => {
        const p = current();
        const pacing = this.host.settings.pacing ?? DEFAULT_PACING;
        return this.pacer(p.id).low(this.host.now(), pacing.limits[p.id], pacing.headroom, pacing.lowFraction);
      },
      expectedCost: (chars) => {
        const price = this.priceOf(current());
        return price && costOf({ inputTokens: Math.ceil(chars / 4), outputTokens: EXPECTED_OUTPUT_TOKENS }, price);
      },
    };
  }

  forget(providerId: string): void {
    this.pacers.delete(providerId);
  }

  private hold(p: ChatProvider, at: number): Hold | undefined {
    const budget = this.budgetOf(p);
    const spent = budget && this.spentAgainst(p, budget.key, at);
    if (budget && spent !== undefined && spent >= budget.usd) {
      const whose = budget.key === p.id ? '' : ` (shared by every model of ${p.groupLabel ?? budget.key})`;
      return {
        reason: 'budget',
        until: nextMidnight(at),
        detail: `spent $${spent.toFixed(2)} of its $${budget.usd.toFixed(2)} daily budget${whose}`,
      };
    }
    const pacing = this.host.settings.pacing ?? DEFAULT_PACING;
    return this.pacer(p.id).hold(at, pacing.limits[p.id], pacing.headroom);
  }

  private pacer(id: string): ProviderPacer {
    let p = this.pacers.get(id);
    if (!p) this.pacers.set(id, (p = new ProviderPacer()));
    return p;
  }

  private async *metered(p: ChatProvider, req: ChatRequest): AsyncGenerator<StreamChunk> {
    const pacer = this.pacer(p.id);
    const chars = req.messages.reduce((n, m) => n + m.content.length, 0);
    const ticket = pacer.start(
      this.host.now(),
      Math.max(pacer.expectedTokens(), Math.ceil(chars / 4) + (req.options?.maxTokens ?? 0)),
    );
    const cut = new CutWatch();
    let reported: Usage | undefined;
    try {
      for await (const c of p.streamChat(req)) {
        cut.see(c);
        if (c.type === 'meta') pacer.headers(ticket, c.meta.rateLimit);
        if (c.type !== 'usage') {
          yield c;
          continue;
        }
        const usage = this.record(p, c.usage);
        const total = (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);
        if (total > 0) pacer.usage(ticket, total);
        yield { type: 'usage', usage };
      }
    } catch (err) {
      reported = isProviderError(err) ? err.usage : undefined;
      throw err;
    } finally {
      pacer.end(ticket);
      // A hedge that lost (closed by the router) or a stream that broke still costs money.
      if (cut.billedUnreported(reported)) this.record(p, cut.usage(p, req, reported), true);
    }
  }

  /**
   * Prices one answer's usage (or a cut attempt's, `cut`), books it for today, and warns when a
   * budget is near or spent.
   */
  private record(p: ChatProvider, raw: Usage, cut = false): Usage {
    const at = this.host.now();
    const price = this.priceOf(p);
    const usage: Usage = { ...raw, ...(price ? { costUsd: costOf(raw, price) } : {}) };
    this.ledger.add(p.id, usage, usage.costUsd, at, cut);
    this.host.emit({ type: 'usage', providerId: p.id, model: p.model, usage, at });
    const budget = this.budgetOf(p);
    if (budget === undefined) return usage;
    const spent = this.spentAgainst(p, budget.key, at);
    const warnAt = this.host.settings.cost?.warnAt ?? 0.8;
    const level = spent >= budget.usd ? 'spent' : spent >= budget.usd * warnAt ? 'near' : undefined;
    // One warning per budget and level a day, whichever model of the entry crossed it.
    const key = `${dayOf(at)}|${budget.key}|${level}`;
    if (level && !this.warned.has(key)) {
      this.warned.add(key);
      this.host.emit({ type: 'budget', providerId: p.id, level, spentUsd: spent, budgetUsd: budget.usd, at });
    }
    return usage;
  }
}

/** Epoch ms of the next local midnight after `at`. */
function nextMidnight(at: number): number {
  const d = new Date(at);
  d.setHours(24, 0, 0, 0);
  return d.getTime();
}
