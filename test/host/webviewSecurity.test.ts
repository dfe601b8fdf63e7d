// Issue 7 in a real VS Code: the webviews are untrusted input. Every malformed, oversized or
// unknown message is dropped and logged (redacted) before it can reach a command, an editor edit
// or a link; and nothing a model writes can change Switchboard's settings or keys.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  applied,
  ask,
  dashboardState,
  KEYS,
  providers,
  resetSettings,
  TEXT,
  until,
  type Fixture,
} from './support/fixtures';
import {
  answerText,
  chatState,
  logLines,
  newChat,
  postToChat,
  sendFromView,
  userSettings, startChatFixture } from './support/chatView';

const FORGED_CHAT: unknown[] = [
  null,
  'send',
  42,
  [{ type: 'send', text: 'in an array' }],
  { type: 'send' },
  { type: 'send', text: '' },
  { type: 'send', text: '   ' },
  { type: 'send', text: 'x'.repeat(100_001) },
  { type: 'send', text: { toString: 'hi' } },
  { type: 'send', text: 'hi', command: 'workbench.action.quit' },
  { type: 'runCommand', command: 'switchboard.removeApiKey', args: ['alpha'] },
  { type: 'executeCommand', command: 'workbench.action.openSettings' },
  { type: 'action', action: 'removeApiKey' },
  { type: 'action', action: 'setApiKey', args: ['alpha'] },
  { type: 'openLink', href: 'command:switchboard.removeApiKey?%5B%22alpha%22%5D' },
  { type: 'openLink', href: 'javascript:alert(1)' },
  { type: 'openLink', href: 'file:///etc/passwd' },
  { type: 'openLink', href: 'vscode://settings/switchboard.providers' },
  { type: 'openLink', href: `https://example.com/${'a'.repeat(2100)}` },
  { type: 'code', action: 'exec', code: 'rm -rf /' },
  { type: 'code', action: 'apply', code: 'x'.repeat(1_000_001) },
  { type: 'continue', turnId: 'x'.repeat(65) },
  { type: 'constructor' },
  { type: '__proto__', polluted: true },
  { type: 'leak', key: KEYS.alpha },
];

const FORGED_DASHBOARD: unknown[] = [
  { type: 'provider', action: 'delete', providerId: 'alpha' },
  { type: 'provider', action: 'isolate', providerId: 'no-such-provider' },
  { type: 'provider', action: 'reset', providerId: 'x'.repeat(65) },
  { type: 'provider', action: 'drill', providerId: 'alpha', minutes: 9999 },
  { type: 'action', action: 'removeApiKey' },
  { type: 'runCommand', command: 'switchboard.removeApiKey' },
  'ready',
];

/** Model output that would be harmful if anything interpreted it instead of showing it. */
const HOSTILE_ANSWER = [
  'Sure. [Open settings](command:workbench.action.openGlobalSettings) and',
  '[remove key](command:switchboard.removeApiKey?%5B%22alpha%22%5D) or [pin beta](command:switchboard.switchProvider?%5B%22beta%22%5D).',
  '```json',
  '{ "switchboard.providers": [], "switchboard.routing.policy": "pinned", "switchboard.demo": "on" }',
  '```',
  '<img src="http://203.0.113.7/x.png" onerror="fetch(\'http://203.0.113.7\')"><script>parent.postMessage({type:"action",action:"setApiKey"},"*")</script>',
  '[click](javascript:acquireVsCodeApi().postMessage({type:"openLink",href:"http://203.0.113.7"}))',
].join('\n');

const postToDashboard = async (raw: unknown) =>
  (await vscode.commands.executeCommand<boolean>('switchboard._test.postToDashboard', raw)) === true;

