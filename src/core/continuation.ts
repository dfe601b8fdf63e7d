/**
 * Mid-stream continuation: how the next provider is shown a cut-off answer, and what its reply
 * may start with that the user has already seen. The rule (README, "Mid-stream failover"):
 *
 * - Prefill (Anthropic): the partial answer becomes the start of the assistant's own turn and the
 *   model carries on from its last character, so it cannot repeat itself: nothing is trimmed.
 *   The API rejects a prefill that ends in whitespace, so the model is shown the partial without
 *   its trailing whitespace; that whitespace (already shown) is dropped from the reply only when
 *   the reply starts with exactly that whitespace.
 * - Prompt (OpenAI, Cohere, OpenAI-compatible servers): there is no prefill. The model is shown
 *   the partial minus its last word (the anchor: the last run of up to 40 non-space characters
 *   and the whitespace after it) as its earlier turn, and is asked to continue starting with the
 *   anchor. Its reply is expected to start with the anchor, possibly after repeating some earlier
 *   text. The seam drops the SHORTEST suffix of the shown text, at least the anchor, that the
 *   reply starts with. When a shorter and a longer reading both fit, the shorter wins: a repeat
 *   may stay visible, but text the model wrote is never deleted. A reply that starts with no such
 *   suffix is appended unchanged (a visible seam rather than a guess).
 */
export type ContinuationStyle = 'prefill' | 'prompt';

export interface ContinuationPlan {
  /** Everything the user has already seen of this answer. */
  partial: string;
  /** The prefix of `partial` the next model is shown. */
  sent: string;
  /** `partial` minus `sent`: shown, not sent; what the reply is expected to start with. */
  expected: string;
  /** No prefill: the reply may repeat text shown before `expected`. */
  mayRepeat: boolean;
}

const ANCHOR = /\S{1,40}\s*$/u;

export function planContinuation(style: ContinuationStyle, partial: string): ContinuationPlan {
  if (style === 'prefill') {
    const sent = partial.replace(/\s+$/u, '');
    return { partial, sent, expected: partial.slice(sent.length), mayRepeat: false };
  }
  const anchor = ANCHOR.exec(partial)?.[0] ?? partial;
  const sent = partial.slice(0, partial.length - anchor.length);
  return { partial, sent, expected: anchor, mayRepeat: true };
}

/** The instruction sent after the partial answer when a protocol has no prefill. */
export function continuePrompt(plan: ContinuationPlan): string {
  return (
    'Your previous answer was cut off. Continue it exactly where it stops: start your reply with ' +
    `the exact text ${JSON.stringify(plan.expected)} (a JSON string) and go on from there. Do not ` +
    'repeat anything else and add no preface.'
  );
}
