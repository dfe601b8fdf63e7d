// Issue 14, item 8 in a real VS Code: the chat's provider picker (Automatic or one provider),
// regenerating the last answer (on another provider), and editing a message to send it again.
// Driven through the same entry point the webview uses.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { resetSettings, TEXT, type Fixture } from './support/fixtures';
import {
  answerText,
  chatState,
  newChat,
  postToChat,
  sendFromView,
  type ChatTurnLike, startChatFixture } from './support/chatView';

const providerOf = (t: ChatTurnLike | undefined) =>
  (t?.parts ?? []).filter((p) => p.type === 'provider').map((p) => p.label);
type Body = { messages: { role: string; content: string }[] };
const lastUser = (body: unknown) => [...(body as Body).messages].reverse().find((m) => m.role === 'user')?.content;

async function waitIdle(turns: number): Promise<ChatTurnLike[]> {
  const end = Date.now() + 10_000;
  for (;;) {
    const s = await chatState();
    if (s.turns.length === turns && !s.busy && s.turns[s.turns.length - 1]?.status !== 'streaming') return s.turns;
    if (Date.now() > end) throw new Error(`timed out: ${s.turns.length} turns, busy ${s.busy}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('chat: per-chat provider, regenerate, edit and resend (issue 14, item 8)', function () {
  this.timeout(60_000);
  let f: Fixture;

  before(async () => {
    f = await startChatFixture();
  });

  after(async () => {
    await postToChat({ type: 'setProvider' });
    await newChat();
    for (const id of ['alpha', 'beta']) await vscode.commands.executeCommand('switchboard.removeApiKey', id);
    await resetSettings();
    await f.dispose();
  });

  it('the picker sends this chat to the picked provider first; Automatic goes back to the order', async () => {
    assert.equal(await postToChat({ type: 'setProvider', providerId: 'beta' }), true);
    const a = await sendFromView('Picked provider?');
    assert.deepEqual(providerOf(a), ['Beta']);
    assert.equal(answerText(a), TEXT.beta);
    assert.equal(await postToChat({ type: 'setProvider' }), true);
    const b = await sendFromView('Automatic again?');
    assert.deepEqual(providerOf(b), ['Alpha']);
  });

  it('Regenerate answers the last message again, here on another provider, replacing the old answer', async () => {
    await newChat();
    const first = await sendFromView('Explain closures');
    assert.deepEqual(providerOf(first), ['Alpha']);
    f.beta.reset();
    assert.equal(await postToChat({ type: 'regenerate', turnId: first.id, providerId: 'beta' }), true);
    const turns = await waitIdle(2);
    assert.deepEqual(providerOf(turns[1]), ['Beta'], 'the new answer comes from the provider asked for');
    assert.notEqual(turns[1].id, first.id, 'the old answer was replaced');
    assert.equal(answerText(turns[1]), TEXT.beta);
    assert.equal(lastUser(f.beta.chatRequests[0].body), 'Explain closures', 'the same question was asked again');
  });

  it('Edit and resend replaces the message and everything after it', async () => {
    await newChat();
    const a = await sendFromView('First question');
    await sendFromView('Second question');
    const userTurn = (await chatState()).turns.find((t) => t.role === 'user' && t.text === 'First question')!;
    f.alpha.reset();
    assert.equal(await postToChat({ type: 'resend', turnId: userTurn.id, text: 'First question, rephrased' }), true);
    const turns = await waitIdle(2);
    assert.deepEqual(turns.map((t) => t.role), ['user', 'assistant']);
    assert.equal(turns[0].text, 'First question, rephrased');
    assert.notEqual(turns[1].id, a.id);
    assert.equal(lastUser(f.alpha.chatRequests[0].body), 'First question, rephrased');
    const history = JSON.stringify(f.alpha.chatRequests[0].body);
    assert.ok(!history.includes('Second question'), 'the later turns are gone from the history');
  });

  it('rejects malformed picker, regenerate and resend messages', async () => {
    const before = (await chatState()).rejected;
    const malformed = [
      { type: 'setProvider', providerId: '' },
      { type: 'regenerate' },
      { type: 'resend', turnId: 'u1', text: '   ' },
      { type: 'regenerate', turnId: 'x'.repeat(100) },
    ];
    for (const bad of malformed) {
      assert.equal(await postToChat(bad), false, JSON.stringify(bad));
    }
    assert.equal((await chatState()).rejected, before + 4);
  });
});
