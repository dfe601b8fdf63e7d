// Issue 13.5 in a real VS Code: another extension's `sendRequest` to a Switchboard model gets a
// vscode.LanguageModelError whose `code` it can branch on: NotFound for a model that is gone or a
// provider model that does not exist, Blocked for a content filter or a sensitive request no
// allowed provider may take, NoPermissions for spent quota (a rejected key is in lmTools.test.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applied, resetSettings, startFixture, TEXT, type Fixture } from './support/fixtures';
import { configureWithKeys } from './support/chatView';

const codes = () => ({
  notFound: vscode.LanguageModelError.NotFound().code,
  blocked: vscode.LanguageModelError.Blocked().code,
  noPermissions: vscode.LanguageModelError.NoPermissions().code,
});

/** Sends one user message and drains the answer; rejects with what the caller would catch. */
async function ask(model: vscode.LanguageModelChat, prompt: string): Promise<string> {
  const token = new vscode.CancellationTokenSource().token;
  const res = await model.sendRequest([vscode.LanguageModelChatMessage.User(prompt)], {}, token);
  let text = '';
  for await (const part of res.stream) if (part instanceof vscode.LanguageModelTextPart) text += part.value;
  return text;
}

/** Asserts the call fails with a LanguageModelError of `code` and a message matching `message`. */
async function rejectsWith(call: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await assert.rejects(call, (e: unknown) => {
    assert.ok(e instanceof vscode.LanguageModelError, `a LanguageModelError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    assert.match(e.message, message);
    return true;
  });
}

describe('vscode.lm errors are LanguageModelErrors with the code a caller branches on', function () {
  this.timeout(60_000);
  let f: Fixture;
  let auto: vscode.LanguageModelChat;
  const cfg = () => vscode.workspace.getConfiguration('switchboard');

  before(async () => {
    await vscode.extensions.getExtension('switchboard-dev.switchboard')!.activate();
    f = await startFixture();
    await configureWithKeys(f);
    [auto] = await vscode.lm.selectChatModels({ vendor: 'switchboard', id: 'switchboard-auto' });
    assert.ok(auto, 'Switchboard (auto) is registered');
  });

  afterEach(async () => {
    f.alpha.reset().setDefault({ text: TEXT.alpha });
    f.beta.reset().setDefault({ text: TEXT.beta });
    // A 404 marks a provider misconfigured until it is reset.
    for (const id of ['alpha', 'beta']) await vscode.commands.executeCommand('switchboard.resetProvider', id);
  });

  after(async () => {
    for (const id of ['alpha', 'beta']) {
      await vscode.commands.executeCommand('switchboard.resetProvider', id);
      await vscode.commands.executeCommand('switchboard.removeApiKey', id);
    }
    await cfg().update('sensitivity.allowedTrust', undefined, vscode.ConfigurationTarget.Global);
    await resetSettings();
    await f.dispose();
  });

  it("NotFound: every provider answers 404 for its model (the model id in the settings does not exist there)", async () => {
    const message = 'The model `loopback-model` does not exist';
    f.alpha.reset().setDefault({ fault: { type: 'status', status: 404, message } });
    f.beta.reset().setDefault({ fault: { type: 'status', status: 404, errorType: 'not_found_error', message } });
    await rejectsWith(ask(auto, 'hello'), codes().notFound, /model/i);
  });

  it('Blocked: the provider’s content filter stops the answer (OpenAI content_filter), with no fallback that would dodge it', async () => {
    f.alpha.reset().setDefault({ text: 'I will not', stopReason: 'content_filter' });
    await rejectsWith(ask(auto, 'something the filter stops'), codes().blocked, /content filter/i);
    assert.equal(f.beta.chatRequests.length, 0, 'the request was not sent on to another provider');
  });

  it('Blocked: Anthropic refuses (stop_reason refusal)', async () => {
    const [beta] = await vscode.lm.selectChatModels({ vendor: 'switchboard', id: 'provider:beta' });
    f.beta.reset().setDefault({ text: 'I cannot help with that', stopReason: 'refusal' });
    await rejectsWith(ask(beta, 'something it refuses'), codes().blocked, /content filter/i);
  });

  it('Blocked: a request holding a private key, while only cloud providers are configured and sensitive requests may go to local ones only', async () => {
    await cfg().update('sensitivity.allowedTrust', ['local'], vscode.ConfigurationTarget.Global);
    await applied();
    await rejectsWith(
      ask(auto, 'Why does this fail?\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----'),
      codes().blocked,
      /sensitive.*nothing was sent/,
    );
    assert.equal(f.alpha.chatRequests.length + f.beta.chatRequests.length, 0, 'nothing reached a provider');
  });

  it('NoPermissions: every account is out of quota (429 insufficient quota, not a rate limit to wait out)', async () => {
    const message = 'You exceeded your current quota, please check your plan and billing details.';
    f.alpha.reset().setDefault({ fault: { type: 'status', status: 429, message } });
    f.beta.reset().setDefault({ fault: { type: 'status', status: 429, message } });
    await rejectsWith(ask(auto, 'hello'), codes().noPermissions, /quota|billing|credit/i);
  });

  it('NotFound: a provider model the caller picked is gone after the settings changed (not answered by another provider)', async () => {
    const [alpha] = await vscode.lm.selectChatModels({ vendor: 'switchboard', id: 'provider:alpha' });
    assert.ok(alpha, 'Alpha is offered as a model');
    assert.equal(await ask(alpha, 'hello'), TEXT.alpha);
    await cfg().update(
      'providers',
      [{ id: 'beta', label: 'Beta', protocol: 'anthropic', baseURL: f.beta.baseURL, model: 'loopback-model' }],
      vscode.ConfigurationTarget.Global,
    );
    await applied();
    await rejectsWith(ask(alpha, 'hello again'), codes().notFound, /alpha|not found|no longer/i);
    assert.equal(f.beta.chatRequests.length, 0, 'Beta did not answer in its place');
  });
});
