import * as assert from 'node:assert/strict';
import type { ChatMessage, ToolDefinition } from '../../../../src/core/messages';
import { engineFor, providerFor, run, Servers } from './harness';

const TOOLS: ToolDefinition[] = [
  { name: 'read_file', description: 'Read a file', parameters: { type: 'object', properties: {} } },
];
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const withImage: ChatMessage[] = [
  {
    role: 'user',
    content: 'What is in it?',
    parts: [
      { type: 'text', text: 'What is in it?' },
      { type: 'image', mimeType: 'image/png', data: PNG },
    ],
  },
];

describe('engine: capability- and size-aware routing', () => {
  const servers = new Servers();
  afterEach(() => servers.closeAll());

  it('a request with tools skips a model that cannot call tools: it is sent nothing', async () => {
    const a = await servers.start('openai');
    const b = (await servers.start('anthropic')).setDefault({ text: 'ok' });
    const { engine } = engineFor([providerFor(a, 'a', { capabilities: { toolCalling: false } }), providerFor(b, 'b')]);
    const r = await run(engine, { messages: [{ role: 'user', content: 'hi' }], tools: TOOLS });
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(a.chatRequests.length, 0);
    assert.equal(b.chatRequests.length, 1);
    // Without tools the first provider answers as usual.
    await run(engine, { messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(a.chatRequests.length, 1);
    engine.dispose();
  });

  it('tool history needs a tool-calling model even when this turn offers no tools', async () => {
    const a = await servers.start('openai');
    const b = (await servers.start('cohere')).setDefault({ text: 'ok' });
    const { engine } = engineFor([providerFor(a, 'a', { capabilities: { toolCalling: false } }), providerFor(b, 'b')]);
    const history: ChatMessage[] = [
      { role: 'user', content: 'read it' },
      { role: 'assistant', content: '', parts: [{ type: 'tool_call', id: 'c1', name: 'read_file', arguments: {} }] },
      { role: 'user', content: '', parts: [{ type: 'tool_result', callId: 'c1', content: 'x' }] },
    ];
    assert.equal((await run(engine, { messages: history })).error, undefined);
    assert.equal(a.chatRequests.length, 0);
    engine.dispose();
  });

  it('an image goes only to a model that takes images (family defaults: Cohere command-a does not, gpt-4o does)', async () => {
    const a = await servers.start('cohere');
    const b = (await servers.start('openai')).setDefault({ text: 'a pixel' });
    const { engine } = engineFor([
      providerFor(a, 'a', { model: 'command-a-03-2025' }),
      providerFor(b, 'b', { model: 'gpt-4o-mini' }),
    ]);
    const r = await run(engine, { messages: withImage });
    assert.equal(r.text, 'a pixel');
    assert.equal(a.chatRequests.length, 0);
    engine.dispose();
  });

  it('a request larger than a context window skips that provider', async () => {
    const a = await servers.start('anthropic');
    const b = (await servers.start('openai')).setDefault({ text: 'read it all' });
    const { engine } = engineFor([providerFor(a, 'a', { capabilities: { maxInputTokens: 1000 } }), providerFor(b, 'b')]);
    const r = await run(engine, { messages: [{ role: 'user', content: 'word '.repeat(2000) }] });
    assert.equal(r.text, 'read it all');
    assert.equal(a.chatRequests.length, 0);
    engine.dispose();
  });

  it('when nothing fits: a clear error naming each provider and why, and nothing is sent', async () => {
    const a = await servers.start('anthropic');
    const b = await servers.start('openai');
    const { engine, events } = engineFor([providerFor(a, 'a', { capabilities: { maxInputTokens: 1000 } }), providerFor(b, 'b', { capabilities: { toolCalling: false } })]);
    const r = await run(engine, { messages: [{ role: 'user', content: 'word '.repeat(2000) }], tools: TOOLS });
    assert.equal(r.error?.kind, 'bad_request');
    assert.match(r.error?.message ?? '', /A: the request is about [\d,]+ tokens, over loopback-model's 1,000-token context window; B: loopback-model does not call tools\); nothing was sent/);
    assert.equal(a.chatRequests.length + b.chatRequests.length, 0);
    assert.ok(events.every((e) => e.type !== 'attempt_started'));
    const big = await run(engine, { messages: [{ role: 'user', content: 'word '.repeat(2000) }] });
    assert.equal(big.error, undefined, 'without tools B can take it');
    engine.dispose();
  });

  it('an unknown model on a local server is not held to a guessed window (it may truncate rather than fail)', async () => {
    const a = (await servers.start('openai')).setDefault({ text: 'local answers' });
    const { engine } = engineFor([providerFor(a, 'a', { preset: 'ollama', model: 'my-finetune' })]);
    const r = await run(engine, { messages: [{ role: 'user', content: 'word '.repeat(20_000) }] });
    assert.equal(r.text, 'local answers');
    engine.dispose();
  });

  it('too large for every provider: context_too_long', async () => {
    const a = await servers.start('cohere');
    const { engine } = engineFor([providerFor(a, 'a', { capabilities: { maxInputTokens: 50 } })]);
    const r = await run(engine, { messages: [{ role: 'user', content: 'word '.repeat(200) }] });
    assert.equal(r.error?.kind, 'context_too_long');
    assert.equal(a.chatRequests.length, 0);
    engine.dispose();
  });
});
