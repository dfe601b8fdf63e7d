import { systemClock, type Clock } from '../core/clock';
import { ProviderError } from '../core/errors';
import { Emitter, type Disposable } from '../core/events';
import type { ChatProvider } from '../core/provider';
import type { ChatInput, Engine, EngineChunk, EngineEvent, EngineSettings, ProviderHealth, ProviderState } from './api';
import { HealthTracker, type TrackerOptions } from './health';
import { RetryBudget } from './retryBudget';
import {
  CacheAffinity,
  ChatRun,
  HealthNotifier,
  priorityOrder,
  probeProvider,
  ProviderSlot,
  RecoveryProbes,
  type EngineCore,
} from './router';
import { DEFAULT_ENGINE_SETTINGS } from './defaults';
import type { SpendRow } from './cost/ledger';
import { Meter } from './meter';

export { DEFAULT_ENGINE_SETTINGS } from './defaults';

export interface EngineOptions {
  /** Time for everything the engine does (tests pass a virtual clock). */
  clock?: Clock;
  /** [0, 1) source for backoff jitter (tests). */
  random?: () => number;
  /** Health tracker window and thresholds. */
  tracker?: Partial<Omit<TrackerOptions, 'now'>>;
  /** Minimum ms between two `onHealth` events (default 100). */
  healthThrottleMs?: number;
}

/** Builds the resilience engine: configure it with providers and settings, then `stream` chats. */
export function createEngine(opts: EngineOptions = {}): Engine {
  return new ResilienceEngine(opts);
}

class ResilienceEngine implements Engine, EngineCore {
  readonly tracker: HealthTracker;
  budget: RetryBudget;
  readonly affinity = new CacheAffinity();
  settings: EngineSettings = DEFAULT_ENGINE_SETTINGS;
  private slotList: ProviderSlot[] = [];
  private readonly slotSubs = new Map<ProviderSlot, Disposable>();
  private readonly events = new Emitter<EngineEvent>();
  private readonly notifier: HealthNotifier;
  private readonly probes: RecoveryProbes;
  private readonly trackerSub: Disposable;
  readonly onEvent = this.events.event;
  readonly chainLast = new Map<string, string>();
  readonly onHealth;
  readonly clock: Clock;
  readonly now: () => number;
  /** Set by the first `configure`: chats sent before it wait (see afterStart). */
  private started = false;
  private markStarted: () => void = () => undefined;
  private readonly whenStarted = new Promise<void>((resolve) => {
    this.markStarted = () => {
      this.started = true;
      resolve();
    };
  });
  private markDisposed: () => void = () => undefined;
  private readonly whenDisposed = new Promise<void>((resolve) => (this.markDisposed = resolve));
  private readonly rand: () => number;
  /** Cost and pacing: wraps each provider's stream and gates each slot (resilience/meter.ts). */
  private readonly meter = new Meter(this);

  constructor(opts: EngineOptions) {
    this.clock = opts.clock ?? systemClock;
    this.now = () => this.clock.now();
    this.rand = opts.random ?? Math.random;
    this.tracker = new HealthTracker({ ...opts.tracker, now: this.now });
    this.budget = this.newBudget();
    this.notifier = new HealthNotifier(
      () => this.health(),
      (e) => this.emit(e),
      this.clock,
      opts.healthThrottleMs ?? 100,
      () => this.changed(),
    );
    this.onHealth = this.notifier.onHealth;
    this.probes = new RecoveryProbes(this, () => this.settings.recovery?.probeEveryMs ?? 0);
    this.trackerSub = this.tracker.onDidRecord(() => this.changed());
  }

  random(): number {
    return this.rand();
  }

  slots(): readonly ProviderSlot[] {
    return this.slotList;
  }

  emit(e: EngineEvent): void {
    this.events.fire(e);
  }

  changed(): void {
    this.probes.check();
    this.notifier.check(
      this.slotList.map((s) => ({ id: s.id, state: s.state(this.tracker), wakeAt: this.nextExpiry(s) })),
    );
  }

  configure(providers: ChatProvider[], settings: EngineSettings): void {
    this.markStarted();
    const budgetChanged = JSON.stringify(settings.retryBudget) !== JSON.stringify(this.settings.retryBudget);
    const breakerChanged = JSON.stringify(settings.breaker) !== JSON.stringify(this.settings.breaker);
    this.settings = settings;
    if (budgetChanged) this.budget = this.newBudget();
    const old = new Map(this.slotList.map((s) => [s.id, s]));
    this.slotList = providers.map((raw) => {
      const p = this.meter.wrap(raw);
      const prev = old.get(p.id);
      old.delete(p.id);
      if (prev && !breakerChanged) {
        prev.provider = p;
        return prev;
      }
      const slot = new ProviderSlot(p, settings.breaker, this.now);
      slot.gate = this.meter.gate(() => slot.provider);
      if (prev) {
        slot.enabled = prev.enabled;
        slot.cooldownUntil = prev.cooldownUntil;
        slot.misconfigured = prev.misconfigured;
        this.drop(prev);
      }
      this.slotSubs.set(slot, slot.breaker.onStateChange((state) => {
        this.emit({ type: 'breaker', providerId: slot.id, state, at: this.now() });
        this.changed();
      }));
      return slot;
    });
    for (const gone of old.values()) {
      this.drop(gone);
      this.tracker.forget(gone.id);
      this.meter.forget(gone.id);
    }
    this.changed();
  }

  stream(input: ChatInput): AsyncIterable<EngineChunk> {
    return this.started ? new ChatRun(this, input).run() : this.afterStart(input);
  }

