// Issue 13 in a real VS Code: Switchboard as a tool-calling model behind vscode.lm, the API VS
// Code's Agent mode and other extensions use. A caller offers tools, gets a whole
// LanguageModelToolCallPart while the primary provider breaks inside that call's arguments (the
// turn finishes on the fallback), sends the tool result back, and gets the answer.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { dashboardState, resetSettings, startFixture, TEXT, type Fixture } from './support/fixtures';
import { configureWithKeys } from './support/chatView';

const READ_FILE: vscode.LanguageModelChatTool = {
  name: 'read_file',
  description: 'Read a file of the workspace',
  inputSchema: { type: 'object', properties: { filePath: { type: 'string' } }, required: ['filePath'] },
};

interface Reply {
  text: string;
  calls: vscode.LanguageModelToolCallPart[];
}

async function send(
  model: vscode.LanguageModelChat,
  messages: vscode.LanguageModelChatMessage[],
  options: vscode.LanguageModelChatRequestOptions,
): Promise<Reply> {
  const res = await model.sendRequest(messages, options, new vscode.CancellationTokenSource().token);
  const out: Reply = { text: '', calls: [] };
  for await (const part of res.stream) {
    if (part instanceof vscode.LanguageModelTextPart) out.text += part.value;
    else if (part instanceof vscode.LanguageModelToolCallPart) out.calls.push(part);
  }
  return out;
}

