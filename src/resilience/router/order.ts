import type { EngineSettings } from '../api';
import type { SlotGate } from '../gate';
import type { HealthTracker } from '../health';

/** What the ordering needs to know about a provider. */
export interface Orderable {
  readonly id: string;
  /** Price and headroom (resilience/meter.ts). */
  readonly gate?: SlotGate;
}

/** The user's order: `settings.order` ids first, then the rest in configuration order. */
export function priorityOrder<T extends Orderable>(items: readonly T[], order: readonly string[] = []): T[] {
  const rank = (id: string) => {
    const i = order.indexOf(id);
    return i < 0 ? order.length : i;
  };
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => rank(a.item.id) - rank(b.item.id) || a.index - b.index)
    .map((x) => x.item);
}

/**
 * `fastest`: providers with a known expected TTFT, quickest first; then providers without data
 * yet (in the user's order, so they get explored); degraded providers last.
 */
export function fastestOrder<T extends Orderable>(items: readonly T[], tracker: HealthTracker): T[] {
  const known: { item: T; ttft: number }[] = [];
  const unknown: T[] = [];
  const degraded: T[] = [];
  for (const item of items) {
    const ttft = tracker.expectedTtft(item.id);
    if (tracker.isDegraded(item.id)) degraded.push(item);
    else if (ttft === undefined) unknown.push(item);
    else known.push({ item, ttft });
  }
  known.sort((a, b) => a.ttft - b.ttft);
  return [...known.map((k) => k.item), ...unknown, ...degraded];
}

/**
 * `cheapest`: the lowest expected cost of this request first (local providers cost nothing);
 * providers without a known price after those with one, in the user's order.
 */
export function cheapestOrder<T extends Orderable>(items: readonly T[], requestChars: number): T[] {
  const cost = (i: T) => i.gate?.expectedCost(requestChars) ?? Infinity;
  return items
    .map((item, index) => ({ item, index, c: cost(item) }))
    .sort((a, b) => a.c - b.c || a.index - b.index)
    .map((x) => x.item);
}

/** Providers whose rate-limit headroom runs low move behind those with plenty: traffic leaves before a 429. */
export function plentyFirst<T extends Orderable>(items: readonly T[]): T[] {
  return [...items.filter((i) => !i.gate?.low()), ...items.filter((i) => i.gate?.low())];
}

/** Moves the items whose id passes `first` to the front, keeping relative order. */
function partition<T extends Orderable>(items: readonly T[], first: (id: string) => boolean): T[] {
  return [...items.filter((i) => first(i.id)), ...items.filter((i) => !first(i.id))];
}

/**
 * `priority`: degraded providers move behind healthy ones (routing around trouble before the user
 * notices). Users' chats do not probe whether one has recovered: background health probes do
 * (see recoveryProbes.ts), and prompt first tokens bring it back to its place.
 */
export function healthyFirst<T extends Orderable>(items: readonly T[], tracker: HealthTracker): T[] {
  return partition(items, (id) => !tracker.isDegraded(id));
}

/**
 * Candidate order for one chat under the routing policy. Short requests (at most
 * `fastTier.maxChars` characters) put the fast tier first; a pinned provider stays first.
 */
export function orderCandidates<T extends Orderable>(
  items: readonly T[],
  settings: Pick<EngineSettings, 'policy' | 'order' | 'pinned' | 'fastTier'>,
  tracker: HealthTracker,
  requestChars: number,
  /** A provider the caller asked for (a `provider:<id>` model): first, whatever the policy. */
  prefer?: string,
  /** Where the conversation's prompt cache is warm (cacheAffinity.ts): first while healthy (fastest, cheapest). */
  sticky?: string,
): T[] {
  let out = priorityOrder(items, settings.order);
  if (settings.policy === 'cheapest') out = cheapestOrder(out, requestChars);
  if (settings.policy === 'fastest') out = fastestOrder(out, tracker);
  else out = healthyFirst(out, tracker);
  out = plentyFirst(out);
  // Under `priority` the user's own order decides (a conversation moved by a crisis goes back to
  // the first choice when it recovers); `fastest` and `cheapest` would otherwise move it for a
  // small edge and throw away a warm prompt cache, which is itself quicker and cheaper.
  const dynamic = settings.policy === 'fastest' || settings.policy === 'cheapest';
  const warm = sticky === undefined ? undefined : out.find((i) => i.id === sticky);
  if (dynamic && warm && !tracker.isDegraded(warm.id) && !warm.gate?.low()) {
    out = partition(out, (id) => id === sticky);
  }
  const tier = settings.fastTier;
  if (tier && tier.providers.length > 0 && requestChars <= tier.maxChars) {
    out = partition(out, (id) => tier.providers.includes(id));
  }
  if (settings.policy === 'pinned' && settings.pinned !== undefined) {
    out = partition(out, (id) => id === settings.pinned);
  }
  if (prefer !== undefined) out = partition(out, (id) => id === prefer);
  return out;
}
