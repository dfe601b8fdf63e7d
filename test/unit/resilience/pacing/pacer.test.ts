import * as assert from 'node:assert/strict';
import { ProviderPacer } from '../../../../src/resilience/pacing/pacer';

describe('pacer: the rule', () => {
  const T = Date.UTC(2026, 0, 1);

  it('counts requests sent since the last report against the reported remainder', () => {
    const p = new ProviderPacer();
    p.headers(p.start(T), { limitRequests: 10, remainingRequests: 2, resetRequestsAt: T + 60_000 });
    assert.equal(p.hold(T, undefined, true), undefined);
    p.start(T + 1);
    p.start(T + 2);
    assert.equal(p.hold(T + 3, undefined, true)?.until, T + 60_000, 'two sent since the report used the two left');
    assert.equal(p.hold(T + 3, undefined, false), undefined, 'reported headroom can be switched off');
  });

  it('after the reset the window refills to the limit, and chats released at once cannot overrun it', () => {
    const p = new ProviderPacer();
    p.headers(p.start(T), { limitRequests: 2, remainingRequests: 0, resetRequestsAt: T + 60_000 });
    assert.equal(p.hold(T + 59_999, undefined, true)?.reason, 'pacing');
    const after = T + 60_001;
    assert.equal(p.hold(after, undefined, true), undefined);
    p.start(after);
    p.start(after);
    const held = p.hold(after, undefined, true);
    assert.equal(held?.reason, 'pacing', 'the third request of the refilled window waits');
    assert.ok((held?.until ?? 0) > after, 'until the headers of the new window arrive');
  });

  it('holds when the reported tokens do not cover the expected size of one more request', () => {
    const p = new ProviderPacer();
    const t = p.start(T);
    p.usage(t, 800);
    p.headers(t, { limitTokens: 10_000, remainingTokens: 700, resetTokensAt: T + 10_000 });
    assert.match(p.hold(T + 1, undefined, true)?.detail ?? '', /no token headroom left/);
    assert.equal(p.low(T + 1, undefined, true, 0.1), true);
  });
});
