import * as assert from 'node:assert/strict';
import { planContinuation, type ContinuationStyle } from '../../../../src/core/continuation';
import { decideSeam, SeamTrimmer } from '../../../../src/resilience/router/continuation';

/** Splices `reply` (fed in `parts`) onto `partial` as the engine does. */
function splice(style: ContinuationStyle, partial: string, parts: string[]): string {
  const t = new SeamTrimmer(planContinuation(style, partial));
  let out = partial;
  for (const p of parts) out += t.push(p);
  return out + t.end();
}
const chars = (s: string) => [...s];
const units = (s: string) => s.split('');
const words = (s: string) => s.match(/\S+\s*|\s+/g) ?? [];

describe('continuation seam', () => {
  describe('plans', () => {
    it('prefill: the model sees the partial without trailing whitespace; that whitespace is what the reply may start with', () => {
      const p = planContinuation('prefill', 'def f(x):\n    ');
      assert.deepEqual(p, { partial: 'def f(x):\n    ', sent: 'def f(x):', expected: '\n    ', mayRepeat: false });
    });
    it('prompt: the model sees the partial without its last word (the anchor)', () => {
      assert.deepEqual(planContinuation('prompt', 'alpha beta gamma '), {
        partial: 'alpha beta gamma ',
        sent: 'alpha beta ',
        expected: 'gamma ',
        mayRepeat: true,
      });
      assert.equal(planContinuation('prompt', 'x'.repeat(100)).expected.length, 40, 'the anchor is bounded');
      assert.equal(planContinuation('prompt', 'a 😀😀').expected, '😀😀', 'the anchor never splits a surrogate pair');
    });
  });

  // [name, style, partial, reply, what the user must see]
  const cases: [string, ContinuationStyle, string, string, string][] = [
    // Bug 1: a prefill cut after whitespace kept the whole leading whitespace of the reply out.
    [
      "prefill after a colon keeps the next line's indentation",
      'prefill',
      'def f(x):\n',
      '\n    return x\n',
      'def f(x):\n    return x\n',
    ],
    ['prefill: only the trimmed whitespace is dropped', 'prefill', 'if a:\n  ', '\n      b()', 'if a:\n      b()'],
    [
      'prefill: a reply not starting with the trimmed whitespace is kept whole',
      'prefill',
      'x =\n',
      '  42',
      'x =\n  42',
    ],
    ['prefill mid-word: nothing trimmed', 'prefill', 'Hel', 'lo world.', 'Hello world.'],
    // Bug 2: with prefill the model cannot repeat itself, so text equal to the partial's end is real.
    ['prefill: repeated lines are real', 'prefill', 'PASS\nPASS\n', '\nPASS\nPASS\n', 'PASS\nPASS\nPASS\nPASS\n'],
    ['prefill: a table row repeated', 'prefill', '| 1 | 1 |\n', '\n| 1 | 1 |\n', '| 1 | 1 |\n| 1 | 1 |\n'],
    ['prompt: exact anchor dropped', 'prompt', 'alpha beta gamma ', 'gamma delta', 'alpha beta gamma delta'],
    ['prompt: repeat of earlier text dropped', 'prompt', 'the quick brown', 'quick brown fox', 'the quick brown fox'],
    [
      'prompt: whole partial repeated',
      'prompt',
      'alpha beta gamma ',
      'alpha beta gamma delta',
      'alpha beta gamma delta',
    ],
    [
      'prompt: repeated lines continue after the anchor',
      'prompt',
      'PASS\nPASS\n',
      'PASS\nPASS\nPASS\n',
      'PASS\nPASS\nPASS\nPASS\n',
    ],
    [
      'prompt: a matrix row that repeats is kept',
      'prompt',
      '[1, 0],\n[1, 0],\n',
      '[1, 0],\n[1, 0],\n]',
      '[1, 0],\n[1, 0],\n[1, 0],\n]',
    ],
    [
      'prompt: no anchor in the reply: appended unchanged (visible seam)',
      'prompt',
      'Hello there',
      ', friend.',
      'Hello there, friend.',
    ],
    ['prompt: mid-word reply is not an overlap', 'prompt', 'we are here', 'rethink', 'we are hererethink'],
    ['prompt: code keeps indentation', 'prompt', 'if (x) {\n  return', 'return y;\n}', 'if (x) {\n  return y;\n}'],
  ];
  for (const [name, style, partial, reply, expected] of cases) {
    it(`${name} (whole, by words, by chars, by UTF-16 units)`, () => {
      assert.equal(splice(style, partial, [reply]), expected);
      assert.equal(splice(style, partial, words(reply)), expected);
      assert.equal(splice(style, partial, chars(reply)), expected);
      assert.equal(splice(style, partial, units(reply)), expected);
    });
  }

  it('when a shorter and a longer reading both fit, the shorter wins: a repeat stays visible, nothing the model wrote is deleted', () => {
    // Shown "ab ab ab " (anchor "ab "); reply "ab ab X": either the anchor then "ab X" (nothing
    // repeated) or a repeat of "ab ab " then "X". Only the first cannot delete real text.
    assert.equal(splice('prompt', 'ab ab ab ', ['ab ab X']), 'ab ab ab ab X');
  });

  it('holds text back only while a shorter reading is still possible', () => {
    const plan = planContinuation('prompt', 'alpha beta gamma');
    assert.deepEqual(decideSeam(plan, 'gam', false), { decided: false });
    assert.deepEqual(decideSeam(plan, 'gamma!', false), { decided: true, skip: 5 });
    assert.deepEqual(decideSeam(plan, 'xyz', false), { decided: true, skip: 0 });
    assert.deepEqual(decideSeam(plan, 'gam', true), { decided: true, skip: 0 }, 'at the end, what is held is shown');
    const t = new SeamTrimmer(plan);
    assert.equal(t.push('delta'), 'delta', 'no possible reading: shown at once');
  });

  it('never holds more than the anchor plus the window', () => {
    // Every "z" could still be the start of a repeat of the z-run before the anchor "end".
    const t = new SeamTrimmer(planContinuation('prompt', `${'z'.repeat(1000)} end`), { windowChars: 50 });
    let held = 0;
    while (t.push('z') === '') held++;
    // A repeat of at most 50 chars before the anchor: 49 z's and the space before "end".
    assert.equal(held, 49, 'released once no reading within the window fits');
  });
});
