import * as assert from 'node:assert/strict';
import { readTelemetrySettings } from '../../../src/config/telemetrySettings';
import { TeamTelemetry } from '../../../src/telemetry/teamTelemetry';
import { KEY, Servers, engineFor, providerFor, run } from '../resilience/engine/harness';
import { OtlpReceiver } from './otlpReceiver';

interface KeyValue {
  key: string;
  value: { stringValue?: string; boolValue?: boolean; intValue?: number | string; doubleValue?: number };
}
interface DataPoint {
  attributes: KeyValue[];
  asDouble?: number;
  asInt?: number | string;
  count?: number | string;
  sum?: number;
}
interface Metric {
  name: string;
  unit?: string;
  sum?: { dataPoints: DataPoint[] };
  histogram?: { dataPoints: DataPoint[] };
}

const attrs = (p: { attributes: KeyValue[] }) =>
  Object.fromEntries(p.attributes.map((a) => [a.key, a.value.stringValue ?? a.value.boolValue ?? a.value.intValue]));
const value = (p: DataPoint) => Number(p.asDouble ?? p.asInt ?? 0);

/** Every metric of every export, decoded from OTLP/JSON. */
function metricsOf(r: OtlpReceiver): Metric[] {
  type Body = { resourceMetrics: { scopeMetrics: { metrics: Metric[] }[] }[] };
  return r.received
    .filter((x) => x.path === '/v1/metrics')
    .flatMap((x) => (x.body as Body).resourceMetrics.flatMap((rm) => rm.scopeMetrics.flatMap((sm) => sm.metrics)));
}

describe('team telemetry: OTLP/HTTP export to a loopback collector', () => {
  const servers = new Servers();
  let receiver: OtlpReceiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    await servers.closeAll();
  });

  it('exports per-provider metrics and failover events, and nothing of prompts, answers, messages or keys', async () => {
    receiver = await OtlpReceiver.start();
    const a = (await servers.start('anthropic')).script({
      fault: { type: 'status', status: 529, message: 'overloaded FAKEKEY-echo' },
    });
    const b = (await servers.start('openai')).setDefault({
      text: 'the secret answer',
      usageCounts: { inputTokens: 100, cachedInputTokens: 64 },
    });
    const { engine } = engineFor([
      providerFor(a, 'a', { model: 'claude-x' }),
      providerFor(b, 'b', { model: 'gpt-4o-mini' }),
    ]);
    const models: Record<string, string> = { a: 'claude-x', b: 'gpt-4o-mini' };
    const telemetry = new TeamTelemetry({
      endpoint: `${receiver.origin}/`,
      events: engine.onEvent,
      modelOf: (id) => models[id],
      exportIntervalMs: 3_600_000,
    });
    const r = await run(engine, { messages: [{ role: 'user', content: 'my secret prompt' }] });
    assert.equal(r.text, 'the secret answer');
    await telemetry.flush();
    await telemetry.shutdown();
    engine.dispose();

    assert.ok(
      receiver.received.every((x) => /json/.test(x.contentType)),
      'OTLP over HTTP/JSON',
    );
    const byName = new Map(metricsOf(receiver).map((m) => [m.name, m]));
    const ttft = byName.get('switchboard.first_token.duration')?.histogram?.dataPoints ?? [];
    assert.equal(ttft.length, 1);
    assert.deepEqual(attrs(ttft[0]), { provider: 'b', model: 'gpt-4o-mini' });
    assert.equal(Number(ttft[0].count), 1);
    assert.equal(byName.get('switchboard.first_token.duration')?.unit, 'ms');

    const errors = byName.get('switchboard.errors')?.sum?.dataPoints ?? [];
    assert.deepEqual(
      errors.map((p) => [attrs(p), value(p)]),
      [[{ provider: 'a', model: 'claude-x', kind: 'overloaded', mid_stream: false }, 1]],
    );
    const failovers = byName.get('switchboard.failovers')?.sum?.dataPoints ?? [];
    assert.deepEqual(
      failovers.map((p) => [attrs(p), value(p)]),
      [[{ from: 'a', to: 'b', kind: 'overloaded', mid_stream: false }, 1]],
    );
    const attempts = byName.get('switchboard.attempts')?.sum?.dataPoints ?? [];
    assert.equal(
      attempts.reduce((n, p) => n + value(p), 0),
      2,
    );
    const tokens = byName.get('switchboard.tokens')?.sum?.dataPoints ?? [];
    assert.deepEqual(tokens.map((p) => [attrs(p).type, value(p)]).sort(), [
      ['cached_input', 64],
      ['input', 100],
      ['output', 3],
    ]);
    const cost = byName.get('switchboard.cost');
    assert.equal(cost?.unit, 'USD');
    const expected = (36 * 0.15 + 64 * 0.075 + 3 * 0.6) / 1e6;
    assert.equal(value(cost?.sum?.dataPoints[0] as DataPoint).toFixed(10), expected.toFixed(10));
    const chats = byName.get('switchboard.chats')?.sum?.dataPoints ?? [];
    assert.deepEqual(chats.map(attrs), [{ outcome: 'answered' }]);

    type Logs = {
      resourceLogs: {
        resource: { attributes: KeyValue[] };
        scopeLogs: { logRecords: { attributes: KeyValue[] }[] }[];
      }[];
    };
    const logs = receiver.received.filter((x) => x.path === '/v1/logs').flatMap((x) => (x.body as Logs).resourceLogs);
    const records = logs.flatMap((rl) => rl.scopeLogs.flatMap((sl) => sl.logRecords));
    assert.deepEqual(records.map(attrs), [{ from: 'a', to: 'b', kind: 'overloaded', mid_stream: false }]);
    assert.equal(attrs(logs[0].resource)['service.name'], 'switchboard');

    const all = receiver.text();
    for (const secret of ['my secret prompt', 'the secret answer', 'FAKEKEY', KEY, 'overloaded FAKEKEY-echo']) {
      assert.ok(!all.includes(secret), `exported data must not contain "${secret.slice(0, 12)}…"`);
    }
  });

  it('sends nothing anywhere but the configured endpoint, and nothing before it is started', async () => {
    receiver = await OtlpReceiver.start();
    const s = await servers.start('openai');
    const { engine } = engineFor([providerFor(s, 'p')]);
    await run(engine);
    assert.equal(receiver.received.length, 0);
    const telemetry = new TeamTelemetry({
      endpoint: receiver.origin,
      events: engine.onEvent,
      modelOf: () => 'm',
      exportIntervalMs: 3_600_000,
    });
    await run(engine);
    await telemetry.shutdown();
    engine.dispose();
    assert.deepEqual([...new Set(receiver.received.map((x) => x.path))].sort(), ['/v1/metrics']);
  });
});

describe('team telemetry settings', () => {
  it('is off by default, and on only with an http(s) endpoint; otherwise it says what to set', () => {
    assert.deepEqual(
      readTelemetrySettings(() => undefined),
      {},
    );
    const on = (endpoint: unknown) => readTelemetrySettings((k) => (k === 'telemetry.otlp.enabled' ? true : endpoint));
    assert.deepEqual(on(' http://127.0.0.1:4318 '), { endpoint: 'http://127.0.0.1:4318' });
    assert.match(on('').problem ?? '', /no endpoint is set: set "switchboard.telemetry.otlp.endpoint"/);
    assert.match(on('collector:4318').problem ?? '', /"collector:4318" is not an http\(s\) URL/);
    assert.equal(on('file:///etc/passwd').endpoint, undefined);
  });
});
