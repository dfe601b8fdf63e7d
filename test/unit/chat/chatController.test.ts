import * as assert from 'node:assert/strict';
import type { AssistantTurn, HostToChat } from '../../../src/core/protocol';
import type { Engine } from '../../../src/resilience/api';
import { ChatController } from '../../../src/chat/chatController';
import { ConversationStore } from '../../../src/chat/conversationStore';
import { SYSTEM_PROMPT } from '../../../src/chat/requestBuilder';
import { selectionAttachment } from '../../../src/core/attachments';
import { continuePrompt, planContinuation } from '../../../src/core/continuation';
import { captureLog, engineOver, fakeOps, KEY, MemoryStorage, Servers, until } from './helpers';

function setup(engine: Engine, storage = new MemoryStorage()) {
  const { posted, calls, ops } = fakeOps();
  const log = captureLog();
  const store = new ConversationStore(storage, { throttleMs: 10 });
  const chat = new ChatController(engine, store, ops, log);
  const answer = () => store.all().filter((t): t is AssistantTurn => t.role === 'assistant').at(-1)!;
  const text = (t: AssistantTurn) => t.parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
  return { chat, store, posted, calls, log, answer, text, storage };
}

const lastBusy = (posted: HostToChat[]) => [...posted].reverse().find((m) => m.type === 'busy');

