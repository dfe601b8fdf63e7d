/**
 * Mid-stream failover splices a continuation onto text the user already saw. Models asked to
 * "continue exactly" often repeat the last few words first; this trims that overlap at the seam
 * (longest suffix of the partial that is a prefix of the continuation), tolerant of whitespace
 * differences. Text already yielded is never touched: only the continuation's head is trimmed.
 */
export interface SeamOptions {
  /** Shortest overlap (non-collapsed chars, whitespace collapsed) that is trimmed. */
  minOverlapChars: number;
  /** How much of the partial's tail is compared (bounds buffering of the continuation). */
  windowChars: number;
}

export const DEFAULT_SEAM: SeamOptions = { minOverlapChars: 4, windowChars: 400 };

interface Normalized {
  text: string;
  /** Original index of each normalized char. */
  map: number[];
}

/** Collapses whitespace runs to one space, keeping a map back to the original indices. */
function normalize(s: string, offset = 0): Normalized {
  let text = '';
  const map: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const ws = /\s/.test(s[i]);
    if (ws && text.endsWith(' ')) continue;
    text += ws ? ' ' : s[i];
    map.push(i + offset);
  }
  return { text, map };
}

const WORD = /[\p{L}\p{N}_]/u;
const isWord = (c: string | undefined) => c !== undefined && WORD.test(c);

/** An overlap must start at a word boundary of the partial (not inside a word). */
function startsAtBoundary(p: string, k: number): boolean {
  const before = p[p.length - k - 1];
  return k === p.length || !isWord(before) || !isWord(p[p.length - k]);
}

export type SeamDecision = { decided: false } | { decided: true; skip: number };

/**
 * How many chars of `head` (the continuation so far) repeat the end of `partial`. Undecided while
 * a longer overlap is still possible and the continuation has not `ended`.
 */
export function decideSeam(partial: string, head: string, ended: boolean, o: SeamOptions = DEFAULT_SEAM): SeamDecision {
  const p = normalize(partial.slice(-o.windowChars)).text.trimEnd();
  const lead = head.length - head.trimStart().length;
  const h = normalize(head.slice(lead), lead);
  const H = h.text;
  if (H.length === 0) return ended ? { decided: true, skip: 0 } : { decided: false };
  if (!ended) {
    for (let k = H.length + 1; k <= p.length; k++) {
      if (p.endsWith(H, p.length - k + H.length) && startsAtBoundary(p, k)) return { decided: false };
    }
  }
  for (let k = Math.min(p.length, H.length); k >= o.minOverlapChars; k--) {
    if (p.endsWith(H.slice(0, k)) && startsAtBoundary(p, k)) {
      const skip = h.map[k - 1] + 1;
      // Wait for the first real char after the overlap, to join the whitespace at the seam right.
      if (!ended && head.slice(skip).trim() === '') return { decided: false };
      return { decided: true, skip };
    }
  }
  return { decided: true, skip: 0 };
}

/** Joins the remainder after an overlap without doubling the whitespace the partial ends with. */
function fixSeamSpace(partial: string, rest: string): string {
  const tail = partial.slice(partial.trimEnd().length);
  const lead = rest.slice(0, rest.length - rest.trimStart().length);
  if (!tail || !lead) return rest;
  if (lead.startsWith(tail)) return rest.slice(tail.length);
  if (tail.startsWith(lead)) return rest.slice(lead.length);
  return rest;
}

/** Splices a continuation onto text already shown. Push deltas in; emit what it returns. */
export class SeamTrimmer {
  private buffer = '';
  private done = false;
  /** Chars of the continuation dropped as overlap. */
  trimmed = 0;

  constructor(
    private readonly partial: string,
    private readonly opts: SeamOptions = DEFAULT_SEAM,
  ) {
    if (!partial) this.done = true;
  }

  /** Text to show now (may be empty while the seam is undecided). */
  push(text: string): string {
    if (this.done) return text;
    this.buffer += text;
    return this.settle(false);
  }

  /** The continuation finished: whatever is still held. */
  end(): string {
    return this.done ? '' : this.settle(true);
  }

  private settle(ended: boolean): string {
    const d = decideSeam(this.partial, this.buffer, ended, this.opts);
    if (!d.decided) return '';
    this.done = true;
    if (d.skip === 0) return this.buffer;
    this.trimmed = d.skip;
    const out = fixSeamSpace(this.partial, this.buffer.slice(d.skip));
    this.trimmed += this.buffer.length - d.skip - out.length;
    return out;
  }
}
