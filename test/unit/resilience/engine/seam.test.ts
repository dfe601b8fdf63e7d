import * as assert from 'node:assert/strict';
import { decideSeam, SeamTrimmer } from '../../../../src/resilience/router/continuation';

/** Splices `cont` (fed in `parts`) onto `partial` as the engine does. */
function splice(partial: string, parts: string[]): string {
  const t = new SeamTrimmer(partial);
  let out = partial;
  for (const p of parts) out += t.push(p);
  return out + t.end();
}
const chars = (s: string) => [...s];
const words = (s: string) => s.match(/\S+\s*|\s+/g) ?? [];

describe('continuation seam', () => {
  const cases: [string, string, string, string][] = [
    ['repeated last word', 'the quick brown', 'brown fox jumps', 'the quick brown fox jumps'],
    ['repeated words with trailing space', 'alpha beta gamma ', 'gamma delta', 'alpha beta gamma delta'],
    ['whole partial repeated', 'alpha beta gamma ', 'alpha beta gamma delta', 'alpha beta gamma delta'],
    ['no overlap', 'Hello there', ', friend.', 'Hello there, friend.'],
    ['whitespace differs at the seam', 'one two  three', 'two three four', 'one two  three four'],
    ['newline in partial, spaces in continuation', 'const value =\n', 'value = 42;', 'const value =\n 42;'],
    ['paragraph break kept', 'end of para.\n', 'end of para.\n\nNext one', 'end of para.\n\nNext one'],
    ['too short to be an overlap', 'I saw it', ' it is', 'I saw it it is'],
    ['mid-word match is not an overlap', 'we are here', 'rethink', 'we are hererethink'],
    ['code with symbols', 'if (x) {\n  return', 'return y;\n}', 'if (x) {\n  return y;\n}'],
  ];
  for (const [name, partial, cont, expected] of cases) {
    it(`${name} (whole, by words, by chars)`, () => {
      assert.equal(splice(partial, [cont]), expected);
      assert.equal(splice(partial, words(cont)), expected);
      assert.equal(splice(partial, chars(cont)), expected);
    });
  }

  it('holds text back only while a longer overlap is still possible', () => {
    assert.deepEqual(decideSeam('alpha beta gamma', 'alp', false), { decided: false });
    assert.deepEqual(decideSeam('alpha beta gamma', 'xyz', false), { decided: true, skip: 0 });
    const t = new SeamTrimmer('alpha beta gamma');
    assert.equal(t.push('delta'), 'delta', 'no possible overlap: shown at once');
  });

  it('never holds more than the window', () => {
    const partial = 'x '.repeat(1000);
    const t = new SeamTrimmer(partial, { minOverlapChars: 4, windowChars: 50 });
    let shown = '';
    for (let i = 0; i < 60; i++) shown += t.push('x ');
    assert.ok(shown.length > 0, 'released after the window');
  });
});
