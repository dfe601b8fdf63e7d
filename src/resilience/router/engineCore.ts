import type { Clock } from '../../core/clock';
import type { EngineEvent, EngineSettings } from '../api';
import type { HealthTracker } from '../health';
import type { RetryBudget } from '../retryBudget';
import type { CacheAffinity } from './cacheAffinity';
import type { ProviderSlot } from './slot';

/** What a chat run needs from the engine: shared state, clock, randomness and the event stream. */
export interface EngineCore {
  readonly settings: EngineSettings;
  readonly tracker: HealthTracker;
  readonly budget: RetryBudget;
  /** Conversations and the provider where their prompt cache is warm. */
  readonly affinity: CacheAffinity;
  /** Configured providers in configuration order. */
  slots(): readonly ProviderSlot[];
  /** The one clock of routing, hedging, backoff, breakers, the budget and the adapters' watchdog. */
  readonly clock: Clock;
  /** Epoch ms on `clock`. */
  now(): number;
  /** [0, 1) for jitter. */
  random(): number;
  emit(e: EngineEvent): void;
  /** The step (provider id) that last answered each chain, by chain id: for the chain's notices. */
  readonly chainLast: Map<string, string>;
  /** Something that may change a provider's health state happened. */
  changed(): void;
}
