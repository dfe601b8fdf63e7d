import * as assert from 'node:assert/strict';
import { HealthTracker } from '../../../../src/resilience/health';
import { orderCandidates } from '../../../../src/resilience/router/order';
import type { EngineSettings } from '../../../../src/resilience/api';

const items = ['a', 'b', 'c', 'd'].map((id) => ({ id }));
const ids = (xs: { id: string }[]) => xs.map((x) => x.id).join('');
type S = Pick<EngineSettings, 'policy' | 'order' | 'pinned' | 'fastTier'>;

describe('router ordering', () => {
  const t = 1_000_000;
  const tracker = () => new HealthTracker({ now: () => t });

  it('priority: settings.order first, then configuration order', () => {
    assert.equal(ids(orderCandidates(items, { policy: 'priority', order: ['c', 'a'] } as S, tracker(), 100)), 'cabd');
  });

  it('fastest: known TTFT ascending, then unknown in order, degraded last', () => {
    const tr = tracker();
    for (let i = 0; i < 5; i++) {
      tr.record({ providerId: 'c', ok: true, ttftMs: 100, at: t });
      tr.record({ providerId: 'd', ok: true, ttftMs: 50, at: t });
      tr.record({ providerId: 'a', ok: false, kind: 'server_error', at: t });
    }
    assert.equal(ids(orderCandidates(items, { policy: 'fastest' } as S, tr, 100)), 'dcba');
  });

  it('pinned first, fast tier for short requests, pinned still first', () => {
    const fastTier = { maxChars: 10, providers: ['d'] };
    assert.equal(ids(orderCandidates(items, { policy: 'pinned', pinned: 'c' } as S, tracker(), 100)), 'cabd');
    assert.equal(ids(orderCandidates(items, { policy: 'priority', fastTier } as S, tracker(), 5)), 'dabc');
    assert.equal(ids(orderCandidates(items, { policy: 'priority', fastTier } as S, tracker(), 50)), 'abcd');
    assert.equal(ids(orderCandidates(items, { policy: 'pinned', pinned: 'b', fastTier } as S, tracker(), 5)), 'bdac');
  });
});
