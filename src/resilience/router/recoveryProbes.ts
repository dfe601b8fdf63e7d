import type { Timer } from '../../core/clock';
import type { EngineCore } from './engineCore';
import { probeProvider } from './probe';
import type { ProviderSlot } from './slot';

/**
 * Background health probes for providers out of rotation (degraded, or with an open breaker), so
 * that one that has recovered is back within seconds without a user's chat being the test: one
 * tiny request per provider every `everyMs` (a prompt first token ends degradation, see
 * HealthTracker; while one is still needed, the next probe goes at once). Nothing is probed while it cools down
 * after a retry-after, is in a fire-drill outage, misconfigured or disabled. The timer is a
 * background one (unref) and runs only while some provider needs probing.
 */
export class RecoveryProbes {
  private timer?: Timer;
  private readonly inFlight = new Set<ProviderSlot>();
  private readonly ctrl = new AbortController();

  constructor(
    private readonly core: EngineCore,
    private readonly everyMs: () => number,
  ) {}

  /** Health may have changed: make sure probing runs while it is needed. */
  check(): void {
    if (this.timer || this.ctrl.signal.aborted || this.everyMs() <= 0) return;
    if (!this.core.slots().some((s) => this.needs(s))) return;
    this.timer = this.core.clock.setTimeout(() => this.tick(), this.everyMs(), { unref: true });
  }

  dispose(): void {
    this.core.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.ctrl.abort();
  }

  private needs(s: ProviderSlot): boolean {
    if (!s.enabled || s.misconfigured || s.inCooldown() || s.inOutage() || this.inFlight.has(s)) return false;
    const b = s.breaker.state;
    return b === 'open' || b === 'half_open' || this.core.tracker.isDegraded(s.id);
  }

  private tick(): void {
    this.timer = undefined;
    for (const s of this.core.slots()) if (this.needs(s)) void this.probe(s);
    this.check();
  }

  private async probe(s: ProviderSlot): Promise<void> {
    this.inFlight.add(s);
    try {
      const r = await probeProvider(this.core, s, this.ctrl.signal);
      // A prompt answer is one step of the streak that brings it back: take the next step now.
      if (r.ok && this.core.tracker.promptStreak(s.id) > 0 && this.needs(s) && !this.ctrl.signal.aborted) {
        this.inFlight.delete(s);
        return this.probe(s);
      }
    } finally {
      this.inFlight.delete(s);
      this.check();
    }
  }
}
