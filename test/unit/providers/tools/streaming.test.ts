import * as assert from 'node:assert/strict';
import type { StreamChunk } from '../../../../src/core/chunks';
import type { ToolCall, ToolDefinition } from '../../../../src/core/messages';
import type { ProtocolId } from '../../../../src/core/provider';
import type { Fault, ScriptedToolCall } from '../../../../src/loopback/script';
import { LoopbackServer } from '../../../../src/loopback/server';
import { toolSteps } from '../../../../src/loopback/steps';
import { adapterAt, formatFor, KEY, MODEL, PROTOCOLS, warmSdks } from '../../reliability/helpers';
import { collect } from '../streamHarness';

const TOOLS: ToolDefinition[] = [
  {
    name: 'read_file',
    description: 'Read a file',
    parameters: { type: 'object', properties: { filePath: { type: 'string' } }, required: ['filePath'] },
  },
  {
    name: 'list_dir',
    description: 'List a folder',
    parameters: { type: 'object', properties: { path: { type: 'string' } } },
  },
];

const HUGE = { filePath: '/ws/big.ts', content: `${'const x = "\\u00e9 \\" quoted";\n'.repeat(2500)}end` };
const SHAPES: { name: string; text: string; calls: ScriptedToolCall[] }[] = [
  {
    name: 'a single call after text',
    text: 'Let me read it.',
    calls: [{ name: 'read_file', arguments: { filePath: '/ws/hello.txt' } }],
  },
  {
    name: 'parallel calls without text',
    text: '',
    calls: [
      { name: 'read_file', arguments: { filePath: '/ws/a.ts' } },
      { name: 'list_dir', arguments: { path: '/ws' }, chunkChars: 3 },
    ],
  },
  {
    name: 'a huge argument (80 KB, escapes)',
    text: 'Writing.',
    calls: [{ name: 'read_file', arguments: HUGE, chunkChars: 997 }],
  },
];

/** Faults that land in the middle of the (last) call's arguments. */
function midArgFaults(textTokens: number, calls: ScriptedToolCall[]): { name: string; fault: Fault; kind: string }[] {
  const at = textTokens + toolSteps(calls) - 1;
  return [
    {
      name: 'an in-stream error',
      fault: { type: 'stream-error', afterTokens: at, errorType: 'overloaded_error' },
      kind: 'overloaded|server_error',
    },
    { name: 'a socket drop', fault: { type: 'drop', afterTokens: at }, kind: 'interrupted' },
    { name: 'a clean end without finish', fault: { type: 'no-finish', afterTokens: at }, kind: 'interrupted' },
    { name: 'a stall', fault: { type: 'stall', afterTokens: at }, kind: 'stalled' },
    { name: 'a malformed frame', fault: { type: 'malformed', afterTokens: at }, kind: 'protocol' },
  ];
}

const calls = (chunks: StreamChunk[]): ToolCall[] => chunks.flatMap((c) => (c.type === 'tool_call' ? [c.call] : []));
const expected = (c: ScriptedToolCall) => (typeof c.arguments === 'string' ? JSON.parse(c.arguments) : c.arguments);

for (const protocol of PROTOCOLS) {
  describe(`tool calls over the real ${protocol} SDK (loopback)`, function () {
    let server: LoopbackServer;
    before(async () => {
      warmSdks();
      server = await LoopbackServer.start(formatFor(protocol as ProtocolId), { apiKey: KEY, models: [MODEL] });
    });
    after(() => server.close());
    beforeEach(() => server.reset());
    const provider = () => adapterAt(protocol, server.origin, `${protocol}-tools`, { stallMs: 400 });
    const run = () =>
      provider().streamChat({
        model: MODEL,
        messages: [{ role: 'user', content: 'Read hello.txt' }],
        options: { tools: TOOLS },
      });

    for (const shape of SHAPES) {
      it(`streams ${shape.name}: whole calls with parsed arguments, after the text, finish "tool"`, async () => {
        server.script({ text: shape.text, toolCalls: shape.calls });
        const r = await collect(run());
        assert.equal(r.error, undefined, r.error?.message);
        assert.equal(r.text, shape.text);
        const got = calls(r.chunks);
        assert.deepEqual(got.map((c) => c.name), shape.calls.map((c) => c.name));
        got.forEach((c, i) => {
          assert.deepEqual(c.arguments, expected(shape.calls[i]));
          assert.ok(c.id.length > 0);
        });
        assert.equal(new Set(got.map((c) => c.id)).size, got.length, 'ids are distinct');
        const types = r.chunks.map((c) => c.type);
        assert.ok(types.lastIndexOf('text') < types.indexOf('tool_call'), 'calls come after all text');
        assert.ok(types.includes('tool_delta'), 'argument progress is reported');
        const fin = r.chunks[r.chunks.length - 1];
        assert.ok(fin.type === 'finish' && fin.reason === 'tool');
      });

      for (const f of midArgFaults(shape.text ? shape.text.split(' ').length : 0, shape.calls)) {
        it(`${shape.name}: ${f.name} inside the arguments fails the attempt and yields no call`, async () => {
          server.script({ text: shape.text, toolCalls: shape.calls, fault: f.fault });
          const r = await collect(run());
          assert.ok(r.error, 'the stream fails');
          assert.match(r.error.kind, new RegExp(`^(${f.kind})$`));
          assert.deepEqual(calls(r.chunks), [], 'no partial call leaks');
          assert.equal(r.error.partialText, shape.text);
          assert.equal(r.error.retryable, true, 'another provider may take the turn');
        });
      }
    }

    it('a call whose arguments end as invalid JSON fails as a protocol error, no call yielded', async () => {
      server.script({ text: 'Reading.', toolCalls: [{ name: 'read_file', arguments: '{"filePath": "/ws/a.ts"' }] });
      const r = await collect(run());
      assert.equal(r.error?.kind, 'protocol');
      assert.match(r.error?.message ?? '', /read_file.*not valid JSON/);
      assert.deepEqual(calls(r.chunks), []);
    });

    it('a call with no arguments parses as {}', async () => {
      server.script({ text: '', toolCalls: [{ name: 'list_dir', arguments: '' }] });
      const r = await collect(run());
      assert.equal(r.error, undefined, r.error?.message);
      assert.deepEqual(calls(r.chunks).map((c) => c.arguments), [{}]);
    });
  });
}
