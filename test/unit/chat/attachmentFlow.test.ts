// Attachments through the chat controller and the real engine over a loopback provider: what the
// provider receives, what the webview is told, and what a hostile webview cannot make the host read.
import * as assert from 'node:assert/strict';
import { AttachError, fileAttachment, type NewAttachment } from '../../../src/chat/attachments';
import type { AttachmentSource } from '../../../src/chat/attachmentTray';
import { ChatController } from '../../../src/chat/chatController';
import { ConversationStore } from '../../../src/chat/conversationStore';
import type { FileChoice } from '../../../src/core/attachments';
import type { AssistantTurn, HostToChat, UserTurn } from '../../../src/core/protocol';
import type { Engine } from '../../../src/resilience/api';
import { captureLog, fakeOps, MemoryStorage, perTest, until } from './helpers';

/** A workspace of in-memory files at /ws (the editor side, without VS Code). */
class FakeWorkspace implements AttachmentSource {
  reads: string[] = [];
  constructor(readonly texts: Record<string, string>) {}
  files(): Promise<FileChoice[]> {
    return Promise.resolve(Object.keys(this.texts).map((label) => ({ path: `/ws/${label}`, label })));
  }
  readFile(path: string): Promise<NewAttachment> {
    this.reads.push(path);
    const label = path.slice('/ws/'.length);
    const text = this.texts[label];
    if (text === undefined) return Promise.reject(new AttachError(`${label} no longer exists (moved or deleted?), so it was not attached.`));
    return Promise.resolve(fileAttachment({ path, label, language: 'ts', text }));
  }
  pick(): Promise<NewAttachment | undefined> {
    return Promise.resolve(undefined);
  }
  activeFile(): FileChoice | undefined {
    return { path: '/ws/src/active.ts', label: 'src/active.ts' };
  }
  selection(): NewAttachment {
    throw new AttachError('Select some code in the editor first, then attach the selection.');
  }
  problems(): NewAttachment {
    throw new AttachError('No problems to attach: the workspace has no errors or warnings right now.');
  }
  isWorkspaceFile(path: string): boolean {
    return path.startsWith('/ws/') && !path.includes('..');
  }
}

const FILES = {
  'src/math.ts': 'export const add = (a: number, b: number) => a - b;',
  'src/active.ts': 'export const active = true;',
  'secrets/token.txt': 'nothing secret-shaped, but the folder is sensitive',
};

function setup(engine: Engine, storage = new MemoryStorage(), ws = new FakeWorkspace(FILES)) {
  const { posted, ops } = fakeOps();
  const store = new ConversationStore(storage, { throttleMs: 10 });
  const chat = new ChatController(engine, store, ops, captureLog(), undefined, ws);
  const answer = () => store.all().filter((t): t is AssistantTurn => t.role === 'assistant').at(-1)!;
  const lastOf = <T extends HostToChat['type']>(type: T) =>
    [...posted].reverse().find((m) => m.type === type) as Extract<HostToChat, { type: T }> | undefined;
  return { chat, store, posted, answer, lastOf, ws, storage };
}

const userMessages = (body: unknown) =>
  (body as { messages: { role: string; content: string }[] }).messages
    .filter((m) => m.role === 'user')
    .map((m) => m.content);

