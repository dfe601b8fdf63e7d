import * as assert from 'node:assert/strict';
import type { ChatMessage, ToolDefinition } from '../../../../src/core/messages';
import { LoopbackServer } from '../../../../src/loopback/server';
import { adapterAt, formatFor, KEY, MODEL, warmSdks } from '../../reliability/helpers';
import { collect } from '../streamHarness';

type Json = Record<string, unknown>;
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const TOOLS: ToolDefinition[] = [
  {
    name: 'read_file',
    description: 'Read a file',
    parameters: { type: 'object', properties: { filePath: { type: 'string' } } },
  },
];

/** An agent conversation: long system prompt, a turn with two parallel calls, their results, an image. */
const CONVERSATION: ChatMessage[] = [
  {
    role: 'system',
    content: 'You are an agent.',
    parts: [{ type: 'text', text: 'You are an agent.' }, { type: 'cache_point' }],
  },
  { role: 'user', content: 'Compare a.ts and b.ts' },
  {
    role: 'assistant',
    content: 'Reading both.',
    parts: [
      { type: 'text', text: 'Reading both.' },
      { type: 'tool_call', id: 'call_A', name: 'read_file', arguments: { filePath: '/ws/a.ts' } },
      { type: 'tool_call', id: 'call_B', name: 'read_file', arguments: { filePath: '/ws/b.ts' } },
    ],
  },
  {
    role: 'user',
    content: 'And this screenshot.',
    parts: [
      { type: 'text', text: 'And this screenshot.' },
      { type: 'image', mimeType: 'image/png', data: PNG },
      { type: 'tool_result', callId: 'call_A', content: 'export const a = 1;' },
      { type: 'tool_result', callId: 'call_B', content: 'ENOENT', isError: true },
      { type: 'cache_point' },
    ],
  },
];

/** OpenAI and Cohere v2 put calls, results and images the same way on the wire (snake_case). */
const WIRE_CALLS = [
  { id: 'call_A', type: 'function', function: { name: 'read_file', arguments: '{"filePath":"/ws/a.ts"}' } },
  { id: 'call_B', type: 'function', function: { name: 'read_file', arguments: '{"filePath":"/ws/b.ts"}' } },
];
const WIRE_RESULTS = [
  { role: 'tool', tool_call_id: 'call_A', content: 'export const a = 1;' },
  { role: 'tool', tool_call_id: 'call_B', content: 'ENOENT' },
];
const WIRE_USER_PARTS = [
  { type: 'text', text: 'And this screenshot.' },
  { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
];

async function send(
  protocol: 'openai' | 'anthropic' | 'cohere',
  toolMode: 'auto' | 'required' = 'required',
): Promise<Json> {
  const server = await LoopbackServer.start(formatFor(protocol), { apiKey: KEY, models: [MODEL] });
  try {
    const r = await collect(
      adapterAt(protocol, server.origin, protocol).streamChat({
        model: MODEL,
        messages: CONVERSATION,
        options: { tools: TOOLS, toolMode },
      }),
    );
    assert.equal(r.error, undefined, r.error?.message);
    return server.chatRequests[0].body;
  } finally {
    await server.close();
  }
}

describe('tool history, images, system prompt and cache hints on the wire (real SDKs)', () => {
  before(warmSdks);

  it('OpenAI: system role, assistant tool_calls with JSON text, one `tool` message per result right after them, then the user text and image', async () => {
    const body = await send('openai');
    const msgs = body.messages as Json[];
    assert.deepEqual(msgs.map((m) => m.role), ['system', 'user', 'assistant', 'tool', 'tool', 'user']);
    assert.equal(msgs[0].content, 'You are an agent.');
    assert.deepEqual(msgs[2].tool_calls, WIRE_CALLS);
    assert.deepEqual(msgs.slice(3, 5), WIRE_RESULTS);
    assert.deepEqual(msgs[5].content, WIRE_USER_PARTS);
    assert.deepEqual(body.tools, [
      {
        type: 'function',
        function: { name: 'read_file', description: 'Read a file', parameters: TOOLS[0].parameters },
      },
    ]);
    assert.equal(body.tool_choice, 'required');
    assert.equal((await send('openai', 'auto')).tool_choice, 'auto');
  });

  it('Anthropic: `system` blocks, tool_use blocks, tool_result blocks first in the next user turn, image block, cache_control at the end of each hinted turn', async () => {
    const body = await send('anthropic');
    assert.deepEqual(body.system, [{ type: 'text', text: 'You are an agent.', cache_control: { type: 'ephemeral' } }]);
    const msgs = body.messages as { role: string; content: Json[] }[];
    assert.deepEqual(msgs.map((m) => m.role), ['user', 'assistant', 'user']);
    assert.deepEqual(msgs[1].content, [
      { type: 'text', text: 'Reading both.' },
      { type: 'tool_use', id: 'call_A', name: 'read_file', input: { filePath: '/ws/a.ts' } },
      { type: 'tool_use', id: 'call_B', name: 'read_file', input: { filePath: '/ws/b.ts' } },
    ]);
    assert.deepEqual(msgs[2].content, [
      { type: 'tool_result', tool_use_id: 'call_A', content: 'export const a = 1;' },
      { type: 'tool_result', tool_use_id: 'call_B', content: 'ENOENT', is_error: true },
      { type: 'text', text: 'And this screenshot.' },
      {
        type: 'image',
        source: { type: 'base64', media_type: 'image/png', data: PNG },
        cache_control: { type: 'ephemeral' },
      },
    ]);
    assert.deepEqual(body.tool_choice, { type: 'any' });
    assert.deepEqual(body.tools, [
      { name: 'read_file', description: 'Read a file', input_schema: TOOLS[0].parameters },
    ]);
    assert.deepEqual((await send('anthropic', 'auto')).tool_choice, { type: 'auto' });
  });

  it('Cohere v2: system role, assistant tool_calls, `tool` messages with tool_call_id, then the user text and image', async () => {
    const body = await send('cohere');
    const msgs = body.messages as Json[];
    assert.deepEqual(msgs.map((m) => m.role), ['system', 'user', 'assistant', 'tool', 'tool', 'user']);
    assert.equal(msgs[0].content, 'You are an agent.');
    assert.deepEqual(msgs[2], {
      role: 'assistant',
      content: 'Reading both.',
      tool_calls: WIRE_CALLS,
    });
    assert.deepEqual(msgs.slice(3, 5), WIRE_RESULTS);
    assert.deepEqual(msgs[5].content, WIRE_USER_PARTS);
    assert.equal(body.tool_choice, 'REQUIRED');
    assert.equal((await send('cohere', 'auto')).tool_choice, undefined);
  });
});
