/**
 * Why a healthy provider should take no new attempt now: it spent its daily budget, or its
 * rate-limit headroom (reported by the provider or configured) would not cover one more request.
 */
export interface Hold {
  reason: 'budget' | 'pacing';
  /** Epoch ms when the hold ends by itself (undefined: not before something else changes). */
  until?: number;
  /** What a user reads, e.g. "no request headroom until 12:01:30". */
  detail: string;
}

/**
 * What the router asks about a provider besides its health: set on each slot by the engine from
 * the cost and pacing modules (resilience/cost, resilience/pacing).
 */
export interface SlotGate {
  /** Why no new attempt should start here now, or undefined. */
  hold(at: number): Hold | undefined;
  /** Headroom is running low now: order this provider behind those with plenty. */
  low(): boolean;
  /** Expected USD of a request of `chars` characters, for the `cheapest` policy; undefined = no price. */
  expectedCost(chars: number): number | undefined;
}
