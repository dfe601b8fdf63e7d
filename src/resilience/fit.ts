import type { ErrorKind } from '../core/errors';
import { partsOf, requestNeeds } from '../core/messages';
import { CHARS_PER_TOKEN } from '../providers/models/tokens';
import type { ChatProvider } from '../core/provider';
import type { ChatInput } from './api';

/** A provider left out of a chat because the request does not fit it, and why (for the error). */
export interface Unfit {
  providerId: string;
  label: string;
  reason: string;
  /** Left out only because the request is larger than its context window. */
  tooLarge: boolean;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * A bound no tokenizer exceeds (a token is at least one character; an image at most a few
 * thousand tokens): under a context window it spares counting a long agent prompt exactly.
 */
function upperBound(input: ChatInput): number {
  let n = JSON.stringify(input.tools ?? []).length;
  for (const m of input.messages) {
    n += 8;
    for (const p of partsOf(m)) n += p.type === 'image' ? 6_000 : JSON.stringify(p).length;
  }
  return n;
}

/** Why `p` cannot take this request, or undefined when it can. */
function unfitReason(
  p: ChatProvider,
  input: ChatInput,
  needs: { tools: boolean; images: boolean; bound: number },
): Omit<Unfit, 'providerId' | 'label'> | undefined {
  const caps = p.capabilities;
  if (!caps) return undefined;
  if (needs.tools && !caps.toolCalling) return { reason: `${p.model} does not call tools`, tooLarge: false };
  if (needs.images && !caps.imageInput) return { reason: `${p.model} does not take images`, tooLarge: false };
  if (caps.limitsKnown === false || needs.bound <= caps.maxInputTokens) return undefined;
  // Far over the window (megabytes of history): an estimate says so without tokenizing it all.
  const tokens =
    needs.bound > 20 * caps.maxInputTokens
      ? Math.ceil(needs.bound / CHARS_PER_TOKEN)
      : p.countTokens?.(input.messages, { tools: input.tools });
  if (tokens !== undefined && tokens > caps.maxInputTokens) {
    return {
      reason: `the request is about ${fmt(tokens)} tokens, over ${p.model}'s ${fmt(caps.maxInputTokens)}-token context window`,
      tooLarge: true,
    };
  }
  return undefined;
}

/**
 * Capability- and size-aware routing: a request with tools (or tool history) goes only to
 * providers that call tools, one with images only to providers that take images, and one larger
 * than a provider's context window skips it. Providers without declared capabilities are kept.
 */
export function fitRequest<S extends { id: string; provider: ChatProvider }>(
  slots: readonly S[],
  input: ChatInput,
): { fit: S[]; unfit: Unfit[] } {
  const needs = { ...requestNeeds(input.messages, { tools: input.tools }), bound: upperBound(input) };
  const fit: S[] = [];
  const unfit: Unfit[] = [];
  for (const s of slots) {
    const why = unfitReason(s.provider, input, needs);
    if (why) unfit.push({ providerId: s.id, label: s.provider.label, ...why });
    else fit.push(s);
  }
  return { fit, unfit };
}

/** The error when no provider fits: what each one lacks, and that nothing was sent. */
export function unfitError(unfit: Unfit[]): { kind: ErrorKind; message: string } {
  const kind: ErrorKind = unfit.every((u) => u.tooLarge) ? 'context_too_long' : 'bad_request';
  const why = unfit.map((u) => `${u.label}: ${u.reason}`).join('; ');
  return {
    kind,
    message:
      `no enabled provider can take this request (${why}); nothing was sent. ` +
      'Add a provider whose model can, or set its "capabilities" in switchboard.providers if it can after all',
  };
}
