import * as assert from 'node:assert/strict';
import { remainingText } from '../../../src/core/status';
import type { ProviderHealth } from '../../../src/resilience/api';
import { providerStatus } from '../../../src/presentation/providerStatus';
import { statusView } from '../../../src/presentation/statusModel';
import { toCard } from '../../../src/dashboard/dashboardModel';
import { buildReport } from '../../../src/presentation/report';
import { ReliabilityRecorder } from '../../../src/presentation/recorder';

const h = (id: string, state: ProviderHealth['state'], extra: Partial<ProviderHealth> = {}): ProviderHealth => ({
  id,
  label: id.toUpperCase(),
  model: 'm',
  protocol: 'openai',
  trust: 'cloud',
  enabled: true,
  state,
  breaker: state === 'open' ? 'open' : 'closed',
  ttft: { p50: 420, p95: 900 },
  interTokenGap: {},
  totalMs: {},
  errorRate: 0,
  requests: 10,
  ...extra,
});
const NOW = Date.parse('2026-11-29T10:00:00Z');
const last = (id: string) => ({ providerId: id, label: id.toUpperCase(), at: NOW - 1000 });

describe('status bar model', () => {
  it('shows who answered the last chat, with its median first-token time', () => {
    const v = statusView({
      health: [h('openai', 'healthy'), h('anthropic', 'healthy')],
      policy: 'priority',
      lastAnswer: last('anthropic'),
      now: NOW,
    });
    assert.equal(v.text, '$(pass-filled) ANTHROPIC 420 ms');
    assert.equal(v.severity, 'ok');
    assert.match(v.tooltip, /routing: automatic \(my order\)/);
    assert.match(v.tooltip, /Last answer: \*\*ANTHROPIC\*\*/);
    assert.match(v.tooltip, /\| \*\*ANTHROPIC\*\* \| healthy \| 420 ms \/ 900 ms \| 0% \| closed \|/);
    assert.match(v.tooltip, /command:switchboard\.openDashboard/);
  });

  it('says "starting" until the first health is known, not "no provider"', () => {
    const v = statusView({ health: [], policy: 'priority', starting: true, now: NOW });
    assert.equal(v.text, '$(sync~spin) Switchboard: starting');
    assert.equal(v.severity, 'ok');
    assert.match(v.tooltip, /waits for it/);
    const started = statusView({ health: [], policy: 'priority', now: NOW });
    assert.equal(started.text, '$(circle-slash) Switchboard: no provider');
  });

  it('before any answer, names the provider that would answer', () => {
    const v = statusView({ health: [h('openai', 'healthy'), h('anthropic', 'healthy')], policy: 'priority', now: NOW });
    assert.equal(v.text, '$(pass-filled) OPENAI 420 ms');
    assert.match(v.tooltip, /No answer yet/);
  });

  it('warns when a provider degrades, with the time left in the state, and errors when none is usable', () => {
    const warn = statusView({ health: [h('openai', 'cooling_down', { cooldownUntil: NOW + 12_000, errorRate: 0.4 }), h('cohere', 'healthy')], policy: 'priority', now: NOW });
    assert.equal(warn.severity, 'warning');
    assert.match(warn.text, /COHERE/);
    assert.match(warn.tooltip, /\| OPENAI \| cooling down, 12 s left \| 420 ms \/ 900 ms \| 40% \| closed \|/);
    const down = statusView({
      health: [
        h('openai', 'open'),
        h('cohere', 'misconfigured', { lastError: { kind: 'auth', message: 'x', at: NOW } }),
      ],
      policy: 'priority',
      now: NOW,
    });
    assert.equal(down.severity, 'error');
    assert.match(down.tooltip, /\| OPENAI \| down \(breaker open\) \|.*\| open \|/);
    assert.match(down.tooltip, /\| COHERE \| needs attention \(key rejected\) \|/);
  });

  it('a fire drill is its own state: the breaker row still says closed, and the drill and its time left are named', () => {
    const v = statusView({
      health: [h('openai', 'open', { breaker: 'closed', simulatedOutageUntil: NOW + 240_000 }), h('cohere', 'healthy')],
      policy: 'fastest',
      lastAnswer: last('cohere'),
      now: NOW,
    });
    assert.equal(v.text, '$(pass-filled) COHERE 420 ms $(flame)');
    assert.match(v.tooltip, /routing: automatic \(fastest\) — \$\(flame\) fire drill: OPENAI/);
    assert.match(v.tooltip, /\| OPENAI \| fire drill, 4 min left \| .* \| closed \|/);
    assert.equal(v.severity, 'warning');
  });

  it('pinned to a failing provider: shows the pin, its state and who answered instead, never as if it answered', () => {
    const health = [
      h('openai', 'open', { breaker: 'closed', simulatedOutageUntil: NOW + 60_000 }),
      h('cohere', 'healthy'),
    ];
    const v = statusView({ health, policy: 'pinned', pinned: 'openai', lastAnswer: last('cohere'), now: NOW });
    assert.equal(v.text, '$(flame) OPENAI $(pinned) $(arrow-right) COHERE 420 ms');
    assert.equal(v.severity, 'warning');
    assert.match(v.tooltip, /routing: pinned to OPENAI/);
    assert.match(v.tooltip, /Pinned OPENAI is fire drill, 1 min left: other providers answer/);
    const ok = statusView({
      health: [h('openai', 'healthy'), h('cohere', 'healthy')],
      policy: 'pinned',
      pinned: 'openai',
      lastAnswer: last('openai'),
      now: NOW,
    });
    assert.equal(ok.text, '$(pass-filled) OPENAI 420 ms $(pinned)');
    assert.equal(ok.severity, 'ok');
  });

  it('pinned to a provider without a key: says so and links Set API Key; keyless providers are listed', () => {
    const v = statusView({
      health: [h('demo', 'healthy')],
      policy: 'pinned',
      pinned: 'openai',
      missingKeys: [{ id: 'openai', label: 'OpenAI' }],
      lastAnswer: last('demo'),
      now: NOW,
    });
    assert.equal(v.text, '$(key) OpenAI $(pinned) $(arrow-right) DEMO 420 ms');
    assert.equal(v.severity, 'warning');
    assert.match(v.tooltip, /Pinned OpenAI has no API key: other providers answer\. \[Set API Key\]\(command:switchboard\.setApiKey\)/);
    assert.match(v.tooltip, /\| OpenAI \$\(pinned\) \| no API key \|/);
  });
});

