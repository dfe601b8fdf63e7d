import type { ModelCapabilities, ProtocolId, TrustLabel } from '../core/provider';
import { findOpenAIPreset, OPENAI_PRESETS } from '../providers/openai/presets';
import { expandDeployments, listedModels } from './deployments';

/**
 * One deployment (a provider as the user configured it, with one of its models), validated and
 * with defaults filled in: the one shape the settings parser, the demo, the extension host and
 * its commands share. An entry listing several `models` becomes several of these
 * (config/deployments.ts). Never holds a key.
 */
export interface ProviderEntry {
  /** The deployment id: the entry id for its first model, `${entryId}/${model}` for the others. */
  id: string;
  label: string;
  protocol: ProtocolId;
  preset?: string;
  model: string;
  /** The configured entry's id (deployments of one entry share its key and host). Absent: `id`. */
  group?: string;
  /** The configured entry's label, the heading deployments are grouped under. Absent: `label`. */
  groupLabel?: string;
  baseURL: string;
  enabled: boolean;
  trust: TrustLabel;
  /** False for keyless local servers (Ollama, llama.cpp, vLLM, LM Studio). */
  needsKey: boolean;
  /** Set by the extension host once keys are read: it needs a key and none is saved for its origin. */
  missingKey?: boolean;
  /** The built-in demo providers (in-process loopback servers). */
  demo?: boolean;
  /** Overrides of the model family's capabilities and limits (tool calling, images, context window). */
  capabilities?: Partial<ModelCapabilities>;
}

/** An entry as written in `switchboard.providers`, before validation. */
type RawProviderSetting = { [K in keyof ProviderEntry | 'models']?: unknown };

const PROTOCOL_DEFAULTS: Record<ProtocolId, { label: string; baseURL: string; model: string }> = {
  openai: { label: 'OpenAI', baseURL: 'https://api.openai.com/v1', model: 'gpt-4o-mini' },
  anthropic: { label: 'Anthropic', baseURL: 'https://api.anthropic.com', model: 'claude-sonnet-4-6' },
  cohere: { label: 'Cohere', baseURL: 'https://api.cohere.com', model: 'command-a-03-2025' },
};

const PROTOCOLS = new Set<string>(['openai', 'anthropic', 'cohere']);
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** The origin a key is bound to ("https://api.openai.com"). Undefined for an unusable URL. */
export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

export interface ParseResult {
  /** One entry per deployment, in the user's order (an entry's models in its order). */
  providers: ProviderEntry[];
  /** One actionable message per rejected entry. */
  problems: string[];
}

/** An entry's `capabilities` object; a wrong field is reported and left to the family default. */
function parseCapabilities(raw: unknown, where: string, problems: string[]): Partial<ModelCapabilities> | undefined {
  if (raw === undefined) return undefined;
  if (!raw || typeof raw !== 'object') {
    problems.push(`${where}.capabilities must be an object like { "toolCalling": true, "maxInputTokens": 32000 }; using the model's defaults.`);
    return undefined;
  }
  const out: Partial<ModelCapabilities> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'toolCalling' || k === 'imageInput') {
      if (typeof v === 'boolean') out[k] = v;
      else problems.push(`${where}.capabilities.${k} must be true or false; using the model's default.`);
    } else if (k === 'maxInputTokens' || k === 'maxOutputTokens') {
      if (typeof v === 'number' && Number.isInteger(v) && v > 0) out[k] = v;
      else problems.push(`${where}.capabilities.${k} must be a whole number of tokens above 0; using the model's default.`);
    } else problems.push(`${where}.capabilities.${k} is not known (use toolCalling, imageInput, maxInputTokens, maxOutputTokens).`);
  }
  return out;
}

/** Validates `switchboard.providers`; broken entries are skipped with a message saying how to fix them. */
export function parseProviderSettings(raw: unknown): ParseResult {
  const problems: string[] = [];
  const providers: ProviderEntry[] = [];
  if (!Array.isArray(raw)) {
    return { providers, problems: ['"switchboard.providers" must be a list of provider objects; using none.'] };
  }
  const seen = new Set<string>();
  raw.forEach((entry: RawProviderSetting, i) => {
    const where = `switchboard.providers[${i}]`;
    if (!entry || typeof entry !== 'object') return void problems.push(`${where} is not an object.`);
    const preset = str(entry.preset);
    const presetDef = findOpenAIPreset(preset);
    if (preset && !presetDef) {
      return void problems.push(`${where}: unknown preset "${preset}". Use one of ${OPENAI_PRESETS.map((p) => p.id).join(', ')}.`);
    }
    const protocol = (str(entry.protocol) ?? (presetDef ? 'openai' : undefined)) as ProtocolId | undefined;
    if (!protocol || !PROTOCOLS.has(protocol)) {
      return void problems.push(`${where}: "protocol" must be openai, anthropic or cohere (or set a "preset").`);
    }
    if (presetDef && protocol !== 'openai') return void problems.push(`${where}: presets are OpenAI-compatible; remove "protocol" or set it to "openai".`);
    const id = str(entry.id) ?? preset ?? protocol;
    if (!ID_RE.test(id)) return void problems.push(`${where}: id "${id}" may only use letters, digits, ".", "_" and "-".`);
    if (seen.has(id)) return void problems.push(`${where}: duplicate id "${id}"; give each provider its own id.`);
    const defaults = PROTOCOL_DEFAULTS[protocol];
    const baseURL = str(entry.baseURL) ?? presetDef?.baseURL ?? defaults.baseURL;
    if (!originOf(baseURL)) return void problems.push(`${where}: baseURL "${baseURL}" is not an http(s) URL.`);
    const models = listedModels(entry.model, entry.models, where, problems);
    const model = models[0] ?? presetDef?.defaultModel ?? (presetDef ? undefined : defaults.model);
    if (!model) return void problems.push(`${where}: set "model" (the ${presetDef?.label ?? protocol} model name to use).`);
    const trust = str(entry.trust) ?? presetDef?.trust ?? 'cloud';
    const capabilities = parseCapabilities(entry.capabilities, where, problems);
    seen.add(id);
    const head: ProviderEntry = {
      id,
      label: str(entry.label) ?? presetDef?.label ?? defaults.label,
      protocol,
      preset,
      model,
      baseURL,
      enabled: entry.enabled !== false,
      trust,
      needsKey: presetDef ? presetDef.needsKey : true,
      ...(capabilities ? { capabilities } : {}),
    };
    providers.push(...expandDeployments(head, models));
  });
  return { providers, problems };
}
