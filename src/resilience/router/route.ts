import type { ChainRoute, ChatInput, EngineSettings } from '../api';
import type { EngineCore } from './engineCore';
import type { ProviderSlot } from './slot';

/** The part of the settings that orders candidates (order.ts). */
export type OrderSettings = Pick<EngineSettings, 'policy' | 'order' | 'pinned' | 'fastTier'>;

/**
 * Which providers one chat may consider and in what order, before sensitivity, fit and health:
 * every provider under the routing policy, or a fallback chain's steps in the chain's order. The
 * candidate rules (candidates.ts) then treat both alike: health, breakers, cooldowns, budgets.
 */
export interface Route {
  /** The chain this chat goes through (a chain id as `prefer`, or the pinned provider). */
  chain?: ChainRoute;
  /** The providers it may use: all of them, or the chain's configured steps. */
  slots: readonly ProviderSlot[];
  ordering: OrderSettings;
  /** A provider asked for first (a `provider:<id>` model); never set for a chain. */
  prefer?: string;
}

export function routeFor(core: EngineCore, input: ChatInput): Route {
  const s = core.settings;
  const wanted = input.prefer ?? (s.policy === 'pinned' ? s.pinned : undefined);
  const chain = wanted === undefined ? undefined : s.chains?.find((c) => c.id === wanted);
  if (!chain) return { slots: core.slots(), ordering: s, prefer: input.prefer };
  const all = core.slots();
  // Steps without a slot (no API key yet) are simply absent: the chat uses the rest.
  const slots = chain.steps.flatMap((st) => all.filter((x) => x.id === st.providerId));
  // The chain's own order under the priority rules: healthy before degraded, plenty of headroom first.
  return { chain, slots, ordering: { policy: 'priority', order: chain.steps.map((st) => st.providerId) } };
}
