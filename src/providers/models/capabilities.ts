import type { ModelCapabilities, ProtocolId } from '../../core/provider';

/**
 * Known model families: what each takes and how much, from the vendors' model pages (2026-11).
 * The first pattern that matches the model name wins; a provider entry's `capabilities` override
 * any field. Local servers (Ollama, llama.cpp, vLLM, LM Studio) report per-model tool support,
 * so only families known to do tools get it by default.
 */
const FAMILIES: { match: RegExp; family: string; caps: ModelCapabilities }[] = [
  { match: /^gpt-5/, family: 'gpt', caps: caps(true, true, 272_000, 128_000) },
  { match: /^gpt-4\.1/, family: 'gpt', caps: caps(true, true, 1_047_576, 32_768) },
  { match: /^(gpt-4o|chatgpt-4o)/, family: 'gpt', caps: caps(true, true, 128_000, 16_384) },
  { match: /^o[134](-|$)/, family: 'gpt', caps: caps(true, true, 200_000, 100_000) },
  { match: /^gpt-4-turbo/, family: 'gpt', caps: caps(true, true, 128_000, 4_096) },
  { match: /^gpt-4(-|$)/, family: 'gpt', caps: caps(true, false, 8_192, 4_096) },
  { match: /^gpt-3\.5-turbo/, family: 'gpt', caps: caps(true, false, 16_385, 4_096) },
  {
    match: /^claude-(sonnet-4|4-sonnet|opus-4|4-opus|haiku-4|3-7-sonnet)/,
    family: 'claude',
    caps: caps(true, true, 200_000, 64_000),
  },
  { match: /^claude-/, family: 'claude', caps: caps(true, true, 200_000, 8_192) },
  { match: /^command-a-vision/, family: 'command', caps: caps(false, true, 128_000, 8_192) },
  { match: /^command-a/, family: 'command', caps: caps(true, false, 256_000, 8_192) },
  { match: /^command-r/, family: 'command', caps: caps(true, false, 128_000, 4_096) },
  { match: /^jamba/, family: 'jamba', caps: caps(true, false, 256_000, 4_096) },
  { match: /^(llama3\.2-vision|llava|bakllava|moondream)/, family: 'llava', caps: caps(false, true, 128_000, 4_096) },
  { match: /^(gemma3)/, family: 'gemma', caps: caps(false, true, 128_000, 8_192) },
  ...localToolFamilies({
    llama: /llama-?3\.[123]/i,
    qwen: /qwen2\.5|qwen3/i,
    mistral: /mistral-nemo|mistral-small|mistral-large/i,
    command: /command-r/i,
    firefunction: /firefunction/i,
    hermes: /hermes3/i,
    granite: /granite3/i,
  }),
];

/** Open-weight families served locally that call tools: one row each, so each keeps its family name. */
function localToolFamilies(m: Record<string, RegExp>): { match: RegExp; family: string; caps: ModelCapabilities }[] {
  return Object.entries(m).map(([family, match]) => ({ family, match, caps: caps(true, false, 128_000, 4_096) }));
}

function caps(
  toolCalling: boolean,
  imageInput: boolean,
  maxInputTokens: number,
  maxOutputTokens: number,
): ModelCapabilities {
  return { toolCalling, imageInput, maxInputTokens, maxOutputTokens };
}

/** An unknown model behind a cloud API: the protocol's current models all call tools. */
const UNKNOWN_CLOUD: Record<ProtocolId, ModelCapabilities> = {
  openai: caps(true, true, 128_000, 4_096),
  anthropic: caps(true, true, 200_000, 8_192),
  cohere: caps(true, false, 128_000, 4_096),
};
/** An unknown model on a local server: no tools unless the entry says so (small models often cannot). */
const UNKNOWN_LOCAL = caps(false, false, 8_192, 2_048);

export interface CapabilityQuery {
  protocol: ProtocolId;
  model: string;
  /** The OpenAI-compatible preset, if any (ollama, vllm, ...). */
  preset?: string;
  overrides?: Partial<ModelCapabilities>;
}

const LOCAL_PRESETS = new Set(['ollama', 'llamacpp', 'vllm', 'lmstudio']);

/** The model's capabilities: its family's, else the protocol's default, with the entry's overrides on top. */
export function modelCapabilities(q: CapabilityQuery): ModelCapabilities {
  const family = knownFamily(q.model)?.caps;
  const base = family ?? (q.preset && LOCAL_PRESETS.has(q.preset) ? UNKNOWN_LOCAL : UNKNOWN_CLOUD[q.protocol]);
  const o = q.overrides ?? {};
  const pick = <K extends keyof ModelCapabilities>(k: K) =>
    o[k] !== undefined ? (o[k] as ModelCapabilities[K]) : base[k];
  return {
    toolCalling: pick('toolCalling'),
    imageInput: pick('imageInput'),
    maxInputTokens: pick('maxInputTokens'),
    maxOutputTokens: pick('maxOutputTokens'),
    limitsKnown: family !== undefined || o.maxInputTokens !== undefined,
  };
}

/** "meta-llama/Llama-3.1-8B-Instruct", "openai/gpt-4o": the family is in the last segment. */
function knownFamily(model: string) {
  const name = model.toLowerCase().split('/').pop() ?? '';
  return FAMILIES.find((f) => f.match.test(name));
}

/**
 * The model family ("claude", "gpt", "command", "llama"...): the same model served by its vendor
 * and by a gateway (OpenRouter, LiteLLM) is one family. An unknown model on the Anthropic or
 * Cohere protocol is that vendor's; any other unknown model is a family of its own name.
 */
export function modelFamily(protocol: ProtocolId, model: string): string {
  const known = knownFamily(model)?.family;
  if (known) return known;
  if (protocol === 'anthropic') return 'claude';
  if (protocol === 'cohere') return 'command';
  return model.toLowerCase().split('/').pop() ?? model;
}
