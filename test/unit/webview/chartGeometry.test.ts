import * as assert from 'node:assert/strict';
import type { ChartPoint } from '../../../src/core/protocol';
import { errorBuckets, niceMax, ttftLines } from '../../../src/webview/dashboard/chartGeometry';

const now = 1_000_000;
const p = (agoMs: number, providerId: string, series: ChartPoint['series'], value = 1): ChartPoint => ({
  at: now - agoMs,
  providerId,
  series,
  value,
});

describe('dashboard chart geometry', () => {
  it('rounds the axis up to 1, 2 or 5 x 10^n', () => {
    assert.deepEqual([0, 0.3, 1, 130, 420, 999, 1001].map(niceMax), [1, 0.5, 1, 200, 500, 1000, 2000]);
  });

  it('draws one line per provider inside the box, oldest first, newest at the right edge', () => {
    const box = { width: 200, height: 100, left: 20, bottom: 10 };
    const { lines, yMax } = ttftLines(
      [
        p(0, 'a', 'ttft', 400),
        p(30_000, 'a', 'ttft', 200),
        p(10_000, 'b', 'ttft', 900),
        p(120_000, 'a', 'ttft', 50),
        p(5_000, 'a', 'error'),
      ],
      now,
      60_000,
      box,
    );
    assert.equal(yMax, 1000);
    assert.deepEqual(lines.map((l) => l.providerId), ['a', 'b']);
    const a = lines[0];
    assert.equal(a.dots.length, 2, 'old samples and errors are left out');
    assert.deepEqual(a.dots[1], [200, 54]); // now at the right edge; 400 of 1000 ms over 90 px
    assert.equal(a.last, 400);
    assert.match(a.d, /^M\d+(\.\d)? \d+(\.\d)? L200 54$/);
    for (const l of lines) for (const [x, y] of l.dots) assert.ok(x >= 20 && x <= 200 && y >= 0 && y <= 90);
  });

  it('counts failed attempts per bucket', () => {
    const b = errorBuckets(
      [
        p(1_000, 'a', 'error'),
        p(2_000, 'b', 'error'),
        p(20_000, 'a', 'error'),
        p(70_000, 'a', 'error'),
        p(0, 'a', 'ttft', 300),
      ],
      now,
      60_000,
      15_000,
    );
    assert.deepEqual(b, [0, 0, 1, 2]);
  });
});