describe('one state per provider, the same words on every surface', () => {
  const cases: [string, ProviderHealth, string][] = [
    [
      'fire drill',
      h('a', 'open', { breaker: 'closed', simulatedOutageUntil: NOW + 125_000 }),
      'fire drill, 2 min 5 s left',
    ],
    ['open breaker', h('a', 'open'), 'down (breaker open)'],
    ['isolated', h('a', 'open', { breaker: 'isolated' }), 'isolated until reset'],
    ['half-open', h('a', 'degraded', { breaker: 'half_open' }), 'testing recovery'],
    ['cooldown', h('a', 'cooling_down', { cooldownUntil: NOW + 12_001 }), 'cooling down, 13 s left'],
    ['disabled', h('a', 'healthy', { enabled: false }), 'disabled'],
  ];
  for (const [name, health, words] of cases) {
    it(`${name}: status bar tooltip, dashboard card and report agree ("${words}")`, () => {
      assert.equal(providerStatus(health, NOW).text, words);
      assert.ok(statusView({ health: [health], policy: 'priority', now: NOW }).tooltip.includes(`| ${words} |`));
      const card = toCard(health, NOW);
      assert.equal(card.status, providerStatus(health, NOW).kind);
      assert.equal(buildReport([health], new ReliabilityRecorder(), NOW).providers[0].state, words);
    });
  }

  it('formats the time left', () => {
    assert.equal(remainingText(12_001), '13 s');
    assert.equal(remainingText(-5), '0 s');
    assert.equal(remainingText(125_000), '2 min 5 s');
    assert.equal(remainingText(240_000), '4 min');
  });
});
