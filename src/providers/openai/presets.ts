import type { ProviderConfig, TrustLabel } from '../../core/provider';

/** An OpenAI-compatible server: configuration over the one OpenAI adapter. */
export interface OpenAIPreset {
  id: string;
  label: string;
  baseURL: string;
  trust: TrustLabel;
  /** Model used when the config names none. */
  defaultModel?: string;
  /** Local servers accept any key; the SDK still requires one, so a placeholder is sent. */
  needsKey: boolean;
}

export const OPENAI_PRESETS: readonly OpenAIPreset[] = [
  { id: 'openai', label: 'OpenAI', baseURL: 'https://api.openai.com/v1', trust: 'cloud', defaultModel: 'gpt-4o-mini', needsKey: true },
  { id: 'ollama', label: 'Ollama', baseURL: 'http://127.0.0.1:11434/v1', trust: 'local', needsKey: false },
  { id: 'llamacpp', label: 'llama.cpp server', baseURL: 'http://127.0.0.1:8080/v1', trust: 'local', needsKey: false },
  { id: 'vllm', label: 'vLLM', baseURL: 'http://127.0.0.1:8000/v1', trust: 'local', needsKey: false },
  { id: 'lmstudio', label: 'LM Studio', baseURL: 'http://127.0.0.1:1234/v1', trust: 'local', needsKey: false },
  { id: 'ai21', label: 'AI21 Jamba', baseURL: 'https://api.ai21.com/studio/v1', trust: 'cloud', defaultModel: 'jamba-large', needsKey: true },
];

export function findOpenAIPreset(id: string | undefined): OpenAIPreset | undefined {
  return id === undefined ? undefined : OPENAI_PRESETS.find((p) => p.id === id);
}

/**
 * The config with the preset filled in: explicit settings win over the preset, the preset over
 * the plain OpenAI defaults. Keyless local servers get the preset id as a placeholder key.
 */
export function resolveOpenAIConfig(config: ProviderConfig): ProviderConfig & { baseURL: string; apiKey: string } {
  const preset = findOpenAIPreset(config.preset ?? 'openai');
  if (config.preset !== undefined && !preset) throw new Error(`Unknown OpenAI-compatible preset "${config.preset}".`);
  const base = preset ?? OPENAI_PRESETS[0];
  return {
    ...config,
    label: config.label ?? base.label,
    baseURL: config.baseURL ?? base.baseURL,
    trust: config.trust ?? base.trust,
    model: config.model || base.defaultModel || '',
    apiKey: config.apiKey || (base.needsKey ? '' : base.id),
  };
}
