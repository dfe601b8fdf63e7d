import * as assert from 'node:assert/strict';
import type { ProviderHealth } from '../../../src/resilience/api';
import { ReliabilityRecorder } from '../../../src/presentation/recorder';
import { buildReport, reportMarkdown } from '../../../src/presentation/report';

describe('reliability report', () => {
  it('counts attempts, failovers and incidents per provider', () => {
    const rec = new ReliabilityRecorder();
    const at = Date.parse('2026-11-24T10:00:00Z');
    rec.record({ type: 'attempt_started', chatId: 'c', providerId: 'a', attempt: 1, hedge: false, at });
    rec.record({
      type: 'attempt_failed',
      chatId: 'c',
      providerId: 'a',
      kind: 'overloaded',
      message: 'x',
      streamed: false,
      at,
    });
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
    assert.match(md, /\| a \| m \| healthy \| 0% \| 100 ms \| 200 ms \| 100% \| 1 \| 1 \| 0 \| 0 \(0\) \| 0 \|/);
    assert.match(md, /2026-11-24T10:00:00.000Z — a: fell back to b/);
  });

  it('counts fire drills and the chats they rerouted, names providers by label, and claims no availability without attempts', () => {
    const rec = new ReliabilityRecorder();
    const at = Date.parse('2026-11-24T10:00:00Z');
    rec.record({ type: 'fire_drill', providerId: 'a', until: at + 300_000, at });
    for (const chatId of ['c1', 'c2', 'c3']) {
      rec.record({ type: 'skipped', chatId, providerId: 'a', reason: 'fire_drill', at });
      rec.record({ type: 'attempt_started', chatId, providerId: 'b', attempt: 1, hedge: false, at });
      rec.record({ type: 'chat_completed', chatId, providerId: 'b', attempts: 1, at });
    }
    rec.record({ type: 'skipped', chatId: 'c4', providerId: 'a', reason: 'cooldown', at });
    rec.record({ type: 'fire_drill', providerId: 'a', until: at + 1000, at: at + 1000 });
    const health = [
      { id: 'a', label: 'Anthropic', state: 'healthy' as const },
      { id: 'b', label: 'OpenAI', state: 'healthy' as const },
    ].map((x): ProviderHealth => ({
      ...x,
      model: 'm',
      protocol: 'openai',
      trust: 'cloud',
      enabled: true,
      breaker: 'closed',
      ttft: {},
      interTokenGap: {},
      totalMs: {},
      errorRate: 0,
      requests: 0,
    }));
    const r = buildReport(health, rec, at + 2000);
    const [a, b] = r.providers;
    assert.equal(a.availability, undefined, 'no attempts: no availability figure');
    assert.deepEqual([a.fireDrills, a.drillReroutes, a.skipped], [1, 3, 1]);
    assert.equal(b.availability, 1);
    const md = reportMarkdown(r);
    assert.match(md, /Fire drills: 1 \(3 chats rerouted\)/);
    assert.match(md, /\| Anthropic \| m \| healthy \| no attempts \| — \| — \| — \| 0 \| 0 \| 0 \| 1 \(3\) \| 1 \|/);
    assert.ok(!/\| Anthropic \|[^\n]*100%/.test(md), 'never 100% for a provider that was not tried');
    assert.match(md, /— Anthropic: fire drill started \(5 min\)/);
    assert.match(md, /— Anthropic: fire drill ended/);
  });

  it("records a chain's moves to another model family and its return, naming providers by label", () => {
    const rec = new ReliabilityRecorder();
    const at = Date.parse('2026-11-24T10:00:00Z');
    const chain = { chatId: 'c', chainId: 'sonnet', chainLabel: 'Claude Sonnet (anywhere)' };
    rec.record({ type: 'chain_moved', ...chain, from: 'a', to: 'b', why: 'A is down (breaker open)', at });
    rec.record({ type: 'chain_back', ...chain, providerId: 'a', at: at + 1000 });
    const health = ['a', 'b'].map(
      (id): ProviderHealth => ({
        ...{ id, label: id.toUpperCase(), model: 'm', protocol: 'openai', trust: 'cloud', enabled: true },
        ...{ state: 'healthy', breaker: 'closed', ttft: {}, interTokenGap: {}, totalMs: {}, errorRate: 0, requests: 0 },
      }),
    );
    const md = reportMarkdown(buildReport(health, rec, at + 2000));
    const moved = 'A: Claude Sonnet \\(anywhere\\) answered by B \\(a different model family\\): A is down \\(breaker open\\)';
    assert.match(md, new RegExp(`2026-11-24T10:00:00.000Z — ${moved}`));
    assert.match(md, /2026-11-24T10:00:01.000Z — A: Claude Sonnet \(anywhere\) is back on it/);
  });

  it('stays bounded however many incidents happen', () => {
    const rec = new ReliabilityRecorder();
    for (let i = 0; i < 5000; i++) rec.record({ type: 'cooldown', providerId: 'a', until: i, at: i });
    assert.equal(rec.incidents.length, 500);
    assert.equal(rec.incidents[499].at, 4999);
  });
});
