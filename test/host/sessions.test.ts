// Issue 14, item 6 in a real VS Code: New Chat keeps the previous chat in the history; the
// history lists it with title, date and provider, opens, renames, deletes and searches it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { resetSettings, type Fixture } from './support/fixtures';
import { chatState, newChat, postToChat, sendFromView, startChatFixture } from './support/chatView';

interface Summary {
  id: string;
  title: string;
  at: number;
  provider?: string;
  messages: number;
}
const history = async (arg: Record<string, unknown>) =>
  vscode.commands.executeCommand<unknown>('switchboard.showHistory', arg);
const list = async (query = '') => (await history({ action: 'list', query })) as Summary[];

describe('chat sessions: history, open, rename, delete, search (issue 14, item 6)', function () {
  this.timeout(60_000);
  let f: Fixture;

  before(async () => {
    f = await startChatFixture();
    for (const s of await list()) await history({ action: 'delete', id: s.id });
  });

  after(async () => {
    for (const s of await list()) await history({ action: 'delete', id: s.id });
    await newChat();
    for (const id of ['alpha', 'beta']) await vscode.commands.executeCommand('switchboard.removeApiKey', id);
    await resetSettings();
    await f.dispose();
  });

  it('New Chat keeps the previous chat in the history with its title, date and provider', async () => {
    const started = Date.now();
    await sendFromView('How do closures capture variables?');
    await postToChat({ type: 'setProvider', providerId: 'beta' });
    await sendFromView('And in loops?');
    await newChat();
    assert.equal((await chatState()).turns.length, 0, 'the new chat is empty');
    const [s] = await list();
    assert.equal(s.title, 'How do closures capture variables?');
    assert.equal(s.provider, 'Beta', 'the provider of its last answer');
    assert.equal(s.messages, 4);
    assert.ok(s.at >= started && s.at <= Date.now());
  });

  it('opens an earlier chat to continue it (the current one goes into the history), with its provider', async () => {
    await postToChat({ type: 'setProvider' });
    await sendFromView('Another topic: regex');
    const closures = (await list()).find((s) => s.title.startsWith('How do closures'))!;
    assert.equal(await history({ action: 'open', id: closures.id }), true);
    const turns = (await chatState()).turns;
    assert.equal(turns[0].text, 'How do closures capture variables?');
    assert.equal(turns.length, 4);
    assert.deepEqual((await list()).map((s) => s.title), ['Another topic: regex']);
    f.beta.reset();
    await sendFromView('One more question in the reopened chat');
    assert.equal(f.beta.chatRequests.length, 1, 'the reopened chat keeps its picked provider');
    const history0 = JSON.stringify(f.beta.chatRequests[0].body);
    assert.ok(history0.includes('How do closures capture variables?'), 'the earlier messages are its history');
  });

  it('renames, searches (titles and messages) and deletes', async () => {
    const [regex] = await list();
    assert.equal(await history({ action: 'rename', id: regex.id, title: 'Regex help' }), true);
    assert.deepEqual((await list()).map((s) => s.title), ['Regex help']);
    await newChat();
    assert.deepEqual((await list('closures')).map((s) => s.title), ['How do closures capture variables?']);
    assert.deepEqual((await list('REGEX')).map((s) => s.title), ['Regex help']);
    assert.deepEqual(await list('no such words'), []);
    assert.equal(await history({ action: 'delete', id: regex.id }), true);
    assert.deepEqual((await list()).map((s) => s.title), ['How do closures capture variables?']);
  });
});
