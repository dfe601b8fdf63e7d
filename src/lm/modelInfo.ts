/**
 * What Switchboard's models declare to VS Code's language-model API: capabilities and limits from
 * each provider's model family (or its configured overrides), and live health in detail/tooltip.
 * Plain TypeScript; src/vscode/lm/modelProvider.ts hands these to VS Code.
 */
import type { ProviderEntry } from '../config/providers';
import { groupLabelOf } from '../config/deployments';
import type { ModelCapabilities } from '../core/provider';
import { statusText } from '../core/status';
import { healthLine } from '../presentation/format';
import { providerStatus } from '../presentation/providerStatus';
import { modelCapabilities } from '../providers/models/capabilities';
import type { ProviderHealth } from '../resilience/api';

export const AUTO_MODEL_ID = 'switchboard-auto';
export const PROVIDER_MODEL_PREFIX = 'provider:';

export interface LmModelInfo {
  id: string;
  name: string;
  family: string;
  version: string;
  detail: string;
  tooltip: string;
  maxInputTokens: number;
  maxOutputTokens: number;
  capabilities: { toolCalling: boolean; imageInput: boolean };
}

export function capabilitiesOf(e: ProviderEntry): ModelCapabilities {
  return modelCapabilities({ protocol: e.protocol, model: e.model, preset: e.preset, overrides: e.capabilities });
}

/**
 * "Switchboard (auto)" first, then one model per usable provider ("tried first, others as
 * fallback"). Auto can do what any of its providers can (routing sends each request only where it
 * fits) and takes the largest context window among them.
 */
export function modelInfos(entries: ProviderEntry[], health: ProviderHealth[]): LmModelInfo[] {
  const usable = entries.filter((e) => e.enabled && !e.missingKey);
  const byId = new Map(health.map((h) => [h.id, h]));
  const caps = usable.map(capabilitiesOf);
  const healthy = usable.filter((e) => {
    const h = byId.get(e.id);
    return h !== undefined && providerStatus(h).kind === 'healthy';
  }).length;
  const auto: LmModelInfo = {
    id: AUTO_MODEL_ID,
    name: 'Switchboard (auto)',
    family: 'switchboard',
    version: '1',
    detail: usable.length ? `${healthy}/${usable.length} providers healthy` : 'no provider configured',
    tooltip: ['Answers through the healthiest provider and fails over mid-answer, tool calls included.', ...usable.map((e) => `${groupLabelOf(e)} · ${e.model}: ${line(byId.get(e.id))}`)].join('\n'),
    maxInputTokens: Math.max(1, ...caps.map((c) => c.maxInputTokens)),
    maxOutputTokens: Math.max(1, ...caps.map((c) => c.maxOutputTokens)),
    capabilities: { toolCalling: caps.some((c) => c.toolCalling), imageInput: caps.some((c) => c.imageInput) },
  };
  return [
    auto,
    ...usable.map((e, i) => {
      const h = byId.get(e.id);
      return {
        id: `${PROVIDER_MODEL_PREFIX}${e.id}`,
        name: `${groupLabelOf(e)} · ${e.model}`,
        family: e.model,
        version: '1',
        detail: `via Switchboard · ${h ? stateWords(h) : 'not tried yet'}`,
        tooltip: `${e.label} first, the other providers if it fails.\n${line(h)}`,
        maxInputTokens: caps[i].maxInputTokens,
        maxOutputTokens: caps[i].maxOutputTokens,
        capabilities: { toolCalling: caps[i].toolCalling, imageInput: caps[i].imageInput },
      };
    }),
  ];
}

/** The state without the seconds left (those would change the model list every second). */
function stateWords(h: ProviderHealth): string {
  const s = providerStatus(h);
  return statusText(s.kind, undefined, Date.now(), s.detail);
}

const line = (h: ProviderHealth | undefined) => (h ? healthLine(h) : 'not tried yet');

/** What changes the model list visibly (states, not every latency sample): fire the change event only then. */
export function infoSignature(infos: LmModelInfo[]): string {
  return JSON.stringify(infos.map((i) => [i.id, i.detail, i.capabilities, i.maxInputTokens]));
}

/** The provider a model id prefers, if it is a per-provider model. */
export function preferredProvider(modelId: string): string | undefined {
  return modelId.startsWith(PROVIDER_MODEL_PREFIX) ? modelId.slice(PROVIDER_MODEL_PREFIX.length) : undefined;
}

/**
 * Why a provider's model the caller picked is gone (removed from the settings, disabled, or its
 * key removed since), or undefined while it is listed. Answering such a request from another
 * provider would hide that the chosen model is gone.
 */
export function missingModel(modelId: string, entries: readonly ProviderEntry[]): string | undefined {
  const id = preferredProvider(modelId);
  if (id === undefined) return undefined;
  const e = entries.find((x) => x.id === id);
  if (!e) return `the provider "${id}" is no longer in switchboard.providers; pick another Switchboard model`;
  if (!e.enabled) return `the provider "${e.label}" is disabled; enable it or pick another Switchboard model`;
  if (e.missingKey) return `the provider "${e.label}" has no API key; set one or pick another Switchboard model`;
  return undefined;
}
