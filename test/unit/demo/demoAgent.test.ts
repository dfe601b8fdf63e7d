import * as assert from 'node:assert/strict';
import type { ChatMessage, ToolCall, ToolDefinition } from '../../../src/core/messages';
import { startDemo, type DemoSet } from '../../../src/demo/demoProviders';
import { resolveIn } from '../../../src/demo/demoAgent';
import { createSwitchboard, type Engine, type EngineChunk } from '../../../src/resilience';

/** The two tools VS Code's agent offers that the demo uses, with their real parameter names. */
const TOOLS: ToolDefinition[] = [
  {
    name: 'read_file',
    description: 'Read a file',
    parameters: {
      type: 'object',
      properties: { filePath: { type: 'string' }, startLine: { type: 'number' }, endLine: { type: 'number' } },
      required: ['filePath', 'startLine', 'endLine'],
    },
  },
  {
    name: 'replace_string_in_file',
    description: 'Edit',
    parameters: {
      type: 'object',
      properties: { filePath: { type: 'string' }, oldString: { type: 'string' }, newString: { type: 'string' } },
    },
  },
];

async function turn(engine: Engine, messages: ChatMessage[]) {
  const out = { text: '', calls: [] as ToolCall[], chunks: [] as EngineChunk[] };
  for await (const c of engine.stream({ messages, tools: TOOLS })) {
    out.chunks.push(c);
    if (c.type === 'text') out.text += c.text;
    if (c.type === 'tool_call') out.calls.push(c.call);
  }
  return out;
}

describe('demo agent: a tool round trip without keys, with a failover inside the tool call', () => {
  let demo: DemoSet;
  let engine: Engine;
  beforeEach(async () => {
    demo = await startDemo(0, { resolveFile: resolveIn('/ws') });
    engine = createSwitchboard({
      providers: demo.definitions.map((d) => ({ ...d, apiKey: demo.apiKey })),
      settings: { hedging: { enabled: false } },
    });
  });
  afterEach(async () => {
    engine.dispose();
    await demo.dispose();
  });

  const ask: ChatMessage[] = [
    { role: 'system', content: 'You are an agent.' },
    {
      role: 'user',
      content: '<context>open files: other.md</context><userRequest>What does hello.txt say?</userRequest>',
    },
  ];

  it("reads the file the user names with the caller's tool, then answers from its content", async () => {
    const step1 = await turn(engine, ask);
    assert.equal(step1.text, "I'll read `hello.txt` first. ");
    assert.deepEqual(
      step1.calls.map((c) => [c.name, c.arguments]),
      [['read_file', { filePath: '/ws/hello.txt', startLine: 1, endLine: 10_000 }]],
    );
    const step2 = await turn(engine, [
      ...ask,
      {
        role: 'assistant',
        content: step1.text,
        parts: [
          { type: 'text', text: step1.text },
          { type: 'tool_call', ...step1.calls[0] },
        ],
      },
      {
        role: 'user',
        content: '',
        parts: [{ type: 'tool_result', callId: step1.calls[0].id, content: 'Hello from the workspace!' }],
      },
    ]);
    assert.deepEqual(step2.calls, []);
    assert.match(step2.text, /`hello\.txt` has 1 line\. It says:\n\n```\nHello from the workspace!\n```/);
  });

  it('the primary drops inside the tool call: the text stays once and the fallback makes the one call', async () => {
    demo.injectFault('demo-openai', { type: 'drop', afterTokens: 6 });
    const r = await turn(engine, ask);
    assert.equal(r.text, "I'll read `hello.txt` first. ");
    assert.equal(r.calls.length, 1);
    assert.deepEqual(r.calls[0].arguments, { filePath: '/ws/hello.txt', startLine: 1, endLine: 10_000 });
    const providers = r.chunks.flatMap((c) => (c.type === 'provider' ? [c.providerId] : []));
    assert.deepEqual(providers, ['demo-openai', 'demo-anthropic']);
    assert.ok(r.chunks.some((c) => c.type === 'notice' && c.kind === 'continued'));
  });

  it('a required parameter the demo has no value for gets its first allowed value or a plain one', async () => {
    const picky: ToolDefinition = {
      name: 'read_file',
      description: 'Read',
      parameters: {
        type: 'object',
        properties: {
          filePath: { type: 'string' },
          mode: { type: 'string', enum: ['text', 'bytes'] },
          lines: { type: 'integer' },
        },
        required: ['filePath', 'mode', 'lines'],
      },
    };
    const out: ToolCall[] = [];
    for await (const c of engine.stream({ messages: ask, tools: [picky] }))
      if (c.type === 'tool_call') out.push(c.call);
    assert.deepEqual(out[0].arguments, { filePath: '/ws/hello.txt', mode: 'text', lines: 1 });
  });

  it('an edit request calls the edit tool with the old and new text', async () => {
    const r = await turn(engine, [{ role: 'user', content: 'In hello.txt replace "Hello" with "Goodbye"' }]);
    assert.deepEqual(
      r.calls.map((c) => [c.name, c.arguments]),
      [['replace_string_in_file', { filePath: '/ws/hello.txt', oldString: 'Hello', newString: 'Goodbye' }]],
    );
  });
});
