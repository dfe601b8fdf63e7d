import * as assert from 'node:assert/strict';
import type { ProviderHealth } from '../../../src/resilience/api';
import { statusView } from '../../../src/presentation/statusModel';

const h = (id: string, state: ProviderHealth['state'], extra: Partial<ProviderHealth> = {}): ProviderHealth => ({
  id, label: id.toUpperCase(), model: 'm', protocol: 'openai', trust: 'cloud', enabled: true, state, breaker: state === 'open' ? 'open' : 'closed',
  ttft: { p50: 420, p95: 900 }, interTokenGap: {}, totalMs: {}, errorRate: 0, requests: 10, ...extra,
});

describe('status bar model', () => {
  it('shows the answering provider with its median first-token time', () => {
    const v = statusView([h('openai', 'healthy'), h('anthropic', 'healthy')], 'anthropic', 'priority');
    assert.equal(v.text, '$(pass-filled) ANTHROPIC 420 ms');
    assert.equal(v.severity, 'ok');
    assert.match(v.tooltip, /\| \*\*ANTHROPIC\*\* \| healthy \| 420 ms \/ 900 ms \| 0% \| closed \| — \|/);
    assert.match(v.tooltip, /command:switchboard\.openDashboard/);
  });

  it('warns when a provider degrades and errors when none is usable', () => {
    const now = Date.now();
    const warn = statusView([h('openai', 'cooling_down', { cooldownUntil: now + 12_000, errorRate: 0.4 }), h('cohere', 'healthy')], undefined, 'priority', now);
    assert.equal(warn.severity, 'warning');
    assert.match(warn.text, /COHERE/);
    assert.match(warn.tooltip, /cooling down \| 420 ms \/ 900 ms \| 40% \| closed \| 12 s \|/);
    const down = statusView([h('openai', 'open'), h('cohere', 'misconfigured')], undefined, 'priority', now);
    assert.equal(down.severity, 'error');
    assert.match(down.tooltip, /down \(breaker open\)/);
  });

  it('marks an active fire drill', () => {
    const now = Date.now();
    const v = statusView([h('openai', 'open', { simulatedOutageUntil: now + 60_000 }), h('cohere', 'healthy')], undefined, 'fastest', now);
    assert.match(v.text, /\$\(flame\)/);
    assert.match(v.tooltip, /fire drill active/);
    assert.equal(v.severity, 'warning');
  });
});
