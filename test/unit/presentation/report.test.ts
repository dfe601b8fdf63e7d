import * as assert from 'node:assert/strict';
import type { ProviderHealth } from '../../../src/resilience/api';
import { ReliabilityRecorder } from '../../../src/presentation/recorder';
import { buildReport, reportMarkdown } from '../../../src/presentation/report';

describe('reliability report', () => {
  it('counts attempts, failovers and incidents per provider', () => {
    const rec = new ReliabilityRecorder();
    const at = Date.parse('2026-11-24T10:00:00Z');
    rec.record({ type: 'attempt_started', chatId: 'c', providerId: 'a', attempt: 1, hedge: false, at });
    rec.record({ type: 'attempt_failed', chatId: 'c', providerId: 'a', kind: 'overloaded', message: 'x', streamed: false, at });
    rec.record({ type: 'fell_back', chatId: 'c', from: 'a', to: 'b', kind: 'overloaded', at });
    rec.record({ type: 'attempt_started', chatId: 'c', providerId: 'b', attempt: 2, hedge: false, at });
    rec.record({ type: 'first_token', chatId: 'c', providerId: 'b', ttftMs: 100, at });
    rec.record({ type: 'chat_completed', chatId: 'c', providerId: 'b', attempts: 2, at });
    const health = ['a', 'b'].map(
      (id): ProviderHealth => ({ id, label: id, model: 'm', protocol: 'openai', trust: 'cloud', enabled: true, state: 'healthy', breaker: 'closed', ttft: { p50: 100, p95: 200 }, interTokenGap: {}, totalMs: {}, errorRate: id === 'a' ? 1 : 0, requests: 1 }),
    );
    const r = buildReport(health, rec, at);
    assert.equal(r.chats, 1);
    assert.equal(r.providers[0].availability, 0);
    assert.equal(r.providers[0].failovers, 1);
    assert.equal(r.providers[1].availability, 1);
    assert.deepEqual(r.incidents.map((i) => i.what), ['attempt failed: overloaded', 'fell back to b (overloaded)']);
    const md = reportMarkdown(r);
    assert.match(md, /\| a \| m \| healthy \| 0% \| 100 ms \| 200 ms \| 100% \| 1 \| 1 \| 0 \|/);
    assert.match(md, /2026-11-24T10:00:00.000Z — a: fell back to b/);
  });

  it('stays bounded however many incidents happen', () => {
    const rec = new ReliabilityRecorder();
    for (let i = 0; i < 5000; i++) rec.record({ type: 'cooldown', providerId: 'a', until: i, at: i });
    assert.equal(rec.incidents.length, 500);
    assert.equal(rec.incidents[499].at, 4999);
  });
});