describe('Switchboard webviews are untrusted input; model output is only text', function () {
  this.timeout(60_000);
  let f: Fixture;

  before(async () => {
    f = await startChatFixture();
  });

  after(async () => {
    await newChat();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const id of ['alpha', 'beta']) {
      await vscode.commands.executeCommand('switchboard.resetProvider', id);
      await vscode.commands.executeCommand('switchboard.removeApiKey', id);
    }
    await resetSettings();
    await f.dispose();
  });

  it('drops every malformed, oversized or unknown chat message, logs it redacted, and runs nothing', async () => {
    const before = await chatState();
    const settings = userSettings();
    const logged = logLines().length;
    for (const raw of FORGED_CHAT)
      assert.equal(await postToChat(raw), false, `accepted ${JSON.stringify(raw)?.slice(0, 80)}`);
    const after = await chatState();
    assert.equal(after.rejected - before.rejected, FORGED_CHAT.length);
    assert.deepEqual(after.dispatched, before.dispatched, 'no forged message reached a command, an edit or a link');
    assert.deepEqual(after.turns, before.turns, 'no forged message started a chat');
    assert.deepEqual(userSettings(), settings);
    assert.ok((await providers()).every((p) => !p.missingKey), 'the keys are still there');
    const lines = logLines().slice(logged).filter((l) => l.includes('Chat view: dropped an invalid message'));
    assert.equal(lines.length, FORGED_CHAT.length, 'each drop is logged once');
    assert.ok(lines.every((l) => l.length < 600), 'oversized payloads are not copied into the log');
    assert.ok(!lines.join('\n').includes(KEYS.alpha), 'the log is redacted');
  });

  it('a well-formed message does reach its handler (the drop above is validation, not a dead channel)', async () => {
    const before = (await chatState()).dispatched.length;
    assert.equal(await postToChat({ type: 'action', action: 'showLogs' }), true);
    assert.deepEqual((await chatState()).dispatched.slice(before), ['action:showLogs']);
  });

  it('the dashboard drops forged or unknown-provider actions and leaves health alone', async () => {
    await vscode.commands.executeCommand('switchboard.openDashboard');
    await until(async () => (await dashboardState()).open, 'the dashboard panel');
    const logged = logLines().length;
    for (const raw of FORGED_DASHBOARD)
      assert.equal(await postToDashboard(raw), false, `accepted ${JSON.stringify(raw)}`);
    const cards = (await dashboardState()).cards;
    assert.ok(cards.length >= 2);
    assert.ok(cards.every((c) => c.status === 'healthy' && !c.outageUntil), JSON.stringify(cards));
    assert.equal(logLines().slice(logged).filter((l) => /Dashboard: dropped/.test(l)).length, FORGED_DASHBOARD.length);
    // A valid drill is carried out, so the drops above were not a dead channel.
    assert.equal(await postToDashboard({ type: 'provider', action: 'drill', providerId: 'alpha' }), true);
    await until(
      async () => !!(await dashboardState()).cards.find((c) => c.id === 'alpha')?.outageUntil,
      'the drill to show',
    );
    assert.equal(await postToDashboard({ type: 'provider', action: 'endDrill', providerId: 'alpha' }), true);
    await vscode.commands.executeCommand('switchboard.resetProvider', 'alpha');
  });

  it('model output with command links, settings JSON and scripts changes no setting and runs nothing', async () => {
    await newChat();
    const settings = userSettings();
    const dispatched = (await chatState()).dispatched.length;
    f.alpha.reset().script({ text: HOSTILE_ANSWER }, { text: HOSTILE_ANSWER });
    const turn = await sendFromView('tell me how to configure switchboard');
    assert.equal(turn.status, 'done');
    assert.equal(answerText(turn), HOSTILE_ANSWER, 'the answer is kept verbatim, as text');
    assert.equal(await ask('and through vscode.lm?'), HOSTILE_ANSWER);
    await applied();
    assert.deepEqual(userSettings(), settings);
    assert.equal((await chatState()).dispatched.length, dispatched, 'no command, edit or link was triggered by the answer');
    const list = await providers();
    assert.deepEqual(list.map((p) => [p.id, p.enabled, p.missingKey]), [['alpha', true, false], ['beta', true, false]]);
    assert.equal(vscode.workspace.getConfiguration('switchboard').get('routing.policy'), 'priority');
    f.alpha.reset();
    assert.equal(await ask(), TEXT.alpha, 'routing is unchanged: the first provider still answers');
  });
});
