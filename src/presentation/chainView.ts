import type { ProviderEntry } from '../config/providers';
import type { ChainRoute, ProviderHealth } from '../resilience/api';
import { statusText } from '../core/status';
import { providerStatus } from './providerStatus';

/**
 * How a fallback chain reads on every surface that offers it as a model (Switch Provider, the
 * chat's model picker, `vscode.lm`): its steps in the order tried, and which of them can answer.
 */

/** The chain's steps that can take a request now: enabled and with a key (in the chain's order). */
export function usableSteps(chain: ChainRoute, entries: readonly ProviderEntry[]): ProviderEntry[] {
  return chain.steps.flatMap((s) => entries.filter((e) => e.id === s.providerId && e.enabled && !e.missingKey));
}

/** "Anthropic → OpenRouter (anthropic/claude-sonnet-4.5) → OpenAI": the steps in the order tried. */
export function stepsLine(chain: ChainRoute, entries: readonly ProviderEntry[]): string {
  return chain.steps
    .map((s) => {
      const e = entries.find((x) => x.id === s.providerId);
      return e ? `${e.groupLabel ?? e.label} (${e.model})` : s.providerId;
    })
    .join(' → ');
}

/** "2/3 steps ready, Anthropic healthy": for a picker's detail line. */
export function chainDetail(
  chain: ChainRoute,
  entries: readonly ProviderEntry[],
  health: readonly ProviderHealth[],
): string {
  const usable = usableSteps(chain, entries);
  if (usable.length === 0) return 'no step is ready (each is disabled or has no API key)';
  const first = usable[0];
  const h = health.find((x) => x.id === first.id);
  // The state without the seconds left, so a model list built from it does not change every second.
  const st = h && providerStatus(h);
  const state = st ? statusText(st.kind, undefined, Date.now(), st.detail) : 'not tried yet';
  return `fallback chain · ${usable.length}/${chain.steps.length} steps ready · ${first.label}: ${state}`;
}
