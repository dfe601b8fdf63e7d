import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { HealthTracker } from '../../../../src/resilience/health';

const PROVIDERS = ['a', 'b', 'c'];

/** Records `n` samples per provider, one every 10 ms of fake time. */
function feed(tracker: HealthTracker, clock: { t: number }, n: number): void {
  for (let i = 0; i < n; i++) {
    clock.t += 10;
    for (const providerId of PROVIDERS) {
      tracker.record({
        providerId,
        ok: i % 7 !== 0,
        kind: 'server_error',
        message: `failure ${i}`,
        ttftMs: 100 + (i % 50),
        totalMs: 900,
        tokens: 40,
        at: clock.t,
      });
    }
  }
}

describe('HealthTracker memory', () => {
  it('holds at most maxSamples per provider over 100k samples', () => {
    const clock = { t: 0 };
    const tracker = new HealthTracker({ now: () => clock.t, maxSamples: 200 });
    feed(tracker, clock, 100_000);
    for (const p of PROVIDERS) assert.ok(tracker.sampleCount(p) <= 200, `${p}: ${tracker.sampleCount(p)}`);
    assert.equal(tracker.stats('a').requests, 200);
  });

  it('keeps heap flat over 100k samples for 3 providers (measured after gc)', function () {
    this.timeout(20_000);
    // A child process with --expose-gc, so the measurement does not depend on how mocha was started.
    const modulePath = join(__dirname, '../../../../src/resilience/health/index.js');
    const script = `
      const { HealthTracker } = require(${JSON.stringify(modulePath)});
      const clock = { t: 0 };
      const tracker = new HealthTracker({ now: () => clock.t, maxSamples: 200 });
      const feed = (n) => { for (let i = 0; i < n; i++) { clock.t += 10; for (const providerId of ['a','b','c'])
        tracker.record({
          providerId, ok: i % 7 !== 0, kind: 'server_error', message: 'failure ' + i,
          ttftMs: 100 + (i % 50), totalMs: 900, tokens: 40, at: clock.t,
        }); } };
      feed(1000); tracker.stats('a'); global.gc(); global.gc();
      const before = process.memoryUsage().heapUsed;
      feed(100000); tracker.stats('a'); global.gc(); global.gc();
      process.stdout.write(String(process.memoryUsage().heapUsed - before));`;
    const growth = Number(execFileSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' }));
    assert.ok(Number.isFinite(growth));
    assert.ok(growth < 1_000_000, `heap grew by ${growth} bytes`);
  });
});
