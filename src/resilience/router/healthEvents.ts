import type { Clock, Timer } from '../../core/clock';
import { Emitter, type Event } from '../../core/events';
import type { EngineEvent, ProviderHealth, ProviderState } from '../api';

/** A provider's current state and when it will change by itself (a cooldown ending). */
export interface StateProbe {
  id: string;
  state: ProviderState;
  /** Epoch ms of the next self-change, if any. */
  wakeAt?: number;
}

/**
 * Turns "something may have changed" into events: `health_changed` for each provider whose state
 * differs from last time (at once), and `onHealth` snapshots at most every `throttleMs`
 * (trailing, so the last change is always delivered). A timer re-checks when a cooldown ends.
 * Timers are unref'd and cleared on dispose.
 */
export class HealthNotifier {
  private readonly states = new Map<string, ProviderState>();
  private readonly health = new Emitter<ProviderHealth[]>();
  readonly onHealth: Event<ProviderHealth[]> = this.health.event;
  private throttle?: Timer;
  private wake?: { at: number; timer: Timer };
  private lastFired = -Infinity;

  constructor(
    private readonly snapshot: () => ProviderHealth[],
    private readonly emit: (e: EngineEvent) => void,
    private readonly clock: Clock,
    private readonly throttleMs: number,
    private readonly recheck: () => void,
  ) {}

  private now(): number {
    return this.clock.now();
  }

  check(probes: StateProbe[]): void {
    const at = this.now();
    const seen = new Set<string>();
    for (const p of probes) {
      seen.add(p.id);
      const previous = this.states.get(p.id);
      this.states.set(p.id, p.state);
      if (previous !== undefined && previous !== p.state) {
        this.emit({ type: 'health_changed', providerId: p.id, state: p.state, previous, at });
      }
    }
    for (const id of [...this.states.keys()]) if (!seen.has(id)) this.states.delete(id);
    this.scheduleHealth();
    this.scheduleWake(probes);
  }

  dispose(): void {
    this.clock.clearTimeout(this.throttle);
    this.clock.clearTimeout(this.wake?.timer);
    this.throttle = undefined;
    this.wake = undefined;
    this.health.dispose();
  }

  private scheduleHealth(): void {
    if (this.throttle) return;
    const delay = Math.max(0, this.lastFired + this.throttleMs - this.now());
    this.throttle = this.clock.setTimeout(
      () => {
        this.throttle = undefined;
        this.lastFired = this.now();
        this.health.fire(this.snapshot());
      },
      delay,
      { unref: true },
    );
  }

  private scheduleWake(probes: StateProbe[]): void {
    const times = probes.map((p) => p.wakeAt).filter((t): t is number => t !== undefined);
    if (times.length === 0) return;
    const at = Math.min(...times);
    if (this.wake && this.wake.at <= at && this.wake.at > this.now()) return;
    this.clock.clearTimeout(this.wake?.timer);
    const timer = this.clock.setTimeout(
      () => {
        this.wake = undefined;
        this.recheck();
      },
      Math.max(0, at - this.now()) + 1,
      { unref: true },
    );
    this.wake = { at, timer };
  }
}