  /**
   * A chat sent before the first `configure` (the extension is still reading keys and settings)
   * waits for its providers instead of failing; cancelling it, or disposing the engine, ends it.
   */
  private async *afterStart(input: ChatInput): AsyncGenerator<EngineChunk> {
    const signal = input.signal;
    const stop = new Promise<'stopped'>((resolve) => {
      signal?.addEventListener('abort', () => resolve('stopped'), { once: true });
      this.whenDisposed.then(() => resolve('stopped'), () => undefined);
    });
    const first = signal?.aborted ? 'stopped' : await Promise.race([this.whenStarted.then(() => 'started' as const), stop]);
    if (first === 'stopped') {
      const message = 'stopped before Switchboard had started';
      throw new ProviderError({ kind: 'cancelled', providerId: 'switchboard', message, partialText: '' });
    }
    yield* new ChatRun(this, input).run();
  }

  health(): ProviderHealth[] {
    return priorityOrder(this.slotList, this.settings.order).map((s) => {
      const st = this.tracker.stats(s.id);
      const p = s.provider;
      return {
        id: s.id,
        label: p.label,
        model: p.model,
        group: s.group,
        groupLabel: p.groupLabel ?? p.label,
        protocol: p.protocol,
        trust: p.trust,
        enabled: s.enabled,
        state: s.state(this.tracker),
        breaker: s.breaker.state,
        cooldownUntil: s.inCooldown() ? s.cooldownUntil : undefined,
        simulatedOutageUntil: s.inOutage() ? s.outageUntil : undefined,
        ttft: st.ttft,
        interTokenGap: st.interTokenGap,
        totalMs: st.totalMs,
        tokensPerSec: st.tokensPerSec,
        errorRate: st.errorRate,
        requests: st.requests,
        rateLimit: st.rateLimit,
        lastError: st.lastError,
        ...todaySpend(this.meter.ledger.rowOn(s.id, this.now())),
        ...this.budgetView(s),
        hold: s.gate?.hold(this.now()),
      };
    });
  }

  /** The budget a card shows: the entry's shared one is flagged when the entry has several models. */
  private budgetView(s: ProviderSlot): Pick<ProviderHealth, 'dailyBudgetUsd' | 'budgetShared'> {
    const b = this.meter.budgetOf(s.provider);
    if (!b) return {};
    const models = this.slotList.filter((x) => x.group === s.group).length;
    return { dailyBudgetUsd: b.usd, ...(b.key === s.group && models > 1 ? { budgetShared: true } : {}) };
  }

  reset(providerId: string): void {
    const s = this.find(providerId);
    if (!s) return;
    s.reset();
    this.tracker.forget(providerId);
    this.changed();
  }

  isolate(providerId: string): void {
    this.find(providerId)?.breaker.isolate();
    this.changed();
  }

  setEnabled(providerId: string, enabled: boolean): void {
    const s = this.find(providerId);
    if (!s) return;
    s.enabled = enabled;
    this.changed();
  }

  probe(providerId: string, signal?: AbortSignal): Promise<{ ok: boolean; ttftMs?: number; error?: ProviderError }> {
    const s = this.find(providerId);
    if (!s)
      return Promise.resolve({
        ok: false,
        error: new ProviderError({ kind: 'bad_request', providerId, message: 'no such provider' }),
      });
    return probeProvider(this, s, signal);
  }

  simulateOutage(providerId: string, durationMs: number): void {
    const s = this.find(providerId);
    if (!s) return;
    s.outageUntil = durationMs > 0 ? this.now() + durationMs : undefined;
    this.emit({ type: 'fire_drill', providerId, until: s.outageUntil ?? this.now(), at: this.now() });
    if (durationMs > 0) for (const a of [...s.inFlight]) a.failSimulated();
    this.changed();
  }

  spend(): SpendRow[] {
    return this.meter.ledger.snapshot();
  }

  restoreSpend(rows: unknown): void {
    this.meter.ledger.restore(rows);
    this.changed();
  }

  dispose(): void {
    this.markDisposed();
    for (const s of this.slotList) this.drop(s);
    this.slotList = [];
    this.probes.dispose();
    this.trackerSub.dispose();
    this.tracker.dispose();
    this.notifier.dispose();
    this.events.dispose();
  }

  private find(id: string): ProviderSlot | undefined {
    return this.slotList.find((s) => s.id === id);
  }

  private drop(slot: ProviderSlot): void {
    this.slotSubs.get(slot)?.dispose();
    this.slotSubs.delete(slot);
    slot.dispose();
  }

  /** When this provider's state changes by itself (cooldown, outage or open breaker ends). */
  private nextExpiry(s: ProviderSlot): number | undefined {
    const now = this.now();
    const ends = [s.cooldownUntil, s.outageUntil, s.breaker.openUntil, s.gate?.hold(now)?.until].filter(
      (t): t is number => t !== undefined && t > now,
    );
    return ends.length ? Math.min(...ends) : undefined;
  }

  private newBudget(): RetryBudget {
    return new RetryBudget({ ...this.settings.retryBudget, now: this.now });
  }
}

export type { ProviderState };

/** A provider's spend today for its health snapshot (cut attempts and estimates only when there are some). */
function todaySpend(
  r: SpendRow | undefined,
): Pick<ProviderHealth, 'spentTodayUsd' | 'spentTodayEstimatedUsd' | 'cutAttemptsToday'> {
  return {
    spentTodayUsd: r?.usd ?? 0,
    ...(r?.cutAttempts ? { cutAttemptsToday: r.cutAttempts, spentTodayEstimatedUsd: r.estimatedUsd } : {}),
  };
}
