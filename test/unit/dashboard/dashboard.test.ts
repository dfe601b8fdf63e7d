import * as assert from 'node:assert/strict';
import type { EventRow } from '../../../src/core/protocol';
import { DashboardFeed } from '../../../src/dashboard/dashboardFeed';
import { handleDashboardMessage } from '../../../src/dashboard/dashboardActions';
import { toCard } from '../../../src/dashboard/dashboardModel';
import { captureLog, engineOver, Servers, until } from '../chat/helpers';
import type { Engine } from '../../../src/resilience/api';
import { createSwitchboard } from '../../../src/resilience';

const ask = { messages: [{ role: 'user' as const, content: 'hi' }] };
async function drain(engine: Engine): Promise<void> {
  try {
    for await (const _ of engine.stream(ask)) void _;
  } catch {
    // the failure is what the dashboard should show
  }
}

describe('dashboard feed and actions (real engine over loopback providers)', () => {
  const servers = new Servers();
  let engine: Engine | undefined;
  afterEach(async () => {
    engine?.dispose();
    await servers.closeAll();
  });

  it('logs the failover, charts the first-token time and the failure, and maps health to cards', async () => {
    const a = (await servers.start()).script({ fault: { type: 'status', status: 529 } });
    const b = (await servers.start()).setDefault({ text: 'ok', firstTokenDelayMs: 15 });
    engine = engineOver([{ server: a, id: 'a' }, { server: b, id: 'b' }]);
    const feed = new DashboardFeed(engine, { maxRows: 1 });
    const live: EventRow[] = [];
    feed.onRow((r) => live.push(r));
    await drain(engine);
    const rows = feed.rows();
    assert.ok(live.some((r) => r.kind === 'fell_back' && /from A to B \(overloaded\)/.test(r.text)), JSON.stringify(live));
    assert.ok(live.some((r) => r.kind === 'attempt_failed' && /^A failed: overloaded/.test(r.text)), JSON.stringify(live));
    assert.deepEqual(rows, live.slice(-1), 'keeps only the newest rows');
    const points = feed.points();
    assert.ok(points.some((p) => p.series === 'error' && p.providerId === 'a'));
    const ttft = points.find((p) => p.series === 'ttft' && p.providerId === 'b');
    assert.ok(ttft && ttft.value >= 10, JSON.stringify(points));
    const cards = engine.health().map(toCard);
    assert.deepEqual(cards.map((c) => c.id), ['a', 'b']);
    assert.ok(cards[0].errorRate > 0);
    assert.equal(cards[0].lastError?.kind, 'overloaded');
    assert.ok(cards[1].ttftP50 !== undefined);
    feed.dispose();
  });

  it('names providers by label and states in the shared words: a fire drill reads as one, not as "open"', async () => {
    const a = (await servers.start()).setDefault({ text: 'A.' });
    const b = (await servers.start()).setDefault({ text: 'B.' });
    engine = engineOver([{ server: a, id: 'a' }, { server: b, id: 'b' }]);
    const feed = new DashboardFeed(engine);
    engine.simulateOutage('a', 120_000);
    await drain(engine);
    engine.simulateOutage('a', 0);
    const texts = feed.rows().map((r) => r.text);
    assert.deepEqual(texts, [
      'Fire drill: A fails for 2 min',
      'A: healthy → fire drill',
      'Passed over A (fire drill)',
      'Fire drill on A ended',
      'A: fire drill → healthy',
    ]);
    const card = toCard(engine.health()[0]);
    assert.equal(card.status, 'healthy');
    assert.equal(card.breaker, 'closed');
    feed.dispose();
  });

  it('runs a fire drill from the dashboard, and drops actions for unknown providers', async () => {
    engine = createSwitchboard({ providers: [{ id: 'local', protocol: 'openai', baseURL: 'http://127.0.0.1:9/v1', model: 'm', trust: 'local' }] });
    const log = captureLog();
    const calls: string[] = [];
    const confirmed: string[] = [];
    const deps = {
      engine: engine!,
      ready: () => calls.push('ready'),
      runAction: (a: string) => calls.push(a),
      confirm: (m: string) => confirmed.push(m),
      log,
    };
    assert.equal(handleDashboardMessage({ type: 'provider', action: 'drill', providerId: 'local' }, deps), true);
    await until(() => (engine!.health()[0].simulatedOutageUntil ?? 0) > Date.now());
    assert.equal(handleDashboardMessage({ type: 'provider', action: 'endDrill', providerId: 'local' }, deps), true);
    assert.ok(!((engine.health()[0].simulatedOutageUntil ?? 0) > Date.now()));
    assert.equal(handleDashboardMessage({ type: 'provider', action: 'reset', providerId: 'nope' }, deps), false);
    assert.equal(handleDashboardMessage({ type: 'provider', action: 'rm', providerId: 'local' }, deps), false);
    assert.equal(handleDashboardMessage({ type: 'ready' }, deps), true);
    assert.deepEqual(calls, ['ready']);
    assert.deepEqual(confirmed, ['Fire drill: LOCAL fails for 30 s. The next answers come from other providers, with a notice.', 'The fire drill on LOCAL ended.'].map((m) => m.replace(/LOCAL/, engine!.health()[0].label)));
  });
});
