import { partsOf, type ChatMessage, type ChatOptions } from '../../core/messages';
import type { ProtocolId } from '../../core/provider';

/**
 * Input tokens of a request. OpenAI publishes its tokenizers (o200k_base for GPT-4o, 4.1, 5 and
 * the o-series; cl100k_base for GPT-4 and 3.5), so those models are counted exactly with
 * js-tiktoken, plus OpenAI's documented 3 tokens per message. Anthropic, Cohere and local models
 * publish none: their count is an estimate of 1 token per 3.5 characters (Anthropic's rule of
 * thumb; it over-counts English for Cohere and Llama-family tokenizers, the safe side for a
 * context-window check). An image counts 1,600 tokens (Anthropic's cost of a ~1.15-megapixel
 * image; OpenAI's high-detail 1024x1024 image is 765).
 */
export const CHARS_PER_TOKEN = 3.5;
export const IMAGE_TOKENS = 1_600;
const PER_MESSAGE = 3;

type Encoder = { encode(text: string): number[] };
const encoders = new Map<string, Encoder>();

/** The exact tokenizer of an OpenAI model, or undefined for other models. */
function encoderFor(protocol: ProtocolId, model: string): Encoder | undefined {
  if (protocol !== 'openai') return undefined;
  const name = model.toLowerCase().split('/').pop() ?? '';
  const encoding = /^(gpt-5|gpt-4\.1|gpt-4o|chatgpt-4o|o[134](-|$))/.test(name) ? 'o200k_base' : /^(gpt-4|gpt-3\.5)/.test(name) ? 'cl100k_base' : undefined;
  if (!encoding) return undefined;
  let enc = encoders.get(encoding);
  if (!enc) {
    // Loaded on first use (the ranks are 1-2 MB); the bundle maps these to lazily loaded chunks.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Tiktoken } = require('js-tiktoken/lite') as typeof import('js-tiktoken/lite');
    type Ranks = ConstructorParameters<typeof Tiktoken>[0];
    const mod = (
      encoding === 'o200k_base'
        ? // eslint-disable-next-line @typescript-eslint/no-require-imports
          require('js-tiktoken/ranks/o200k_base')
        : // eslint-disable-next-line @typescript-eslint/no-require-imports
          require('js-tiktoken/ranks/cl100k_base')
    ) as Ranks | { default: Ranks };
    // The CommonJS build exports the table itself; bundlers may wrap it as `default`.
    const ranks = 'default' in mod ? mod.default : mod;
    enc = new Tiktoken(ranks);
    encoders.set(encoding, enc);
  }
  return enc;
}

/** Tokens of `text` for this model: exact for OpenAI models, estimated for the rest. */
export function countText(protocol: ProtocolId, model: string, text: string): number {
  const enc = encoderFor(protocol, model);
  return enc ? enc.encode(text).length : Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** Input tokens of messages plus tool definitions, as this model would count them. */
export function countRequest(
  protocol: ProtocolId,
  model: string,
  messages: ChatMessage[],
  options?: ChatOptions,
): number {
  let text = '';
  let images = 0;
  for (const m of messages) {
    for (const p of partsOf(m)) {
      if (p.type === 'text') text += p.text;
      else if (p.type === 'tool_result') {
        text += p.content;
        images += p.images?.length ?? 0;
      }
      else if (p.type === 'tool_call') text += p.name + JSON.stringify(p.arguments);
      else if (p.type === 'image') images++;
    }
    text += '\n';
  }
  for (const t of options?.tools ?? []) text += t.name + t.description + JSON.stringify(t.parameters ?? {});
  return countText(protocol, model, text) + messages.length * PER_MESSAGE + images * IMAGE_TOKENS;
}
