import * as assert from 'node:assert/strict';
import type { OpenAI } from 'openai';
import type { RawEvent } from '../../../../src/providers/base/types';
import { toFinishReason, toOpenAIMessages, toRawEvents } from '../../../../src/providers/openai/convert';

type Chunk = OpenAI.Chat.ChatCompletionChunk;
const chunk = (choice: Partial<Chunk['choices'][number]> | undefined, usage?: Chunk['usage']): Chunk => ({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 0,
  model: 'm',
  choices: choice ? [{ index: 0, delta: {}, finish_reason: null, ...choice }] : [],
  ...(usage ? { usage } : {}),
});

async function events(chunks: Chunk[]): Promise<RawEvent[]> {
  async function* gen() {
    yield* chunks;
  }
  const out: RawEvent[] = [];
  for await (const e of toRawEvents(gen())) out.push(e);
  return out;
}

describe('OpenAI conversion', () => {
  it('maps every finish reason the API documents', () => {
    assert.deepEqual(
      ['stop', 'length', 'content_filter', 'tool_calls', 'function_call', 'eos'].map(toFinishReason),
      ['stop', 'length', 'filtered', 'tool', 'tool', 'other'],
    );
  });

  it('reads usage sent on the finish chunk (Ollama style) as well as on a trailing chunk', async () => {
    const usage = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 };
    assert.deepEqual(await events([chunk({ delta: { content: 'Hi' } }), chunk({ finish_reason: 'length' }, usage)]), [
      { type: 'text', text: 'Hi' },
      { type: 'usage', usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 } },
      { type: 'finish', reason: 'length' },
    ]);
  });

  it('leaves the conversation alone unless there is text to continue from', () => {
    const msgs = [{ role: 'system' as const, content: 's' }, { role: 'user' as const, content: 'u' }];
    assert.deepEqual(toOpenAIMessages(msgs), msgs);
    assert.deepEqual(toOpenAIMessages(msgs, ''), msgs);
    assert.equal(toOpenAIMessages(msgs, 'a partial').length, 4, 'the partial without its anchor, then the continue prompt');
    assert.equal(toOpenAIMessages(msgs, 'partial').length, 3, 'a one-word partial is all anchor: only the continue prompt');
  });
});