describe('vscode.lm with tools: an agent round trip through Switchboard, failing over inside a tool call', function () {
  this.timeout(60_000);
  let f: Fixture;
  let model: vscode.LanguageModelChat;

  before(async () => {
    await vscode.extensions.getExtension('switchboard-dev.switchboard')!.activate();
    f = await startFixture();
    await configureWithKeys(f);
    [model] = await vscode.lm.selectChatModels({ vendor: 'switchboard', id: 'switchboard-auto' });
    assert.ok(model, 'Switchboard (auto) is registered');
  });

  after(async () => {
    for (const id of ['alpha', 'beta']) {
      await vscode.commands.executeCommand('switchboard.resetProvider', id);
      await vscode.commands.executeCommand('switchboard.removeApiKey', id);
    }
    await resetSettings();
    await f.dispose();
  });

  it('declares tool calling and image input with the real context window, so Agent mode lists it', async () => {
    const infos =
      await vscode.commands.executeCommand<
        {
          id: string;
          capabilities: { toolCalling: boolean; imageInput: boolean };
          maxInputTokens: number;
          detail: string;
        }[]
      >('switchboard._test.lmModels');
    const auto = infos?.find((m) => m.id === 'switchboard-auto');
    assert.deepEqual(auto?.capabilities, { toolCalling: true, imageInput: true });
    assert.equal(model.maxInputTokens, 200_000, 'the largest window among the providers (Anthropic 200k)');
    assert.match(infos?.find((m) => m.id === 'provider:alpha')?.detail ?? '', /^via Switchboard · /);
  });

  it("the primary drops inside the call's arguments: the caller gets one whole call from the fallback, then the answer", async () => {
    f.alpha.reset().script({
      text: 'Let me read it. ',
      toolCalls: [{ name: 'read_file', arguments: { filePath: '/ws/hello.txt' }, chunkChars: 5 }],
      fault: { type: 'drop', afterTokens: 4 + 2 },
    });
    f.beta.reset().script({ text: '', toolCalls: [{ name: 'read_file', arguments: { filePath: '/ws/hello.txt' } }] });
    const ask = [vscode.LanguageModelChatMessage.User('What does hello.txt say?')];
    const step1 = await send(model, ask, { tools: [READ_FILE], toolMode: vscode.LanguageModelChatToolMode.Auto });
    assert.equal(step1.text, 'Let me read it. ', 'the text shown before the drop is kept once');
    assert.equal(step1.calls.length, 1, 'exactly one call: never the broken one');
    assert.equal(step1.calls[0].name, 'read_file');
    assert.deepEqual(step1.calls[0].input, { filePath: '/ws/hello.txt' });
    assert.match(step1.calls[0].callId, /^toolu_/, 'the call came from the fallback (Anthropic ids)');
    assert.equal(f.alpha.chatRequests.length, 1);
    assert.equal(f.beta.chatRequests.length, 1);

    // The caller runs the tool and sends the result; the next step goes back to the primary,
    // which receives the fallback's call id in OpenAI's `tool` message shape.
    f.alpha.script({ text: 'It says: hello from the workspace.' });
    const step2 = await send(
      model,
      [
        ...ask,
        vscode.LanguageModelChatMessage.Assistant([new vscode.LanguageModelTextPart(step1.text), step1.calls[0]]),
        vscode.LanguageModelChatMessage.User([
          new vscode.LanguageModelToolResultPart(step1.calls[0].callId, [
            new vscode.LanguageModelTextPart('hello from the workspace'),
          ]),
        ]),
      ],
      { tools: [READ_FILE] },
    );
    assert.equal(step2.text, 'It says: hello from the workspace.');
    const sent = f.alpha.format.read(f.alpha.chatRequests[1].body).messages;
    assert.deepEqual(
      sent.slice(-2).map((m) => [m.role, m.toolCallId ?? '', m.text]),
      [
        ['assistant', '', 'Let me read it. '],
        ['tool', step1.calls[0].callId, 'hello from the workspace'],
      ],
    );
    assert.deepEqual(
      sent.at(-2)?.toolCalls?.map((c) => c.id),
      [step1.calls[0].callId],
    );
    // The failover is in Switchboard's event log even though the caller only saw the answer.
    const log = await dashboardState();
    assert.ok(
      log?.events.some((e) => e.text === 'Continued on Beta after Alpha stopped (16 chars kept)'),
      `the event log records the failover: ${JSON.stringify(log?.events.slice(-5))}`,
    );
    const status = await vscode.commands.executeCommand<{ text: string }>('switchboard._test.statusBar');
    assert.match(status?.text ?? '', /Alpha|Beta/, 'the status bar names who answered');
  });

  it("a screenshot a tool returned reaches Anthropic inside the tool_result, not as '[image/png omitted]'", async () => {
    // LanguageModelDataPart is newer than the @types/vscode floor (1.104); the 1.139 host has it.
    const DataPart = (vscode as unknown as { LanguageModelDataPart?: new (d: Uint8Array, m: string) => unknown })
      .LanguageModelDataPart;
    assert.ok(DataPart, 'this VS Code has LanguageModelDataPart');
    const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);
    const [beta] = await vscode.lm.selectChatModels({ vendor: 'switchboard', id: 'provider:beta' });
    f.beta.reset().script({ text: 'It renders.' });
    const r = await send(
      beta,
      [
        vscode.LanguageModelChatMessage.User('Does the page render?'),
        vscode.LanguageModelChatMessage.Assistant([
          new vscode.LanguageModelToolCallPart('toolu_shot', 'screenshot', {}),
        ]),
        vscode.LanguageModelChatMessage.User([
          new vscode.LanguageModelToolResultPart('toolu_shot', [
            new vscode.LanguageModelTextPart('Screenshot of /:'),
            new DataPart(png, 'image/png'),
          ]),
        ]),
      ],
      {},
    );
    assert.equal(r.text, 'It renders.');
    const msgs = f.beta.chatRequests[0].body.messages as { role: string; content: unknown }[];
    assert.deepEqual(msgs.at(-1), {
      role: 'user',
      content: [
        {
          type: 'tool_result',
          tool_use_id: 'toolu_shot',
          content: [
            { type: 'text', text: 'Screenshot of /:' },
            {
              type: 'image',
              source: { type: 'base64', media_type: 'image/png', data: Buffer.from(png).toString('base64') },
            },
          ],
        },
      ],
    });
    f.beta.reset().setDefault({ text: TEXT.beta });
  });

  it('tool mode Required reaches the provider, and an error is a LanguageModelError with its code', async () => {
    f.alpha.reset().script({ text: '', toolCalls: [{ name: 'read_file', arguments: { filePath: '/x' } }] });
    const r = await send(model, [vscode.LanguageModelChatMessage.User('read /x')], {
      tools: [READ_FILE],
      toolMode: vscode.LanguageModelChatToolMode.Required,
    });
    assert.equal(r.calls.length, 1);
    assert.equal(f.alpha.chatRequests[0].body.tool_choice, 'required');

    f.alpha.reset().script({ fault: { type: 'status', status: 401 } });
    f.beta.reset().script({ fault: { type: 'status', status: 401 } });
    await assert.rejects(
      () => send(model, [vscode.LanguageModelChatMessage.User('who am I')], {}),
      (e: unknown) =>
        e instanceof vscode.LanguageModelError && e.code === vscode.LanguageModelError.NoPermissions().code,
    );
    f.alpha.reset().setDefault({ text: TEXT.alpha });
    f.beta.reset().setDefault({ text: TEXT.beta });
  });
});
