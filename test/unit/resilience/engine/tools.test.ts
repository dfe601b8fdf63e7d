import * as assert from 'node:assert/strict';
import type { ChatMessage, ToolCall, ToolDefinition } from '../../../../src/core/messages';
import type { ProtocolId } from '../../../../src/core/provider';
import type { EngineChunk } from '../../../../src/resilience/api';
import { engineFor, ofType, PROTOCOLS, providerFor, run, Servers, shape } from './harness';

const TOOLS: ToolDefinition[] = [
  {
    name: 'read_file',
    description: 'Read a file',
    parameters: { type: 'object', properties: { filePath: { type: 'string' } } },
  },
];
const ASK: ChatMessage[] = [
  { role: 'system', content: 'You are a coding agent.' },
  { role: 'user', content: 'What does hello.txt say?' },
];
const callsOf = (chunks: EngineChunk[]): ToolCall[] => chunks.flatMap((c) => (c.type === 'tool_call' ? [c.call] : []));
const PAIRS: [ProtocolId, ProtocolId][] = PROTOCOLS.flatMap((a) =>
  PROTOCOLS.filter((b) => b !== a).map((b): [ProtocolId, ProtocolId] => [a, b]),
);

describe('engine: tool calls and failover', () => {
  const servers = new Servers();
  afterEach(() => servers.closeAll());

  for (const [pa, pb] of PAIRS) {
    it(`${pa} fails inside a tool call's arguments after text: the text is kept once and ${pb}'s call is the only one emitted`, async () => {
      const a = (await servers.start(pa)).script({
        text: 'Let me read it. ',
        toolCalls: [{ name: 'read_file', arguments: { filePath: '/ws/hello-from-a.txt' }, chunkChars: 5 }],
        fault: { type: 'drop', afterTokens: 4 + 3 },
      });
      const b = (await servers.start(pb)).script({
        text: '',
        toolCalls: [{ name: 'read_file', arguments: { filePath: '/ws/hello.txt' } }],
      });
      const { engine, events } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')]);
      const r = await run(engine, { messages: ASK, tools: TOOLS });
      assert.equal(r.error, undefined, r.error?.message);
      assert.equal(r.text, 'Let me read it. ');
      const calls = callsOf(r.chunks);
      assert.equal(calls.length, 1, 'exactly one call, never the broken one');
      assert.deepEqual(calls[0].arguments, { filePath: '/ws/hello.txt' });
      assert.deepEqual(shape(r.chunks), [
        'provider',
        'text',
        'provider',
        'notice:continued',
        'tool_call',
        'usage',
        'done',
      ]);
      const done = r.chunks.at(-1);
      assert.ok(done?.type === 'done' && done.finishReason === 'tool' && done.providerId === 'b');
      assert.deepEqual(ofType(events, 'continued').map((e) => [e.from, e.to]), [['a', 'b']]);
      // The fallback got the same tools and the system prompt as system instructions.
      const seen = b.format.read(b.chatRequests[0].body);
      assert.deepEqual(seen.tools.map((t) => t.name), ['read_file']);
      assert.deepEqual(seen.messages[0], { role: 'system', text: 'You are a coding agent.' });
      engine.dispose();
    });

    it(`a tool conversation started on ${pa} continues on ${pb}: ids, call/result pairing and order survive`, async () => {
      const a = (await servers.start(pa)).script({ text: '', toolCalls: [{ name: 'read_file', arguments: { filePath: '/ws/hello.txt' } }, { name: 'read_file', arguments: { filePath: '/ws/b.txt' } }] });
      const b = (await servers.start(pb)).setDefault({ text: 'It says hi.' });
      const { engine } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')]);
      const step1 = await run(engine, { messages: ASK, tools: TOOLS });
      const calls = callsOf(step1.chunks);
      assert.equal(calls.length, 2);
      a.script({ fault: { type: 'status', status: 529 } });
      const history: ChatMessage[] = [
        ...ASK,
        { role: 'assistant', content: '', parts: calls.map((c) => ({ type: 'tool_call' as const, ...c })) },
        {
          role: 'user',
          content: '',
          parts: [
            { type: 'tool_result', callId: calls[0].id, content: 'hi' },
            { type: 'tool_result', callId: calls[1].id, content: 'bee' },
          ],
        },
      ];
      const step2 = await run(engine, { messages: history, tools: TOOLS });
      assert.equal(step2.error, undefined, step2.error?.message);
      assert.equal(step2.text, 'It says hi.');
      const seen = b.format.read(b.chatRequests[0].body).messages;
      const at = seen.findIndex((m) => m.toolCalls);
      assert.deepEqual(
        seen[at].toolCalls?.map((c) => [c.id, JSON.parse(c.arguments)]),
        calls.map((c) => [c.id, c.arguments]),
      );
      assert.deepEqual(seen.slice(at + 1).map((m) => [m.role, m.toolCallId, m.text]), [
        ['tool', calls[0].id, 'hi'],
        ['tool', calls[1].id, 'bee'],
      ]);
      engine.dispose();
    });
  }

  it('a primary that fails inside a call with no text falls back cleanly: one call, a fell_back notice', async () => {
    const a = (await servers.start('anthropic')).script({
      text: '',
      toolCalls: [{ name: 'read_file', arguments: { filePath: '/ws/x' } }],
      fault: { type: 'stream-error', afterTokens: 1 },
    });
    const b = (await servers.start('openai')).script({
      text: '',
      toolCalls: [{ name: 'read_file', arguments: { filePath: '/ws/hello.txt' } }],
    });
    const { engine } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')]);
    const r = await run(engine, { messages: ASK, tools: TOOLS, toolMode: 'required' });
    assert.equal(r.error, undefined, r.error?.message);
    assert.deepEqual(shape(r.chunks), ['provider', 'provider', 'notice:fell_back', 'tool_call', 'usage', 'done']);
    assert.equal(callsOf(r.chunks).length, 1);
    assert.equal(b.chatRequests[0].body.tool_choice, 'required');
    engine.dispose();
  });

  it('a call with invalid JSON arguments is never emitted: the turn moves to the next provider', async () => {
    const a = (await servers.start('openai')).script({
      text: '',
      toolCalls: [{ name: 'read_file', arguments: '{"filePath": ' }],
    });
    const b = (await servers.start('cohere')).script({
      text: '',
      toolCalls: [{ name: 'read_file', arguments: { filePath: '/ws/hello.txt' } }],
    });
    const { engine, events } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')]);
    const r = await run(engine, { messages: ASK, tools: TOOLS });
    assert.equal(r.error, undefined, r.error?.message);
    assert.deepEqual(callsOf(r.chunks).map((c) => c.arguments), [{ filePath: '/ws/hello.txt' }]);
    assert.deepEqual(ofType(events, 'attempt_failed').map((e) => [e.providerId, e.kind]), [['a', 'protocol']]);
    engine.dispose();
  });
});
