/**
 * Fallback chains as `vscode.lm` models: one per chain with at least one usable step, declaring
 * what its usable steps can do (routing sends each request only to a step it fits).
 */
import type { ProviderEntry } from '../config/providers';
import { chainDetail, stepsLine, usableSteps } from '../presentation/chainView';
import type { ChainRoute, ProviderHealth } from '../resilience/api';
import { capabilitiesOf, modelInfos, type LmModelInfo } from './modelInfo';

export const CHAIN_MODEL_PREFIX = 'chain:';

export function chainModelInfos(
  chains: readonly ChainRoute[],
  entries: readonly ProviderEntry[],
  health: readonly ProviderHealth[],
): LmModelInfo[] {
  return chains.flatMap((chain) => {
    const usable = usableSteps(chain, entries);
    if (usable.length === 0) return [];
    const caps = usable.map(capabilitiesOf);
    return [
      {
        id: `${CHAIN_MODEL_PREFIX}${chain.id}`,
        name: chain.label,
        family: chain.steps[0].family,
        version: '1',
        detail: `via Switchboard · ${chainDetail(chain, entries, health)}`,
        tooltip: `Fallback chain: ${stepsLine(chain, entries)}. Its steps only, in this order.`,
        maxInputTokens: Math.max(1, ...caps.map((c) => c.maxInputTokens)),
        maxOutputTokens: Math.max(1, ...caps.map((c) => c.maxOutputTokens)),
        capabilities: { toolCalling: caps.some((c) => c.toolCalling), imageInput: caps.some((c) => c.imageInput) },
      },
    ];
  });
}

/** The chain a model id names, if it is a chain model. */
export function chainOfModel(modelId: string): string | undefined {
  return modelId.startsWith(CHAIN_MODEL_PREFIX) ? modelId.slice(CHAIN_MODEL_PREFIX.length) : undefined;
}

/** Every model Switchboard declares: "Switchboard (auto)", one per provider, one per chain. */
export function lmModels(
  entries: ProviderEntry[],
  health: ProviderHealth[],
  chains: readonly ChainRoute[],
): LmModelInfo[] {
  return [...modelInfos(entries, health), ...chainModelInfos(chains, entries, health)];
}
