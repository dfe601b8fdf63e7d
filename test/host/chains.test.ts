// Issue 15 item 2 in a real VS Code: a fallback chain from `switchboard.chains` is a model in the
// Switch Provider picker, the chat view's model picker and vscode.lm, and answers through its steps
// (Beta, an Anthropic loopback, first; then Alpha, an OpenAI loopback of another model family).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applied, ask, resetSettings, status, TEXT, until, type Fixture } from './support/fixtures';
import { chatState, logLines, newChat, postToChat, sendFromView, startChatFixture } from './support/chatView';
import type { ChatTurnLike } from './support/chatView';

const OVERLOADED = { type: 'status' as const, status: 529, errorType: 'overloaded_error', message: 'Overloaded' };
const CHAIN = { id: 'duo', label: 'Duo (anywhere)', steps: ['beta', 'alpha'] };

type Offered = { id: string; label: string; chain?: boolean };
const offered = async () => ((await chatState()) as unknown as { providers: Offered[] }).providers;
const notices = (t: ChatTurnLike) => (t.parts ?? []).filter((p) => p.type === 'notice').map((p) => p.message);

describe('fallback chains in VS Code: pickers, vscode.lm and the chat view', function () {
  this.timeout(60_000);
  let f: Fixture;

  before(async () => {
    f = await startChatFixture();
    const cfg = vscode.workspace.getConfiguration('switchboard');
    await cfg.update('chains', [CHAIN], vscode.ConfigurationTarget.Global);
    await applied();
  });

  beforeEach(() => {
    f.alpha.reset().setDefault({ text: TEXT.alpha });
    f.beta.reset().setDefault({ text: TEXT.beta });
  });

  after(async () => {
    await postToChat({ type: 'setProvider' });
    await newChat();
    const cfg = vscode.workspace.getConfiguration('switchboard');
    await cfg.update('chains', undefined, vscode.ConfigurationTarget.Global);
    await resetSettings();
    await f.dispose();
  });

  it('the chain is offered in Switch Provider and in the chat view picker, apart from the providers', async () => {
    type Item = { label: string; description?: string; id?: string };
    const items = (await vscode.commands.executeCommand<Item[]>('switchboard._test.switchItems'))!;
    const item = items.find((i) => i.id === 'duo');
    assert.ok(item, JSON.stringify(items));
    assert.equal(item.label, '$(layers) Duo (anywhere)');
    assert.match(item.description ?? '', /^Beta \(loopback-model\) → Alpha \(loopback-model\)$/);
    await until(async () => (await offered()).some((p) => p.id === 'duo'), 'the chain in the chat picker');
    assert.deepEqual(
      (await offered()).map((p) => [p.id, p.label, p.chain === true]),
      [['alpha', 'Alpha', false], ['beta', 'Beta', false], ['duo', 'Duo (anywhere)', true]],
    );
  });

  it('vscode.lm lists the chain as a model, and a request on it answers through its first step', async () => {
    const models = await vscode.lm.selectChatModels({ vendor: 'switchboard' });
    const chain = models.find((m) => m.id === 'chain:duo');
    assert.ok(chain, models.map((m) => m.id).join(', '));
    assert.equal(chain.name, 'Duo (anywhere)');
    const token = new vscode.CancellationTokenSource().token;
    const res = await chain.sendRequest([vscode.LanguageModelChatMessage.User('hi')], {}, token);
    let text = '';
    for await (const t of res.text) text += t;
    assert.equal(text, TEXT.beta, 'Beta is the chain\'s first step (Alpha is first in the automatic order)');
  });

  it('a chat on the chain says when another family answers, and when it is back on its first step', async () => {
    await newChat();
    assert.ok(await postToChat({ type: 'setProvider', providerId: 'duo' }));
    assert.equal((await sendFromView('hello')).parts?.some((p) => p.text === TEXT.beta), true);
    f.beta.setDefault({ fault: OVERLOADED });
    const moved = await sendFromView('again');
    assert.ok(moved.parts?.some((p) => p.text === TEXT.alpha), JSON.stringify(moved));
    assert.ok(
      notices(moved).includes('Duo (anywhere): Beta failed (overloaded); answered by Alpha loopback-model (a different model family).'),
      notices(moved).join(' | '),
    );
    f.beta.setDefault({ text: TEXT.beta });
    await vscode.commands.executeCommand('switchboard.resetProvider', 'beta');
    const back = await sendFromView('and now?');
    assert.ok(back.parts?.some((p) => p.text === TEXT.beta), JSON.stringify(back));
    assert.deepEqual(notices(back), ['Duo (anywhere) is back on Beta loopback-model.']);
  });

  it('Switch Provider pins the chain: every chat goes through it, and the status bar names it', async () => {
    assert.equal(await vscode.commands.executeCommand('switchboard.switchProvider', 'duo'), 'duo');
    await applied();
    assert.equal(await ask(), TEXT.beta, 'the auto model follows the pinned chain (Beta first)');
    assert.match((await status()).tooltip, /routing: fallback chain Duo \(anywhere\)/);
    assert.equal(await vscode.commands.executeCommand('switchboard.switchProvider', 'auto:priority'), 'auto:priority');
    await applied();
    assert.equal(await ask(), TEXT.alpha);
  });

  it('broken chains are skipped with a message that says how to fix them; the good one keeps working', async () => {
    const cfg = vscode.workspace.getConfiguration('switchboard');
    const broken = [CHAIN, { id: 'alpha', steps: ['beta'] }, { id: 'typo', steps: ['gamma'] }];
    await cfg.update('chains', broken, vscode.ConfigurationTarget.Global);
    await applied();
    const log = logLines().join('\n');
    assert.match(log, /chain "alpha" \(switchboard\.chains\[1\]\): "alpha" is already a provider id; rename the chain/);
    assert.match(log, /chain "typo" \(switchboard\.chains\[2\]\): step "gamma" names no configured provider/);
    assert.deepEqual((await offered()).filter((p) => p.chain).map((p) => p.id), ['duo']);
    const models = await vscode.lm.selectChatModels({ vendor: 'switchboard' });
    assert.deepEqual(models.filter((m) => m.id.startsWith('chain:')).map((m) => m.id), ['chain:duo']);
  });
});
