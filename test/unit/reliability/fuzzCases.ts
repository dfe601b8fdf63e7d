import type { FrameContext, WireFormat } from '../../../src/loopback/wireFormat';

/** How a fuzzed body is damaged. */
export type Mutation =
  | 'none'
  | 'truncate'
  | 'invalid-json'
  | 'huge-line'
  | 'huge-token'
  | 'reorder'
  | 'garbage'
  | 'missing-field'
  | 'duplicate';
/** How the server ends the response after the body. */
export type Ending = 'end' | 'destroy' | 'hang';

export interface FuzzCase {
  id: number;
  mutation: Mutation;
  ending: Ending;
  /** Send `Connection: close` (undici then ends a cut chunked body cleanly). */
  connectionClose: boolean;
  /** The body, and how it is split into writes. */
  body: Buffer;
  pieces: number[];
  /** The answer a clean stream carries. */
  answer: string;
  /**
   * For `none` and `truncate`: true = the stream must finish with `answer`; false = it must fail
   * with a prefix of it; undefined = either.
   */
  mustFinish?: boolean;
}

const WORDS = [
  'alpha ',
  'beta ',
  'gamma, ',
  'délta ',
  '日本語 ',
  'emoji 🎉 ',
  'x',
  '\n',
  '"quoted" ',
  'back\\slash ',
  '{json} ',
  'tab\t',
];
const MUTATIONS: [Mutation, number][] = [
  ['none', 10], ['truncate', 30], ['invalid-json', 12], ['huge-line', 2], ['huge-token', 2],
  ['reorder', 12], ['garbage', 12], ['missing-field', 14], ['duplicate', 6],
];

function pick<T>(rand: () => number, weighted: [T, number][]): T {
  let r = rand() * weighted.reduce((a, [, w]) => a + w, 0);
  for (const [v, w] of weighted) if ((r -= w) < 0) return v;
  return weighted[0][0];
}
const int = (rand: () => number, n: number) => Math.floor(rand() * n);

/** Deletes one random key somewhere in a frame's JSON. */
function dropField(frame: string, rand: () => number): string {
  const m = /^data: (\{.*)$/m.exec(frame);
  if (!m) return frame;
  const obj = JSON.parse(m[1]) as Record<string, unknown>;
  let cur: Record<string, unknown> = obj;
  for (;;) {
    const keys = Object.keys(cur);
    if (keys.length === 0) break;
    const k = keys[int(rand, keys.length)];
    const v = cur[k];
    if (v && typeof v === 'object' && rand() < 0.6)
      cur = (Array.isArray(v) ? (v[0] ?? {}) : v) as Record<string, unknown>;
    else {
      delete cur[k];
      break;
    }
  }
  return frame.replace(m[1], JSON.stringify(obj));
}

/** One seeded case for `format`: a valid stream, damaged one way, split into random writes. */
export function makeCase(id: number, format: WireFormat, rand: () => number, body: Record<string, unknown>): FuzzCase {
  const tokens = Array.from({ length: 1 + int(rand, 12) }, () => WORDS[int(rand, WORDS.length)]);
  const answer = tokens.join('');
  const ctx: FrameContext = {
    requestId: `req_fuzz_${id}`,
    model: 'loopback-model',
    body,
    inputTokens: 12,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: tokens.length,
    textBlock: true,
    toolCount: 0,
  };
  const start = format.start(ctx);
  let frames: (string | Buffer)[] = [
    ...start,
    ...tokens.map((t, i) => format.token(ctx, t, i)),
    ...format.finish(ctx, rand() < 0.7),
  ];
  const mutation = pick(rand, MUTATIONS);
  const at = int(rand, frames.length);
  let mustFinish: boolean | undefined = mutation === 'none' ? true : undefined;
  switch (mutation) {
    case 'invalid-json':
      frames[at] = String(frames[at]).replace(/\}\s*$/, '').replace(/"(\w+)":/, '"$1" ');
      break;
    case 'huge-line':
      frames.splice(at, 0, `data: ${'x'.repeat(2 * 1024 * 1024)}\n\n`);
      break;
    case 'huge-token':
      frames.splice(start.length, 0, format.token(ctx, 'y'.repeat(2 * 1024 * 1024), 0));
      break;
    case 'reorder':
      frames = frames.map((f) => [rand(), f] as const).sort((a, b) => a[0] - b[0]).map(([, f]) => f);
      break;
    case 'garbage':
      frames.splice(at, 0, Buffer.from(Array.from({ length: 1 + int(rand, 64) }, () => int(rand, 256))));
      break;
    case 'missing-field':
      frames[at] = dropField(String(frames[at]), rand);
      break;
    case 'duplicate':
      frames.splice(at, 0, frames[at]);
      break;
  }
  let buf = Buffer.concat(frames.map((f) => (typeof f === 'string' ? Buffer.from(f) : f)));
  if (mutation === 'truncate') {
    const full = buf;
    const cut = int(rand, full.length);
    buf = full.subarray(0, cut);
    // The frame that completes a stream: openai's finish chunk, anthropic's message_stop, cohere's message-end.
    const finishFrame = String(
      format.protocol === 'openai' ? frames[start.length + tokens.length] : frames[frames.length - 1],
    );
    const finishAt = full.lastIndexOf(Buffer.from(finishFrame));
    // Cut before it: the answer must NOT pass as complete. Nothing cut: it must finish.
    mustFinish = cut <= finishAt ? false : cut === full.length ? true : undefined;
  }
  const ending: Ending = pick(rand, [['end', 6], ['destroy', 3], ['hang', 1]]);
  const pieces: number[] = [];
  // Tiny writes split frames and UTF-8 characters; huge bodies go in big pieces to stay fast.
  const max = buf.length > 100_000 ? 256 * 1024 : rand() < 0.5 ? 16 : 4096;
  for (let left = buf.length; left > 0; ) {
    const n = Math.min(left, 1 + int(rand, max));
    pieces.push(n);
    left -= n;
  }
  return { id, mutation, ending, connectionClose: rand() < 0.2, body: buf, pieces, answer, mustFinish };
}
