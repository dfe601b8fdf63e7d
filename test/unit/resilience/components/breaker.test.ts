import * as assert from 'node:assert/strict';
import type { BreakerState } from '../../../../src/resilience/api';
import { ProviderBreaker, type BreakerOptions } from '../../../../src/resilience/breaker';

function setup(opts: Partial<BreakerOptions> = {}) {
  const clock = { t: 1_000_000 };
  const breaker = new ProviderBreaker({ now: () => clock.t, cooldownMs: 30_000, ...opts });
  const changes: BreakerState[] = [];
  breaker.onStateChange((s) => changes.push(s));
  const failTimes = (n: number, allowOpen = true) => {
    for (let i = 0; i < n; i++) breaker.onFailure(allowOpen);
  };
  return { clock, breaker, changes, failTimes };
}

describe('ProviderBreaker', () => {
  it('opens after N consecutive failures and rejects until the cooldown ends', () => {
    const { clock, breaker, failTimes } = setup({ consecutiveFailures: 3 });
    failTimes(2);
    assert.equal(breaker.state, 'closed');
    assert.equal(breaker.tryAcquire(), true);
    breaker.onFailure();
    assert.equal(breaker.state, 'open');
    assert.equal(breaker.openUntil, clock.t + 30_000);
    assert.equal(breaker.tryAcquire(), false);
    assert.equal(breaker.isUsable(), false);
    clock.t += 29_999;
    assert.equal(breaker.state, 'open');
  });

  it('a success breaks the failure streak', () => {
    const { breaker, failTimes } = setup({ consecutiveFailures: 3, minRequests: 100 });
    failTimes(2);
    breaker.onSuccess();
    failTimes(2);
    assert.equal(breaker.state, 'closed');
  });

  it('opens on the failure rate once enough requests are in the window', () => {
    const { breaker } = setup({ consecutiveFailures: 100, failureRate: 0.5, minRequests: 10, windowMs: 60_000 });
    for (let i = 0; i < 4; i++) {
      breaker.onSuccess();
      breaker.onFailure();
    }
    assert.equal(breaker.state, 'closed', '8 requests are under minRequests');
    breaker.onSuccess();
    breaker.onFailure(); // 5 of 10
    assert.equal(breaker.state, 'open');

    const aged = setup({ consecutiveFailures: 100, minRequests: 10, windowMs: 60_000 });
    for (let i = 0; i < 5; i++) {
      aged.breaker.onFailure();
      aged.breaker.onSuccess();
    }
    aged.clock.t += 61_000;
    for (let i = 0; i < 5; i++) aged.breaker.onSuccess();
    aged.breaker.onFailure();
    assert.equal(aged.breaker.state, 'closed', 'old failures left the window');
  });

  it('allows exactly one half-open probe after the cooldown, then closes on success', () => {
    const { clock, breaker, changes, failTimes } = setup({ consecutiveFailures: 2 });
    failTimes(2);
    clock.t += 30_000;
    assert.equal(breaker.state, 'half_open');
    assert.equal(breaker.openUntil, undefined);
    assert.equal(breaker.isUsable(), true);
    assert.equal(breaker.tryAcquire(), true);
    assert.equal(breaker.tryAcquire(), false, 'a second concurrent probe is refused');
    assert.equal(breaker.isUsable(), false);
    breaker.onSuccess();
    assert.equal(breaker.state, 'closed');
    assert.equal(breaker.tryAcquire(), true);
    assert.equal(breaker.tryAcquire(), true);
    assert.deepEqual(changes, ['open', 'half_open', 'closed']);
  });

  it('reopens with a fresh cooldown when the probe fails', () => {
    const { clock, breaker, changes, failTimes } = setup({ consecutiveFailures: 2 });
    failTimes(2);
    clock.t += 30_000;
    assert.equal(breaker.tryAcquire(), true);
    breaker.onFailure();
    assert.equal(breaker.state, 'open');
    assert.equal(breaker.openUntil, clock.t + 30_000);
    clock.t += 30_000;
    assert.equal(breaker.tryAcquire(), true, 'a new probe after the new cooldown');
    assert.deepEqual(changes, ['open', 'half_open', 'open', 'half_open']);
  });

  it('release() frees a claimed probe without an outcome', () => {
    const { clock, breaker, failTimes } = setup({ consecutiveFailures: 1 });
    failTimes(1);
    clock.t += 30_000;
    assert.equal(breaker.tryAcquire(), true);
    breaker.release();
    assert.equal(breaker.state, 'half_open');
    assert.equal(breaker.tryAcquire(), true);
  });

  it('never opens when allowOpen is false (last usable provider)', () => {
    const { clock, breaker, changes, failTimes } = setup({ consecutiveFailures: 2, minRequests: 2 });
    failTimes(50, false);
    assert.equal(breaker.state, 'closed');
    assert.equal(breaker.tryAcquire(), true);
    breaker.onFailure(true);
    assert.equal(breaker.state, 'open', 'the next allowed failure opens it');
    clock.t += 30_000;
    assert.equal(breaker.tryAcquire(), true);
    breaker.onFailure(false);
    assert.equal(breaker.state, 'half_open', 'a failed probe of the last provider does not reopen');
    assert.equal(breaker.tryAcquire(), true, 'and the next probe may go');
    assert.deepEqual(changes, ['open', 'half_open']);
  });

  it('isolate() holds it open until reset(), which clears the history', () => {
    const { clock, breaker, changes, failTimes } = setup({ consecutiveFailures: 3 });
    failTimes(2);
    breaker.isolate();
    assert.equal(breaker.state, 'isolated');
    assert.equal(breaker.tryAcquire(), false);
    clock.t += 10 * 60_000;
    breaker.onSuccess();
    assert.equal(breaker.state, 'isolated');
    breaker.reset();
    assert.equal(breaker.state, 'closed');
    failTimes(2);
    assert.equal(breaker.state, 'closed', 'the streak restarted at reset');
    assert.deepEqual(changes, ['isolated', 'closed']);
  });
});
