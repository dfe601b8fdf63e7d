import type { ModelCapabilities, ProtocolId } from '../../core/provider';

/**
 * Known model families: what each takes and how much, from the vendors' model pages (2026-11).
 * The first pattern that matches the model name wins; a provider entry's `capabilities` override
 * any field. Local servers (Ollama, llama.cpp, vLLM, LM Studio) report per-model tool support,
 * so only families known to do tools get it by default.
 */
const FAMILIES: { match: RegExp; caps: ModelCapabilities }[] = [
  { match: /^gpt-5/, caps: caps(true, true, 272_000, 128_000) },
  { match: /^gpt-4\.1/, caps: caps(true, true, 1_047_576, 32_768) },
  { match: /^(gpt-4o|chatgpt-4o)/, caps: caps(true, true, 128_000, 16_384) },
  { match: /^o[134](-|$)/, caps: caps(true, true, 200_000, 100_000) },
  { match: /^gpt-4-turbo/, caps: caps(true, true, 128_000, 4_096) },
  { match: /^gpt-4(-|$)/, caps: caps(true, false, 8_192, 4_096) },
  { match: /^gpt-3\.5-turbo/, caps: caps(true, false, 16_385, 4_096) },
  { match: /^claude-(sonnet-4|4-sonnet|opus-4|4-opus|haiku-4|3-7-sonnet)/, caps: caps(true, true, 200_000, 64_000) },
  { match: /^claude-/, caps: caps(true, true, 200_000, 8_192) },
  { match: /^command-a-vision/, caps: caps(false, true, 128_000, 8_192) },
  { match: /^command-a/, caps: caps(true, false, 256_000, 8_192) },
  { match: /^command-r/, caps: caps(true, false, 128_000, 4_096) },
  { match: /^jamba/, caps: caps(true, false, 256_000, 4_096) },
  { match: /^(llama3\.2-vision|llava|bakllava|moondream)/, caps: caps(false, true, 128_000, 4_096) },
  { match: /^(gemma3)/, caps: caps(false, true, 128_000, 8_192) },
  { match: /(llama-?3\.[123]|qwen2\.5|qwen3|mistral-nemo|mistral-small|mistral-large|command-r|firefunction|hermes3|granite3)/i, caps: caps(true, false, 128_000, 4_096) },
];

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
  // "meta-llama/Llama-3.1-8B-Instruct", "openai/gpt-4o": the family is in the last segment.
  const name = q.model.toLowerCase().split('/').pop() ?? '';
  const family = FAMILIES.find((f) => f.match.test(name))?.caps;
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
