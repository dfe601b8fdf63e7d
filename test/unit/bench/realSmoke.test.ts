import * as assert from 'node:assert/strict';
import { realProfile } from '../../bench/real/profile';
import { realGoals, realReport, type RealResult } from '../../bench/real/report';
import { runReal } from '../../bench/real/run';

/**
 * Keeps `npm run bench -- --real` from rotting: the real-timing crisis and tail run at a tiny
 * scale (phases under a second) with every contender, and the report lists every goal with its
 * measured value and whether it was met, unmet ones included.
 */
describe('benchmark at real timing (smoke)', function () {
  this.timeout(90_000);
  let r: RealResult;

  before(async () => {
    r = await runReal(realProfile(0.04, 1), () => undefined);
  });

  it('runs the crisis and the tail for every contender', () => {
    const ids = ['bare', 'switchboard', 'vercel', 'portkey'];
    assert.deepEqual(r.crisis.map((c) => c.id), ids);
    assert.deepEqual(r.tail.map((t) => t.id), ids);
    for (const c of r.crisis) assert.ok(c.chats > 0 && c.extraPct >= 0, c.name);
  });

  it('lists all five goals, each with a measured value and met or NOT met', () => {
    const goals = realGoals(r);
    assert.equal(goals.length, 5);
    const md = realReport(r);
    for (const g of goals) {
      assert.ok(!g.value.includes('undefined') && !g.value.includes('NaN'), g.value);
      assert.ok(md.includes(`seed 1: ${g.met ? 'met' : 'NOT met'}: ${g.goal} (measured ${g.value})`), g.goal);
    }
  });
});
