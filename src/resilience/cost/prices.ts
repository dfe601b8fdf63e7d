import type { Usage } from '../../core/chunks';

/** One model's list price in USD per million tokens. Cache rates default to the input rate. */
export interface ModelPrice {
  /** A model id, or the start of one: `gpt-4o` also prices `gpt-4o-2024-08-06`. */
  model: string;
  input: number;
  output: number;
  /** Input read from the prompt cache. */
  cachedInput?: number;
  /** Input written to the prompt cache (Anthropic). */
  cacheWrite?: number;
}

/** The month the default prices were read from the vendors' price pages. Prices change. */
export const PRICES_AS_OF = '2025-10';

/**
 * Vendors' list prices (USD per 1M tokens) as of PRICES_AS_OF, for the models people use most.
 * Prices change and contracts differ: `switchboard.cost.prices` overrides any entry.
 */
export const DEFAULT_PRICES: readonly ModelPrice[] = [
  { model: 'gpt-5', input: 1.25, cachedInput: 0.125, output: 10 },
  { model: 'gpt-5-mini', input: 0.25, cachedInput: 0.025, output: 2 },
  { model: 'gpt-5-nano', input: 0.05, cachedInput: 0.005, output: 0.4 },
  { model: 'gpt-4.1', input: 2, cachedInput: 0.5, output: 8 },
  { model: 'gpt-4.1-mini', input: 0.4, cachedInput: 0.1, output: 1.6 },
  { model: 'gpt-4.1-nano', input: 0.1, cachedInput: 0.025, output: 0.4 },
  { model: 'gpt-4o', input: 2.5, cachedInput: 1.25, output: 10 },
  { model: 'gpt-4o-mini', input: 0.15, cachedInput: 0.075, output: 0.6 },
  { model: 'o3', input: 2, cachedInput: 0.5, output: 8 },
  { model: 'o4-mini', input: 1.1, cachedInput: 0.275, output: 4.4 },
  { model: 'claude-opus-4-1', input: 15, cachedInput: 1.5, cacheWrite: 18.75, output: 75 },
  { model: 'claude-opus-4', input: 15, cachedInput: 1.5, cacheWrite: 18.75, output: 75 },
  { model: 'claude-sonnet-4-5', input: 3, cachedInput: 0.3, cacheWrite: 3.75, output: 15 },
  { model: 'claude-sonnet-4', input: 3, cachedInput: 0.3, cacheWrite: 3.75, output: 15 },
  { model: 'claude-3-7-sonnet', input: 3, cachedInput: 0.3, cacheWrite: 3.75, output: 15 },
  { model: 'claude-haiku-4-5', input: 1, cachedInput: 0.1, cacheWrite: 1.25, output: 5 },
  { model: 'claude-3-5-haiku', input: 0.8, cachedInput: 0.08, cacheWrite: 1, output: 4 },
  { model: 'command-a-03-2025', input: 2.5, output: 10 },
  { model: 'command-r-plus', input: 2.5, output: 10 },
  { model: 'command-r7b', input: 0.0375, output: 0.15 },
  { model: 'command-r', input: 0.15, output: 0.6 },
  { model: 'jamba-large', input: 2, output: 8 },
  { model: 'jamba-mini', input: 0.2, output: 0.4 },
];

/** An entry prices `model` if it is the model or a dated/versioned variant of it (`-`, `:`, `@`, `.` follows). */
function matches(entry: string, model: string): boolean {
  return model === entry || (model.startsWith(entry) && /^[-:@.]/.test(model.slice(entry.length)));
}

/** The longest matching entry of one table. A gateway's `vendor/model` id is priced as `model`. */
function lookup(model: string, table: readonly ModelPrice[]): ModelPrice | undefined {
  const names = [model.toLowerCase(), model.toLowerCase().split('/').pop() ?? ''];
  for (const name of names) {
    const hit = table
      .filter((p) => matches(p.model.toLowerCase(), name))
      .sort((a, b) => b.model.length - a.model.length)[0];
    if (hit) return hit;
  }
  return undefined;
}

/** The price of `model`: the user's table first, then the dated defaults; undefined when neither knows it. */
export function priceFor(
  model: string,
  user: readonly ModelPrice[] = [],
  defaults: readonly ModelPrice[] = DEFAULT_PRICES,
): ModelPrice | undefined {
  return lookup(model, user) ?? lookup(model, defaults);
}

/** USD of one answer's usage at `price` (cache reads and writes at their own rates). */
export function costOf(usage: Usage, price: ModelPrice): number {
  const input = usage.inputTokens ?? 0;
  const cached = usage.cachedInputTokens ?? 0;
  const written = usage.cacheWriteTokens ?? 0;
  const plain = Math.max(0, input - cached - written);
  const usd =
    plain * price.input +
    cached * (price.cachedInput ?? price.input) +
    written * (price.cacheWrite ?? price.input) +
    (usage.outputTokens ?? 0) * price.output;
  return usd / 1_000_000;
}
