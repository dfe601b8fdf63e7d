import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ProtocolId } from '../../../../src/core/provider';
import { continuationModel } from '../../../../src/loopback/continuationModel';
import { LoopbackServer } from '../../../../src/loopback/server';
import { planContinuation } from '../../../../src/core/continuation';
import { engineFor, formatFor, PROTOCOLS, providerFor, run } from './harness';

// Property: whatever the answer and wherever a provider drops it, continuing on another protocol
// shows exactly the model's text. Runs through the real SDKs and wire formats. A failure message
// carries fast-check's seed and the shrunk counterexample (re-run with PROPERTY_SEED=<seed>).
const SEED = Number(process.env.PROPERTY_SEED ?? 20261129);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);

const LINES = [
  'def f(x):', 'return x', 'PASS', '| a | b |', '|---|---|', '[1, 0, 0],', '}', '{', '', '   ',
  'const y = x + 1;', 'if (a && b) {', '😀 emoji 𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'cafe\u0301 na\u0308ive', '中文字符', '\tindented with a tab',
];
/** Code-like answers: indentation, repeated lines and runs, blank lines, CRLF, tabs, astral chars, combining marks. */
const answer = fc
  .array(
    fc.tuple(
      fc.constantFrom('', '  ', '    ', '        ', '\t', '\t\t'),
      fc.constantFrom(...LINES),
      fc.constantFrom('\n', '\n', '\r\n'),
    ),
    { minLength: 1, maxLength: 14 },
  )
  .chain((lines) => fc.tuple(fc.constant(lines), fc.nat({ max: lines.length }), fc.nat({ max: 4 })))
  .map(([lines, at, times]) => {
    const text = lines.map(([indent, line, eol]) => indent + line + eol);
    const run = text.slice(at, at + 3);
    text.splice(at, 0, ...Array<string>(times).fill(run.join(''))); // a repeated run of lines
    return text.join('');
  })
  .filter((s) => s.trim().length > 2);

/** Splits text into deltas of these UTF-16 lengths (cycled): cuts inside surrogate pairs too. */
function splitBy(text: string, sizes: number[]): string[] {
  const out: string[] = [];
  for (let i = 0, k = 0; i < text.length; k++) {
    const n = sizes[k % sizes.length];
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

const pairs: [ProtocolId, ProtocolId][] = PROTOCOLS.flatMap((a) =>
  PROTOCOLS.filter((b) => b !== a).map((b): [ProtocolId, ProtocolId] => [a, b]),
);

interface Case {
  original: string;
  /** Where the primary drops, as a fraction of the answer. */
  cutAt: number;
  pair: [ProtocolId, ProtocolId];
  sizes: number[];
  repeat: number;
}

describe('continuation property: the visible text is the model\'s text (fast-check, real SDKs)', function () {
  this.timeout(120_000);
  let current: Case;
  const primary = new Map<ProtocolId, LoopbackServer>();
  const continuer = new Map<ProtocolId, LoopbackServer>();

  before(async () => {
    for (const p of PROTOCOLS) {
      primary.set(p, await LoopbackServer.start(formatFor(p)));
      const model = continuationModel(p, () => current.original, {
        split: (reply) => splitBy(reply, current.sizes),
        fresh: true,
        get repeat() {
          return current.repeat;
        },
      });
      continuer.set(p, await LoopbackServer.start(formatFor(p), { respond: model }));
    }
  });
  after(async () => {
    for (const s of [...primary.values(), ...continuer.values()]) await s.close();
  });

  /** Runs one case: the primary shows `cut` chars and fails mid-stream; the continuer finishes. */
  async function visible(c: Case): Promise<{ text: string; partial: string }> {
    current = c;
    const cut = Math.max(1, Math.min(c.original.length - 1, Math.floor(c.cutAt * c.original.length)));
    const partial = c.original.slice(0, cut);
    const a = primary.get(c.pair[0])!;
    const b = continuer.get(c.pair[1])!;
    const shown = splitBy(partial, c.sizes);
    a.script({
      tokens: [...shown, ...splitBy(c.original.slice(cut), c.sizes)],
      fault: { type: 'stream-error', afterTokens: shown.length },
    });
    // Roomy deadlines: this property is about text, and a loaded machine must not turn it into a stall.
    const timeouts = { headersMs: 10_000, firstTokenMs: 10_000, stallMs: 10_000 };
    const providers = [providerFor(a, 'a', { timeouts }), providerFor(b, 'b', { timeouts })];
    const { engine } = engineFor(providers, { midStream: 'continue' });
    try {
      const r = await run(engine);
      if (r.error) throw new Error(`chat failed: ${r.error.kind}: ${r.error.message}`);
      return { text: r.text, partial };
    } finally {
      engine.dispose();
    }
  }

  const cases = (repeat: fc.Arbitrary<number>) =>
    fc.record({
      original: answer,
      cutAt: fc.double({ min: 0, max: 1, noNaN: true }),
      pair: fc.constantFrom(...pairs),
      sizes: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 }),
      repeat,
    });

  it('a model that continues with exactly the rest: the text equals the original, every time', async () => {
    await fc.assert(
      fc.asyncProperty(cases(fc.constant(0)), async (c) => {
        const { text } = await visible(c);
        assert.equal(JSON.stringify(text), JSON.stringify(c.original));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('a model that first repeats the last N characters: exact when the repeat is detectable, never a deletion', async () => {
    let exact = 0;
    let detectable = 0;
    await fc.assert(
      fc.asyncProperty(cases(fc.integer({ min: 1, max: 60 })), async (c) => {
        const { text, partial } = await visible(c);
        const plan = planContinuation(c.pair[1] === 'anthropic' ? 'prefill' : 'prompt', partial);
        const repeated = plan.sent.slice(Math.max(0, plan.sent.length - c.repeat));
        const reply = repeated + c.original.slice(plan.sent.length);
        // What the engine may drop is at most what the model repeated plus the expected head.
        const dropped = partial.length + reply.length - text.length;
        assert.ok(text.startsWith(partial), 'what was shown stays');
        assert.equal(
          text.slice(partial.length),
          reply.slice(dropped),
          "the shown reply is a suffix of the model's reply",
        );
        assert.ok(dropped <= repeated.length + plan.expected.length, `deleted ${dropped - repeated.length - plan.expected.length} chars the model did not repeat`);
        // Detectable: no prefill (a prefill model cannot repeat) and no shorter suffix of the
        // shown text explains the reply's start (src/core/continuation.ts).
        const full = repeated.length + plan.expected.length;
        const shorter = Array.from({ length: full - plan.expected.length }, (_, i) => plan.expected.length + i).some(
          (n) => reply.startsWith(partial.slice(partial.length - n)),
        );
        if (plan.mayRepeat && !shorter) {
          detectable++;
          assert.equal(JSON.stringify(text), JSON.stringify(c.original), 'a detectable repeat is dropped exactly');
          exact++;
        }
      }),
      { seed: SEED + 1, numRuns: RUNS },
    );
    assert.ok(detectable >= RUNS / 3, `only ${detectable} of ${RUNS} cases had a detectable repeat: the generator is too narrow`);
    assert.equal(exact, detectable);
  });
});
