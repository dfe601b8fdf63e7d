import type { ContinuationPlan } from '../../core/continuation';

/**
 * Splices a continuation onto text already shown, by the rule in src/core/continuation.ts: the
 * reply's head is dropped only where it is exactly a suffix of the shown text that the plan
 * expects (the prefill's trimmed whitespace, or the anchor possibly preceded by a repeat), and
 * the shortest such suffix wins. Everything else the model wrote is shown as written.
 */
export interface SeamOptions {
  /** How much text before the expected head a reply may repeat (bounds how long text is held). */
  windowChars: number;
}

export const DEFAULT_SEAM: SeamOptions = { windowChars: 400 };

export type SeamDecision = { decided: false } | { decided: true; skip: number };

/** The suffix lengths of the partial the reply may start with, shortest first. */
function* candidates(plan: ContinuationPlan, o: SeamOptions): Generator<number> {
  const first = plan.expected.length;
  yield first;
  if (!plan.mayRepeat) return;
  const last = Math.min(plan.partial.length, first + o.windowChars);
  for (let n = first + 1; n <= last; n++) yield n;
}

/**
 * How many chars of `head` (the reply so far) to drop. Undecided while a shorter candidate could
 * still match and the reply has not `ended`.
 */
export function decideSeam(
  plan: ContinuationPlan,
  head: string,
  ended: boolean,
  o: SeamOptions = DEFAULT_SEAM,
): SeamDecision {
  const p = plan.partial;
  for (const n of candidates(plan, o)) {
    const suffix = p.slice(p.length - n);
    if (head.startsWith(suffix)) return { decided: true, skip: n };
    if (!ended && suffix.startsWith(head)) return { decided: false };
  }
  return { decided: true, skip: 0 };
}

/** Push the reply's deltas in; show what comes out. */
export class SeamTrimmer {
  private buffer = '';
  private done = false;
  /** Chars of the reply dropped at the seam. */
  trimmed = 0;

  constructor(
    private readonly plan: ContinuationPlan,
    private readonly opts: SeamOptions = DEFAULT_SEAM,
  ) {
    if (!plan.partial) this.done = true;
  }

  /** Text to show now (empty while the seam is undecided). */
  push(text: string): string {
    if (this.done) return text;
    this.buffer += text;
    return this.settle(false);
  }

  /** The reply finished: whatever is still held. */
  end(): string {
    return this.done ? '' : this.settle(true);
  }

  private settle(ended: boolean): string {
    const d = decideSeam(this.plan, this.buffer, ended, this.opts);
    if (!d.decided) return '';
    this.done = true;
    this.trimmed = d.skip;
    return this.buffer.slice(d.skip);
  }
}
