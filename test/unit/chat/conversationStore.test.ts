import * as assert from 'node:assert/strict';
import { ConversationStore } from '../../../src/chat/conversationStore';
import { MemoryStorage } from './helpers';
import { VirtualClock } from '../../support/clock';

describe('conversation store', () => {
  it('keeps the chat\'s provider across a reload, and truncates from a turn for regenerate and resend', () => {
    const storage = new MemoryStorage();
    const store = new ConversationStore(storage);
    store.setProvider('beta');
    const u1 = store.addUser('one');
    store.startAssistant();
    store.addUser('two');
    store.startAssistant();
    assert.equal(store.truncateFrom('nope'), false);
    assert.equal(store.truncateFrom(u1.id), true);
    assert.equal(store.all().length, 0);
    const reloaded = new ConversationStore(storage);
    assert.equal(reloaded.provider, 'beta');
    reloaded.setProvider(undefined);
    assert.equal(new ConversationStore(storage).provider, undefined);
  });

  it('persists a partial answer while it streams and brings it back interrupted after a reload', async () => {
    const storage = new MemoryStorage();
    const clock = new VirtualClock();
    const store = new ConversationStore(storage, { throttleMs: 20, clock });
    store.addUser('Explain closures');
    const turn = store.startAssistant();
    store.append(turn, { type: 'provider', providerId: 'a', label: 'A', model: 'm1' });
    store.append(turn, { type: 'text', text: 'A closure is ' });
    store.append(turn, { type: 'text', text: 'a function' });
    await clock.advance(20); // the throttled save has run; no status change happened
    // The window reloads: a new store over the same workspace state.
    const reloaded = new ConversationStore(storage);
    const [user, answer] = reloaded.all();
    assert.equal(user.role === 'user' && user.text, 'Explain closures');
    assert.ok(answer.role === 'assistant');
    assert.equal(answer.status, 'interrupted');
    assert.deepEqual(answer.parts, [
      { type: 'provider', providerId: 'a', label: 'A', model: 'm1' },
      { type: 'text', text: 'A closure is a function' },
    ]);
    // New ids never collide with the reloaded ones.
    assert.notEqual(reloaded.addUser('next').id, user.id);
  });

  it('throttles saves while streaming', async () => {
    const storage = new MemoryStorage();
    const clock = new VirtualClock();
    const store = new ConversationStore(storage, { throttleMs: 30, clock });
    const turn = store.startAssistant();
    const before = storage.writes;
    for (let i = 0; i < 100; i++) store.append(turn, { type: 'text', text: 'x' });
    assert.equal(storage.writes, before, 'no write per token');
    await clock.advance(29);
    assert.equal(storage.writes, before, 'not before the throttle interval');
    await clock.advance(1);
    assert.equal(storage.writes, before + 1);
    store.setStatus(turn, 'done');
    assert.equal(storage.writes, before + 2, 'status changes are saved at once');
  });

  it('keeps the newest turns within the limit and clears on New Chat', () => {
    const storage = new MemoryStorage();
    const store = new ConversationStore(storage, { maxTurns: 3 });
    for (const t of ['1', '2', '3', '4']) store.addUser(t);
    assert.deepEqual(store.all().map((t) => (t.role === 'user' ? t.text : '')), ['2', '3', '4']);
    store.clear();
    assert.equal(new ConversationStore(storage).all().length, 0);
  });

  it('ignores saved state of an unknown shape', () => {
    const storage = new MemoryStorage();
    void storage.update('switchboard.chat.conversation.v1', { version: 99, turns: 'nope' });
    assert.equal(new ConversationStore(storage).all().length, 0);
  });
});
