import * as assert from 'node:assert/strict';
import { Ewma } from '../../../../src/resilience/health/ewma';
import { percentiles, quantileSorted } from '../../../../src/resilience/health/quantile';
import { RollingWindow } from '../../../../src/resilience/health/window';

describe('health building blocks', () => {
  it('computes nearest-rank percentiles on known data', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
    assert.deepEqual(percentiles(values), { p50: 50, p95: 95, p99: 99 });
    assert.equal(quantileSorted([7], 0.99), 7);
    assert.equal(quantileSorted([1, 2, 3, 4], 0), 1);
    assert.equal(quantileSorted([1, 2, 3, 4], 1), 4);
    assert.deepEqual(percentiles([]), {});
    assert.deepEqual(values.slice(0, 3), [100, 99, 98], 'input is not modified');
  });

  it('evicts entries older than the window', () => {
    const w = new RollingWindow<{ at: number; v: number }>(10, 1000);
    w.push({ at: 0, v: 1 }, 0);
    w.push({ at: 500, v: 2 }, 500);
    w.push({ at: 900, v: 3 }, 900);
    assert.deepEqual(w.values(999).map((e) => e.v), [1, 2, 3]);
    assert.deepEqual(w.values(1000).map((e) => e.v), [2, 3]);
    assert.deepEqual(w.values(1950).map((e) => e.v), []);
    w.push({ at: 2000, v: 4 }, 2000);
    assert.deepEqual(w.values(2000).map((e) => e.v), [4]);
  });

  it('keeps only the newest entries when full', () => {
    const w = new RollingWindow<{ at: number; v: number }>(3, 60_000);
    for (let i = 1; i <= 7; i++) w.push({ at: i, v: i }, i);
    assert.equal(w.size, 3);
    assert.deepEqual(w.values(7).map((e) => e.v), [5, 6, 7]);
    w.clear();
    assert.deepEqual(w.values(7), []);
  });

  it('EWMA seeds with the first value and moves by alpha', () => {
    const e = new Ewma(0.5);
    assert.equal(e.value, undefined);
    e.update(100);
    assert.equal(e.value, 100);
    e.update(200);
    assert.equal(e.value, 150);
    e.update(NaN);
    assert.equal(e.value, 150);
    assert.equal(e.count, 2);
    assert.throws(() => new Ewma(0));
  });
});
