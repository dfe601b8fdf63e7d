import * as assert from 'node:assert/strict';
import { backoffDelay, cooldownFrom } from '../../../../src/resilience/backoff';
import { RetryBudget } from '../../../../src/resilience/retryBudget';

describe('RetryBudget', () => {
  it('always allows minPerWindow extras in a quiet window, then refuses', () => {
    const clock = { t: 0 };
    const budget = new RetryBudget({ ratio: 0.1, windowMs: 10_000, minPerWindow: 3, now: () => clock.t });
    budget.recordRequest();
    assert.deepEqual(
      [budget.tryAcquire(), budget.tryAcquire(), budget.tryAcquire(), budget.tryAcquire()],
      [true, true, true, false],
    );
    assert.deepEqual(budget.stats(), { requests: 1, extras: 3, allowed: 3 });
    clock.t += 10_000;
    assert.equal(budget.tryAcquire(), true, 'spent extras leave the sliding window');
  });

  it('keeps extras within ratio of requests (+ minPerWindow) under 100% failure', () => {
    const clock = { t: 0 };
    const budget = new RetryBudget({ ratio: 0.1, windowMs: 10_000, minPerWindow: 3, now: () => clock.t });
    let requests = 0;
    let extras = 0;
    // 60 s of traffic, 20 chats per second, every attempt fails and wants 3 more tries.
    for (let ms = 0; ms < 60_000; ms += 50) {
      clock.t = ms;
      budget.recordRequest();
      requests++;
      for (let retry = 0; retry < 3; retry++) if (budget.tryAcquire()) extras++;
      const s = budget.stats();
      assert.ok(s.extras <= Math.max(3, 0.1 * s.requests), `window: ${s.extras} extras for ${s.requests} requests`);
    }
    assert.ok(extras <= 0.1 * requests + 3 * 6, `${extras} extras for ${requests} requests`);
    assert.ok(extras >= 0.09 * requests, 'the budget is actually usable');
  });
});

describe('backoff', () => {
  it('grows exponentially with jitter in [cap/2, cap] and stays under maxMs', () => {
    const opts = { baseMs: 200, maxMs: 5000 };
    assert.deepEqual([0, 1, 2, 3].map((a) => backoffDelay(a, opts, () => 0)), [100, 200, 400, 800]);
    assert.deepEqual([0, 1, 2, 3].map((a) => backoffDelay(a, opts, () => 0.999999)), [200, 400, 800, 1600]);
    assert.equal(backoffDelay(10, opts, () => 0.999999), 5000);
    assert.equal(backoffDelay(1000, opts, () => 0.5), 3750);
    for (let i = 0; i < 100; i++) {
      const d = backoffDelay(4, opts);
      assert.ok(d >= 1600 && d <= 3200, String(d));
    }
  });

  it('turns retry-after into a cooldown end', () => {
    assert.equal(cooldownFrom(2000, 1_000_000), 1_002_000);
    assert.equal(cooldownFrom(undefined, 1_000_000), undefined);
    assert.equal(cooldownFrom(0, 1_000_000), undefined);
    assert.equal(cooldownFrom(NaN, 1_000_000), undefined);
  });
});