describe('chat attachments through the controller (real engine, loopback provider)', () => {
  const { servers, engine: engineOver } = perTest();
  let engine: Engine;

  it('# completion offers matching files; the picked file goes with the next message only, as a chip', async () => {
    const a = (await servers.start()).setDefault({ text: 'It subtracts.' });
    engine = engineOver([{ server: a, id: 'a' }]);
    const { chat, answer, lastOf, store, posted } = setup(engine);
    chat.receive({ type: 'findFiles', query: 'mat' });
    await until(() => lastOf('fileMatches') !== undefined);
    const files = [{ path: '/ws/src/math.ts', label: 'src/math.ts' }];
    assert.deepEqual(lastOf('fileMatches'), { type: 'fileMatches', query: 'mat', files });
    chat.receive({ type: 'attachFile', path: '/ws/src/math.ts' });
    await until(() => (lastOf('attachments')?.attachments.length ?? 0) === 1);
    assert.deepEqual(lastOf('attachments')?.attachments, [{ id: 'c1', kind: 'file', label: 'src/math.ts' }]);
    assert.equal(lastOf('attachments')?.suggestion?.label, 'src/active.ts', 'the active file is still suggested');

    chat.receive({ type: 'send', text: 'What does add do?' });
    await until(() => answer()?.status === 'done');
    assert.deepEqual(userMessages(a.chatRequests[0].body), [`What does add do?\n\nFile src/math.ts:\n\`\`\`ts\n${FILES['src/math.ts']}\n\`\`\``]);
    assert.deepEqual(lastOf('attachments')?.attachments, [], 'the composer is empty again');
    const user = store.all()[0] as UserTurn;
    assert.deepEqual(user.attachments?.map((x) => x.label), ['src/math.ts']);
    // The webview gets chips, not the file: neither the posted turn nor a reload's snapshot carries it.
    const shown = posted.find((m) => m.type === 'turn' && m.turn.role === 'user');
    const init = chat.snapshot();
    const views = [shown?.type === 'turn' ? shown.turn : undefined, init.type === 'init' ? init.turns[0] : undefined];
    for (const t of views) {
      assert.ok(t?.role === 'user');
      assert.deepEqual(t.attachments?.map((x) => [x.label, x.content]), [['src/math.ts', '']]);
    }

    chat.receive({ type: 'send', text: 'And mul?' });
    await until(() => a.chatRequests.length === 2 && answer()?.status === 'done');
    const second = userMessages(a.chatRequests[1].body);
    assert.equal(second[1], 'And mul?', 'the next message carries no attachment of its own');
    assert.match(second[0], /a - b/, 'the earlier message keeps its file in the history');
  });

  it('a hostile webview cannot make the host read a file outside the workspace', async () => {
    engine = engineOver([]);
    const { chat, lastOf, ws } = setup(engine);
    for (const path of ['/etc/passwd', '/ws/../etc/passwd', 'src/math.ts', '/home/me/.ssh/id_rsa']) {
      chat.receive({ type: 'attachFile', path });
      await until(() => lastOf('attachError') !== undefined);
      assert.match(lastOf('attachError')!.message, /Only files of this workspace can be attached/);
    }
    assert.deepEqual(ws.reads, [], 'nothing was read');
    assert.equal(chat.tray.state().attachments.length, 0);
  });

  it('a file deleted since it was offered, a ninth attachment and a duplicate each get a clear message', async () => {
    engine = engineOver([]);
    const many = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`f${i}.ts`, `${i}`]));
    const { chat, lastOf } = setup(engine, new MemoryStorage(), new FakeWorkspace(many));
    const error = async (raw: unknown, re: RegExp) => {
      const before = chat.tray.lastError;
      chat.receive(raw);
      await until(() => chat.tray.lastError !== before);
      assert.match(lastOf('attachError')!.message, re);
    };
    await error({ type: 'attachFile', path: '/ws/gone.ts' }, /gone\.ts no longer exists/);
    for (let i = 0; i < 8; i++) chat.receive({ type: 'attachFile', path: `/ws/f${i}.ts` });
    await until(() => chat.tray.state().attachments.length === 8);
    await error({ type: 'attachFile', path: '/ws/f8.ts' }, /At most 8 attachments per message/);
    chat.receive({ type: 'detach', id: 'c8' });
    await error({ type: 'attachFile', path: '/ws/f0.ts' }, /f0\.ts is already attached/);
    await error({ type: 'attach', source: 'selection' }, /Select some code in the editor first/);
    const left = chat.tray.state().attachments.map((c) => c.label);
    assert.deepEqual(left, ['f0.ts', 'f1.ts', 'f2.ts', 'f3.ts', 'f4.ts', 'f5.ts', 'f6.ts']);
  });

  it('one attached file matching the sensitive globs makes the request sensitive: no cloud provider gets it', async () => {
    const a = (await servers.start()).setDefault({ text: 'nope' });
    engine = engineOver([{ server: a, id: 'a' }]);
    const { chat, answer } = setup(engine);
    chat.receive({ type: 'attachFile', path: '/ws/src/math.ts' });
    chat.receive({ type: 'attachFile', path: '/ws/secrets/token.txt' });
    await until(() => chat.tray.state().attachments.length === 2);
    chat.receive({ type: 'send', text: 'Check these' });
    await until(() => answer()?.status === 'error');
    assert.match(answer().error?.message ?? '', /sensitive/);
    assert.match(answer().error?.message ?? '', /secrets\/token\.txt/);
    assert.equal(a.chatRequests.length, 0, 'the cloud provider never saw either file');
  });

  it('regenerate, edit and resend, and a reloaded chat keep the attachments', async () => {
    const a = (await servers.start()).setDefault({ text: 'Ok.' });
    engine = engineOver([{ server: a, id: 'a' }]);
    const storage = new MemoryStorage();
    const first = setup(engine, storage);
    first.chat.receive({ type: 'attach', source: 'activeFile' });
    await until(() => first.chat.tray.state().attachments.length === 1);
    assert.equal(first.chat.tray.state().suggestion, undefined, 'an attached active file is no longer suggested');
    first.chat.receive({ type: 'send', text: 'Explain' });
    await until(() => first.answer()?.status === 'done');
    const attached = `File src/active.ts:\n\`\`\`ts\n${FILES['src/active.ts']}\n\`\`\``;

    first.chat.receive({ type: 'regenerate', turnId: first.answer().id });
    await until(() => a.chatRequests.length === 2 && first.answer()?.status === 'done');
    assert.deepEqual(userMessages(a.chatRequests[1].body), [`Explain\n\n${attached}`]);

    const userId = first.store.all()[0].id;
    first.chat.receive({ type: 'resend', turnId: userId, text: 'Explain briefly' });
    await until(() => a.chatRequests.length === 3 && first.answer()?.status === 'done');
    assert.deepEqual(userMessages(a.chatRequests[2].body), [`Explain briefly\n\n${attached}`]);
    await first.store.flush();

    const reloaded = setup(engine, storage);
    const user = reloaded.store.all()[0] as UserTurn;
    assert.deepEqual(user.attachments?.map((x) => [x.kind, x.label]), [['file', 'src/active.ts']]);
    reloaded.chat.receive({ type: 'send', text: 'Shorter?' });
    await until(() => a.chatRequests.length === 4 && reloaded.answer()?.status === 'done');
    assert.equal(userMessages(a.chatRequests[3].body)[0], `Explain briefly\n\n${attached}`);
  });
});
