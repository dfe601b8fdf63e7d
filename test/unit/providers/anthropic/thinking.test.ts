import * as assert from 'node:assert/strict';
import type { Anthropic } from '@anthropic-ai/sdk';
import { toRawEvents } from '../../../../src/providers/anthropic/convert';

type Ev = Anthropic.RawMessageStreamEvent;

async function* events(list: unknown[]): AsyncGenerator<Ev> {
  for (const e of list) yield e as Ev;
}

describe('Anthropic stream: provider-only blocks', () => {
  it('thinking text and signatures never reach the answer; text and tool calls do', async () => {
    const out = [];
    const stream = events([
      { type: 'message_start', message: { usage: { input_tokens: 5 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'secret reasoning' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'SIG' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'redacted_thinking', data: 'xx' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'text_delta', text: 'Reading.' } },
      { type: 'content_block_stop', index: 2 },
      {
        type: 'content_block_start',
        index: 3,
        content_block: { type: 'tool_use', id: 'toolu_1', name: 'read_file', input: {} },
      },
      { type: 'content_block_delta', index: 3, delta: { type: 'input_json_delta', partial_json: '{"filePath":"/a"}' } },
      { type: 'content_block_stop', index: 3 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 9 } },
      { type: 'message_stop' },
    ]);
    for await (const e of toRawEvents(stream)) out.push(e);
    assert.ok(!JSON.stringify(out).includes('secret reasoning') && !JSON.stringify(out).includes('SIG'));
    assert.deepEqual(
      out.filter((e) => e.type !== 'usage'),
      [
        { type: 'text', text: 'Reading.' },
        { type: 'tool', index: 3, id: 'toolu_1', name: 'read_file' },
        { type: 'tool', index: 3, args: '{"filePath":"/a"}' },
        { type: 'finish', reason: 'tool' },
      ],
    );
  });
});
