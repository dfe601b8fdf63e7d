import * as assert from 'node:assert/strict';
import { HealthTracker } from '../../../../src/resilience/health';
import type { AttemptSample } from '../../../../src/resilience/health';

function setup(opts: ConstructorParameters<typeof HealthTracker>[0] = {}) {
  const clock = { t: 1_000_000 };
  const tracker = new HealthTracker({ now: () => clock.t, ...opts });
  const ok = (providerId: string, ttftMs: number, extra: Partial<AttemptSample> = {}) =>
    tracker.record({ providerId, ok: true, ttftMs, totalMs: ttftMs + 1000, tokens: 50, at: clock.t, ...extra });
  const fail = (providerId: string, extra: Partial<AttemptSample> = {}) =>
    tracker.record({ providerId, ok: false, kind: 'server_error', message: 'boom', at: clock.t, ...extra });
  return { clock, tracker, ok, fail };
}

describe('HealthTracker', () => {
  it('reports window percentiles, error rate, throughput and the last error', () => {
    const { tracker, ok, fail } = setup();
    for (let i = 1; i <= 20; i++) ok('a', i * 10, { meanGapMs: i, maxGapMs: i * 3 });
    fail('a', { kind: 'rate_limited', message: 'slow down', rateLimit: { remainingRequests: 0 } });
    const s = tracker.stats('a');
    assert.equal(s.ttft.p50, 100);
    assert.equal(s.ttft.p95, 190);
    assert.equal(s.interTokenGap.p50, 10);
    assert.equal(s.maxInterTokenGapMs, 60);
    assert.equal(s.requests, 21);
    assert.equal(s.errorRate, 1 / 21);
    assert.equal(s.consecutiveFailures, 1);
    assert.equal(s.tokensPerSec, 50); // 50 tokens per 1000 ms after the first token
    assert.deepEqual(s.rateLimit, { remainingRequests: 0 });
    assert.equal(s.lastError?.kind, 'rate_limited');
    assert.equal(s.lastError?.message, 'slow down');
    assert.equal(tracker.stats('unknown').requests, 0);
  });

  it('forgets samples that age out of the window', () => {
    const { clock, tracker, ok, fail } = setup({ windowMs: 60_000 });
    fail('a');
    fail('a');
    clock.t += 30_000;
    ok('a', 100);
    assert.equal(tracker.stats('a').requests, 3);
    clock.t += 30_000;
    assert.equal(tracker.stats('a').requests, 1);
    assert.equal(tracker.stats('a').errorRate, 0);
  });

  it('does not count cancelled attempts as failures', () => {
    const { tracker, ok, fail } = setup();
    ok('a', 100);
    fail('a', { kind: 'cancelled' });
    const s = tracker.stats('a');
    assert.equal(s.errorRate, 0);
    assert.equal(s.requests, 1);
    assert.equal(s.consecutiveFailures, 0);
    assert.equal(s.lastError, undefined);
  });

  it('is degraded when the error rate passes the threshold, with enough samples', () => {
    const { tracker, ok, fail } = setup();
    fail('a');
    fail('a');
    assert.equal(tracker.isDegraded('a'), false, 'two samples are not enough');
    for (let i = 0; i < 8; i++) ok('a', 100);
    assert.equal(tracker.isDegraded('a'), false, '2/10 = 0.2 is not over 0.2');
    fail('a');
    assert.equal(tracker.isDegraded('a'), true, '3/11 is over 0.2');
    assert.equal(tracker.isDegraded('nobody'), false);
  });

  it('is degraded when recent TTFT is well over its own baseline, and adapts to a new normal', () => {
    const { tracker, ok } = setup();
    for (let i = 0; i < 30; i++) ok('a', 100);
    assert.equal(tracker.isDegraded('a'), false);
    for (let i = 0; i < 6; i++) ok('a', 500);
    assert.equal(tracker.isDegraded('a'), true);
    for (let i = 0; i < 60; i++) ok('a', 500);
    assert.equal(tracker.isDegraded('a'), false, 'a sustained level becomes the baseline');
    const slowFromStart = setup();
    for (let i = 0; i < 20; i++) slowFromStart.ok('b', 900);
    assert.equal(slowFromStart.tracker.isDegraded('b'), false);
  });

  it('orders expected TTFT by latency, penalised by errors', () => {
    const { tracker, ok, fail } = setup();
    assert.equal(tracker.expectedTtft('a'), undefined);
    for (let i = 0; i < 10; i++) ok('fast', 100);
    for (let i = 0; i < 10; i++) ok('slow', 300);
    for (let i = 0; i < 10; i++) ok('flaky', 150);
    for (let i = 0; i < 10; i++) fail('flaky');
    const e = (id: string) => tracker.expectedTtft(id)!;
    assert.equal(e('fast'), 100);
    assert.equal(e('flaky'), 300); // 150 / (1 - 0.5)
    assert.ok(e('fast') < e('slow'));
    for (let i = 0; i < 10; i++) fail('flaky');
    assert.ok(e('flaky') > e('slow'), 'a provider failing 2/3 of the time ranks behind a slow one');
  });

  it('clamps the hedge delay to [floor, cap] and uses the cap without data', () => {
    const { tracker, ok } = setup();
    assert.equal(tracker.hedgeDelay('a', 200, 3000), 3000);
    for (let i = 1; i <= 19; i++) ok('a', 100);
    assert.equal(tracker.hedgeDelay('a', 200, 3000), 3000, 'the cap until 20 samples are known');
    tracker.forget('a');
    for (let i = 1; i <= 100; i++) ok('a', i * 10);
    // The real tail: max(p95 = 950, 2 x median = 1000).
    assert.equal(tracker.hedgeDelay('a', 200, 3000), 1000);
    assert.equal(tracker.hedgeDelay('a', 200, 600), 600);
    assert.equal(tracker.hedgeDelay('a', 2000, 3000), 2000);
  });

  it('emits onDidRecord and forgets a provider', () => {
    const { tracker, ok } = setup();
    const seen: string[] = [];
    tracker.onDidRecord((id) => seen.push(id));
    ok('a', 100);
    ok('b', 100);
    assert.deepEqual(seen, ['a', 'b']);
    tracker.forget('a');
    assert.equal(tracker.stats('a').requests, 0);
    assert.equal(tracker.expectedTtft('a'), undefined);
    assert.equal(tracker.stats('b').requests, 1);
  });
});
