import type { ErrorKind } from '../../core/errors';
import type { ChatProvider } from '../../core/provider';
import type { BreakerState, EngineSettings, ProviderState } from '../api';
import { ProviderBreaker } from '../breaker';
import type { SlotGate } from '../gate';
import type { HealthTracker } from '../health';

/** Something in flight on a provider that a fire drill can fail at once. */
export interface InFlight {
  failSimulated(): void;
}

/**
 * One configured provider and the router's state about it: breaker, retry-after cooldown,
 * misconfiguration, fire-drill outage, enabled flag. Health numbers live in the HealthTracker.
 */
export class ProviderSlot {
  readonly breaker: ProviderBreaker;
  enabled = true;
  /** Epoch ms until which a retry-after asks us to stay away. */
  cooldownUntil?: number;
  /** Set by auth/model_not_found/quota errors; cleared only by reset. */
  misconfigured?: { kind: ErrorKind; message: string };
  /** Epoch ms until which the fire drill fails this provider in-process. */
  outageUntil?: number;
  /** Rate limits in a row (no success between): each one doubles the cooldown. */
  rateLimits = 0;
  readonly inFlight = new Set<InFlight>();
  /** Budget and pacing (set by the engine): a held provider takes no new attempt though healthy. */
  gate?: SlotGate;

  constructor(
    public provider: ChatProvider,
    breaker: EngineSettings['breaker'],
    private readonly now: () => number,
  ) {
    this.breaker = new ProviderBreaker({ ...breaker, now });
  }

  get id(): string {
    return this.provider.id;
  }

  /** The configured entry this deployment belongs to: its models share key, account and host. */
  get group(): string {
    return this.provider.group ?? this.provider.id;
  }

  inCooldown(at = this.now()): boolean {
    return this.cooldownUntil !== undefined && at < this.cooldownUntil;
  }

  inOutage(at = this.now()): boolean {
    return this.outageUntil !== undefined && at < this.outageUntil;
  }

  /** May a new attempt start here (sensitivity aside)? Does not claim a half-open probe. */
  usable(at = this.now()): boolean {
    return (
      this.enabled &&
      !this.misconfigured &&
      !this.inOutage(at) &&
      !this.inCooldown(at) &&
      this.breaker.isUsable() &&
      !this.gate?.hold(at)
    );
  }

  /** The state the health view shows; `degraded` comes from the tracker. */
  state(tracker: HealthTracker, at = this.now()): ProviderState {
    if (!this.enabled) return 'disabled';
    if (this.misconfigured) return 'misconfigured';
    const b: BreakerState = this.breaker.state;
    if (this.inOutage(at) || b === 'open' || b === 'isolated') return 'open';
    if (this.inCooldown(at)) return 'cooling_down';
    if (b === 'half_open' || tracker.isDegraded(this.id)) return 'degraded';
    return 'healthy';
  }

  /** Clears cooldown, misconfiguration and outage, and closes the breaker. */
  reset(): void {
    this.cooldownUntil = undefined;
    this.rateLimits = 0;
    this.misconfigured = undefined;
    this.outageUntil = undefined;
    this.breaker.reset();
  }

  dispose(): void {
    this.breaker.dispose();
  }
}