describe('chat controller (real engine over loopback providers)', () => {
  const servers = new Servers();
  let engine: Engine | undefined;
  afterEach(async () => {
    engine?.dispose();
    engine = undefined;
    await servers.closeAll();
  });

  it('keeps the unsent draft on the host so a quick reload cannot lose it; sending clears it', async () => {
    const a = (await servers.start()).setDefault({ text: 'Ok.' });
    engine = engineOver([{ server: a, id: 'a' }]);
    const storage = new MemoryStorage();
    const first = setup(engine, storage);
    assert.equal(first.chat.receive({ type: 'draft', text: 'half a thought' }), true);
    const reloaded = setup(engine, storage);
    assert.equal((reloaded.chat.snapshot() as { draft?: string }).draft, 'half a thought');
    assert.equal(reloaded.chat.receive({ type: 'draft', text: 42 }), false, 'a draft must be text');
    assert.equal(
      reloaded.chat.receive({ type: 'draft', text: 'x'.repeat(2_000_000) }),
      false,
      'an oversized draft is dropped',
    );
    reloaded.chat.receive({ type: 'send', text: 'half a thought, finished' });
    await until(() => reloaded.answer()?.status === 'done');
    assert.equal((setup(engine, storage).chat.snapshot() as { draft?: string }).draft, '');
  });

  it('streams an answer labelled with the provider and model, and sends the conversation', async () => {
    const a = (await servers.start()).setDefault({ text: 'Use a **Map**.' });
    engine = engineOver([{ server: a, id: 'a' }]);
    const { chat, answer, text, posted } = setup(engine);
    assert.equal(chat.receive({ type: 'send', text: 'How do I count words?' }), true);
    await until(() => answer()?.status === 'done');
    assert.equal(text(answer()), 'Use a **Map**.');
    assert.deepEqual(answer().parts[0], { type: 'provider', providerId: 'a', label: 'A', model: 'loopback-model' });
    const body = a.chatRequests[0].body as { messages: { role: string; content: string }[] };
    assert.deepEqual(body.messages.map((m) => m.role), ['system', 'user']);
    assert.equal(body.messages[0].content, SYSTEM_PROMPT);
    assert.equal(body.messages[1].content, 'How do I count words?');
    assert.ok(posted.some((m) => m.type === 'part' && m.part.type === 'text'), 'text streamed to the webview');
    assert.deepEqual(lastBusy(posted), { type: 'busy', busy: false });
  });

  it('Stop settles the UI at once and closes the upstream request within 100 ms', async () => {
    const a = (await servers.start()).setDefault({ text: 'word '.repeat(200), tokenDelayMs: 20 });
    engine = engineOver([{ server: a, id: 'a' }]);
    const { chat, answer, text, posted } = setup(engine);
    chat.receive({ type: 'send', text: 'long please' });
    await until(() => text(answer() ?? { parts: [] } as unknown as AssistantTurn).length > 0);
    const t0 = performance.now();
    chat.receive({ type: 'stop' });
    assert.equal(answer().status, 'stopped');
    assert.equal(chat.busy, false);
    assert.deepEqual(lastBusy(posted), { type: 'busy', busy: false });
    await until(() => a.requests[0].clientClosed, 100);
    assert.ok(performance.now() - t0 < 100);
    const kept = text(answer());
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(text(answer()), kept, 'no text lands after Stop');
    assert.ok(!a.requests[0].completed);
  });

  it('shows the failover notice inline, before the text of the provider that took over', async () => {
    const a = (await servers.start()).script({ fault: { type: 'status', status: 529 } });
    const b = (await servers.start('anthropic')).setDefault({ text: 'From B.' }); // another protocol takes over
    engine = engineOver([{ server: a, id: 'a' }, { server: b, id: 'b' }]);
    const { chat, answer } = setup(engine);
    chat.receive({ type: 'send', text: 'hi' });
    await until(() => answer()?.status === 'done');
    const shape = answer().parts.map((p) =>
      p.type === 'provider' ? `provider:${p.providerId}` : p.type === 'notice' ? `notice:${p.kind}` : 'text',
    );
    const notice = shape.indexOf('notice:fell_back');
    assert.ok(notice >= 0, shape.join(','));
    assert.ok(notice < shape.indexOf('text'), shape.join(','));
    assert.ok(shape.lastIndexOf('provider:b') < shape.indexOf('text'), `answer labelled with b: ${shape.join(',')}`);
  });

  it('an auth failure offers Set API Key and never shows the key', async () => {
    const a = (await servers.start()).setDefault({
      fault: { type: 'status', status: 401, message: `Incorrect API key provided: ${KEY}` },
    });
    engine = engineOver([{ server: a, id: 'a' }]);
    const { chat, answer, log } = setup(engine);
    chat.receive({ type: 'send', text: 'hi' });
    await until(() => answer()?.status === 'error');
    const err = answer().error!;
    assert.equal(err.kind, 'auth');
    assert.deepEqual(err.actions.slice(0, 2), ['setApiKey', 'switchProvider']);
    assert.ok(!err.message.includes('FAKEKEY'), err.message);
    assert.ok(!log.lines.join('\n').includes('FAKEKEY'));
  });

  it('passes attached file paths so the sensitivity rules keep a .env file away from cloud providers', async () => {
    const a = (await servers.start()).setDefault({ text: 'nope' });
    engine = engineOver([{ server: a, id: 'a' }]);
    const { chat, answer } = setup(engine);
    await chat.send('Explain this', [
      selectionAttachment({
        path: '/work/app/.env',
        fileName: '.env',
        language: 'dotenv',
        startLine: 1,
        endLine: 1,
        code: 'PORT=3000',
      }),
    ]);
    assert.equal(answer().status, 'error');
    assert.equal(a.chatRequests.length, 0, 'the cloud provider never saw the file');
  });

  it('drops invalid messages: nothing reaches the editor, links or commands, and the log is redacted', async () => {
    engine = engineOver([]);
    const { chat, calls, log } = setup(engine);
    const bad = [
      { type: 'action', action: 'workbench.action.terminal.new' },
      { type: 'openLink', href: 'command:workbench.action.reloadWindow' },
      { type: 'code', action: 'apply', code: 'x', extra: true },
      { type: 'send', text: `leak ${KEY}`, injected: 1 },
      'not an object',
    ];
    for (const m of bad) assert.equal(chat.receive(m), false);
    assert.equal(chat.rejected, bad.length);
    assert.deepEqual(calls, []);
    assert.equal(log.lines.length, bad.length);
    assert.ok(!log.lines.join('\n').includes('FAKEKEY'));
    assert.equal(chat.receive({ type: 'code', action: 'insert', code: 'x()' }), true);
    assert.equal(chat.receive({ type: 'action', action: 'showLogs' }), true);
    assert.deepEqual(calls, ['code:insert:x()', 'action:showLogs']);
  });

  it('answers ready with a snapshot of the conversation and the attached code', async () => {
    engine = engineOver([]);
    const { chat, posted, store } = setup(engine);
    store.addUser('earlier');
    chat.attachToNext(
      selectionAttachment({
        path: '/p/a.ts',
        fileName: 'a.ts',
        language: 'typescript',
        startLine: 2,
        endLine: 4,
        code: 'let x',
      }),
    );
    chat.receive({ type: 'ready' });
    const init = posted.at(-1);
    assert.ok(init?.type === 'init');
    assert.equal(init.turns.length, 1);
    assert.deepEqual(init.attachments, [{ id: 'c1', kind: 'selection', label: 'a.ts:2-4' }]);
  });

  it('continues an answer interrupted by a reload by the engine\'s seam rule, appending to the same turn', async () => {
    const storage = new MemoryStorage();
    const first = new ConversationStore(storage);
    first.addUser('Count to five');
    const cut = first.startAssistant();
    first.append(cut, { type: 'text', text: 'One, two,' });
    await first.flush();
    // The model continues from the anchor it is asked to start with ("two,"), as a model does.
    const a = (await servers.start()).setDefault({ text: 'two, three, four, five.' });
    engine = engineOver([{ server: a, id: 'a' }]);
    const { chat, answer, text } = setup(engine, storage);
    assert.equal(answer().status, 'interrupted');
    assert.equal(chat.receive({ type: 'continue', turnId: answer().id }), true);
    await until(() => answer().status === 'done');
    assert.equal(text(answer()), 'One, two, three, four, five.');
    assert.ok(answer().parts.some((p) => p.type === 'notice' && p.kind === 'resumed'));
    const body = a.chatRequests[0].body as { messages: { role: string; content: string }[] };
    assert.deepEqual(body.messages.slice(1), [
      { role: 'user', content: 'Count to five' },
      { role: 'assistant', content: 'One, ' },
      { role: 'user', content: continuePrompt(planContinuation('prompt', 'One, two,')) },
    ]);
  });

  it('restart mid-answer: the abandoned partial leaves the turn, the webview and the next request\'s history', async () => {
    const a = (await servers.start()).setDefault({
      text: 'alpha beta gamma delta.',
      fault: { type: 'stream-error', afterTokens: 2 },
    });
    const b = (await servers.start('anthropic')).setDefault({ text: 'A fresh answer.' });
    engine = engineOver([{ server: a, id: 'a' }, { server: b, id: 'b' }], { midStream: 'restart' });
    const { chat, answer, text, posted, store } = setup(engine);
    chat.receive({ type: 'send', text: 'First question' });
    await until(() => answer()?.status === 'done');
    assert.equal(text(answer()), 'A fresh answer.', 'the abandoned "alpha beta " is gone from the turn');
    assert.ok(
      answer().parts.some((p) => p.type === 'notice' && p.kind === 'restarted'),
      'the restart is explained inline',
    );
    // The webview was sent the whole turn without the abandoned text when the restart happened.
    const resent = posted.filter(
      (m) =>
        m.type === 'turn' &&
        m.turn.id === answer().id &&
        m.turn.role === 'assistant' &&
        m.turn.parts.some((p) => p.type === 'notice' && p.kind === 'restarted'),
    );
    assert.ok(resent.length > 0, 'the turn was re-sent on restart');
    const webviewText = (resent[0] as { turn: AssistantTurn }).turn.parts
      .map((p) => (p.type === 'text' ? p.text : ''))
      .join('');
    assert.ok(!webviewText.includes('alpha'), 'the webview no longer shows the abandoned partial');
    chat.receive({ type: 'send', text: 'Second question' });
    await until(() => store.all().length === 4 && answer().status === 'done');
    const history = JSON.stringify(b.chatRequests.at(-1)!.body);
    assert.ok(history.includes('A fresh answer.'), 'the new answer is history');
    assert.ok(!history.includes('alpha beta'), 'the abandoned partial is not sent as history');
  });
});
