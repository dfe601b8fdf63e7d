import * as assert from 'node:assert/strict';
import {
  appendPart,
  describeRejected,
  LIMITS,
  parseChatMessage,
  parseDashboardMessage,
  type TurnPart,
} from '../../../src/core/protocol';

describe('webview protocol validators', () => {
  it('accepts every well-formed chat message', () => {
    const ok = [
      { type: 'ready' },
      { type: 'send', text: 'hello' },
      { type: 'stop' },
      { type: 'newChat' },
      { type: 'continue', turnId: 'a3' },
      { type: 'code', action: 'apply', code: 'x = 1' },
      { type: 'code', action: 'copy', code: '' },
      { type: 'openLink', href: 'https://example.test/a?b=c' },
      { type: 'openLink', href: 'mailto:someone@example.test' },
      { type: 'action', action: 'setApiKey' },
      { type: 'attach', source: 'pick' },
      { type: 'attach', source: 'workspaceProblems' },
      { type: 'attachFile', path: '/ws/src/a.ts' },
      { type: 'detach', id: 'c2' },
      { type: 'findFiles', query: '' },
      { type: 'findFiles', query: 'src/ma' },
    ];
    for (const m of ok) assert.deepEqual(parseChatMessage(m), m, JSON.stringify(m));
  });

  it('rejects unknown, malformed and oversized chat messages', () => {
    const bad: unknown[] = [
      undefined,
      null,
      'ready',
      42,
      [],
      [{ type: 'ready' }],
      {},
      { type: 'rm -rf' },
      { type: 'ready', extra: 1 },
      { type: 'send' },
      { type: 'send', text: 7 },
      { type: 'send', text: '   ' },
      { type: 'send', text: 'x'.repeat(LIMITS.text + 1) },
      { type: 'send', text: 'hi', command: 'workbench.action.terminal.new' },
      { type: 'continue', turnId: '' },
      { type: 'continue', turnId: 'x'.repeat(65) },
      { type: 'code', action: 'delete', code: 'x' },
      { type: 'code', action: 'apply' },
      { type: 'code', action: 'apply', code: 'x'.repeat(LIMITS.code + 1) },
      { type: 'openLink', href: 'javascript:alert(1)' },
      { type: 'openLink', href: 'file:///etc/passwd' },
      { type: 'openLink', href: 'command:workbench.action.reloadWindow' },
      { type: 'openLink', href: 'vscode://settings' },
      { type: 'openLink', href: 'https://example.test/a b' },
      { type: 'openLink', href: `https://example.test/${'a'.repeat(LIMITS.href)}` },
      { type: 'action', action: 'workbench.action.reloadWindow' },
      { type: 'action', action: 'constructor' },
      { type: 'attach', source: 'terminal' },
      { type: 'attach', source: 'pick', path: '/etc/passwd' },
      { type: 'attachFile', path: '' },
      { type: 'attachFile', path: ['/etc/passwd'] },
      { type: 'attachFile', path: '/ws/a.ts\0.png' },
      { type: 'attachFile', path: `/${'a'.repeat(LIMITS.path)}` },
      { type: 'detach', id: '' },
      { type: 'findFiles', query: 'x'.repeat(LIMITS.query + 1) },
      { type: 'clearContext' },
    ];
    for (const m of bad) assert.equal(parseChatMessage(m), undefined, JSON.stringify(m)?.slice(0, 80));
  });

  it('validates dashboard messages', () => {
    assert.deepEqual(parseDashboardMessage({ type: 'provider', action: 'drill', providerId: 'openai' }), {
      type: 'provider',
      action: 'drill',
      providerId: 'openai',
    });
    assert.deepEqual(parseDashboardMessage({ type: 'action', action: 'showLogs' }), {
      type: 'action',
      action: 'showLogs',
    });
    for (const m of [
      { type: 'provider', action: 'delete', providerId: 'a' },
      { type: 'provider', action: 'reset', providerId: '' },
      { type: 'send', text: 'x' },
      { type: 'ready', x: 1 },
    ]) {
      assert.equal(parseDashboardMessage(m), undefined, JSON.stringify(m));
    }
  });

  it('describes a rejected message redacted and truncated for the log', () => {
    const d = describeRejected({ type: 'send', text: `my key is sk-test-FAKEKEY-abcdefghijkl ${'x'.repeat(5000)}` });
    assert.ok(!d.includes('FAKEKEY'), d);
    assert.ok(d.length < 260, `${d.length}`);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    assert.equal(typeof describeRejected(circular), 'string');
  });

  it('merges streamed text and keeps notices where they happened', () => {
    const parts: TurnPart[] = [];
    appendPart(parts, { type: 'provider', providerId: 'a', label: 'A', model: 'm' });
    appendPart(parts, { type: 'text', text: 'Hel' });
    appendPart(parts, { type: 'text', text: 'lo' });
    appendPart(parts, { type: 'notice', kind: 'continued', message: 'Continued on B' });
    appendPart(parts, { type: 'text', text: ' world' });
    assert.deepEqual(
      parts.map((p) => (p.type === 'text' ? p.text : p.type)),
      ['provider', 'Hello', 'notice', ' world'],
    );
  });
});
