import * as assert from 'node:assert/strict';
import { ConversationStore } from '../../../src/chat/conversationStore';
import { SessionArchive, SESSIONS_KEY } from '../../../src/chat/sessionArchive';
import { MemoryStorage } from './helpers';

function chat(storage: MemoryStorage, question: string, answer: string, provider = 'Alpha') {
  const store = new ConversationStore(storage, { key: `c-${question}` });
  store.addUser(question);
  const a = store.startAssistant();
  store.append(a, { type: 'provider', providerId: provider.toLowerCase(), label: provider, model: 'm' });
  store.append(a, { type: 'text', text: answer });
  return store.all();
}

describe('session archive (issue 14, item 6)', () => {
  it('files chats newest first with title, provider and size; searches, renames, deletes, takes one back', () => {
    const storage = new MemoryStorage();
    const archive = new SessionArchive(storage);
    assert.equal(archive.archive([]), undefined, 'an empty chat is not filed');
    const first = archive.archive(chat(storage, 'How do closures work in JavaScript?', 'A closure captures...'))!;
    const second = archive.archive(chat(storage, 'Fix my regex', 'Use a lazy quantifier.', 'Beta'), 'beta')!;
    assert.deepEqual(archive.list().map((s) => [s.title, s.provider, s.messages]), [
      ['Fix my regex', 'Beta', 2],
      ['How do closures work in JavaScript?', 'Alpha', 2],
    ]);
    assert.deepEqual(archive.list('LAZY').map((s) => s.id), [second.id], 'search reads the messages too');
    assert.equal(archive.rename(first.id, '  Closures  '), true);
    assert.equal(archive.rename(first.id, '   '), false);
    assert.equal(new SessionArchive(storage).list()[1].title, 'Closures', 'saved in workspace state');
    const taken = archive.take(second.id)!;
    assert.equal(taken.preferred, 'beta');
    assert.equal(taken.turns.length, 2);
    assert.deepEqual(archive.list().map((s) => s.title), ['Closures']);
    assert.equal(archive.delete(first.id), true);
    assert.equal(archive.delete(first.id), false);
    assert.deepEqual(archive.list(), []);
  });

  it('stays bounded: at most maxSessions chats and maxChars of JSON, the oldest dropped first', () => {
    const storage = new MemoryStorage();
    const archive = new SessionArchive(storage, { maxSessions: 3, maxChars: 20_000 });
    for (let i = 0; i < 5; i++) archive.archive(chat(storage, `chat ${i}`, 'x'));
    assert.deepEqual(archive.list().map((s) => s.title), ['chat 4', 'chat 3', 'chat 2']);
    archive.archive(chat(storage, 'big one', 'y'.repeat(15_000)));
    const saved = JSON.stringify(storage.get(SESSIONS_KEY));
    assert.ok(saved.length < 20_100, `${saved.length} characters stored`);
    assert.equal(archive.list()[0].title, 'big one');
  });
});
