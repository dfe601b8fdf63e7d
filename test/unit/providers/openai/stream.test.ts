import * as assert from 'node:assert/strict';
import { LoopbackServer } from '../../../../src/loopback/server';
import { openAiFormat } from '../../../../src/loopback/formats/openai';
import { continuePrompt, planContinuation } from '../../../../src/core/continuation';
import { KEY, MODEL, chat, collect, providerFor } from './harness';

describe('OpenAIProvider streaming (real SDK, loopback server)', () => {
  let server: LoopbackServer;
  before(async () => {
    server = await LoopbackServer.start(openAiFormat(), { models: [MODEL, 'other-model'] });
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('streams text, usage, headroom and request id, then finishes with stop', async () => {
    server.script({ text: 'Hello there, world.', headers: { 'x-ratelimit-remaining-requests': '42' } });
    const before = Date.now();
    const r = await collect(chat(providerFor(server)));
    assert.equal(r.error, undefined);
    assert.equal(r.text, 'Hello there, world.');
    const [meta, ...rest] = r.chunks;
    assert.ok(meta.type === 'meta');
    assert.equal(meta.meta.status, 200);
    assert.equal(meta.meta.requestId, 'req_openai_1');
    assert.equal(meta.meta.rateLimit.remainingRequests, 42);
    assert.equal(meta.meta.rateLimit.limitTokens, 30000000);
    assert.ok(meta.meta.rateLimit.resetTokensAt! >= before + 90_000);
    assert.deepEqual(
      rest.filter((c) => c.type === 'text').map((c) => c.type === 'text' && c.text),
      ['Hello ', 'there, ', 'world.'],
    );
    const usage = rest.find((c) => c.type === 'usage');
    assert.deepEqual(usage, { type: 'usage', usage: { inputTokens: 12, outputTokens: 3, totalTokens: 15 } });
    const fin = rest[rest.length - 1];
    assert.ok(fin.type === 'finish');
    assert.equal(fin.reason, 'stop');
    assert.equal(rest.filter((c) => c.type === 'text').length, 3, 'three text deltas');
  });

  it('sends one streaming request with include_usage, the key as Bearer and the options', async () => {
    await collect(chat(providerFor(server), { options: { maxTokens: 64, temperature: 0.2 } }));
    assert.equal(server.chatRequests.length, 1);
    const req = server.chatRequests[0];
    assert.equal(req.headers.authorization, `Bearer ${KEY}`);
    assert.equal(req.body.stream, true);
    assert.deepEqual(req.body.stream_options, { include_usage: true });
    assert.equal(req.body.max_tokens, 64);
    assert.equal(req.body.temperature, 0.2);
    assert.deepEqual(req.body.messages, [{ role: 'user', content: 'Say hello' }]);
  });

  it('finishes normally when a compatible server sends no usage', async () => {
    server.script({ text: 'No usage here.', usage: false });
    const r = await collect(chat(providerFor(server)));
    assert.equal(r.error, undefined);
    assert.equal(r.text, 'No usage here.');
    assert.equal(r.chunks.some((c) => c.type === 'usage'), false);
    assert.equal(r.chunks[r.chunks.length - 1].type, 'finish');
  });

  it('finishes normally when a compatible server omits [DONE]', async () => {
    const noDone = await LoopbackServer.start(openAiFormat('/v1', { done: false }));
    try {
      const r = await collect(chat(providerFor(noDone)));
      assert.equal(r.error, undefined);
      assert.equal(r.text, 'Hello from the openai loopback server.');
      assert.ok(r.chunks.some((c) => c.type === 'usage'));
      const fin = r.chunks[r.chunks.length - 1];
      assert.ok(fin.type === 'finish' && fin.reason === 'stop');
    } finally {
      await noDone.close();
    }
  });

  it('continues a cut answer: sends the partial text minus its anchor as an assistant turn and asks to continue from the anchor', async () => {
    const partial = 'The first half of the answer';
    const r = await collect(chat(providerFor(server), { options: { continueFrom: partial } }));
    assert.equal(r.error, undefined);
    const msgs = server.chatRequests[0].body.messages as { role: string; content: string }[];
    const prompt = continuePrompt(planContinuation('prompt', partial));
    assert.ok(prompt.includes('"answer"'), prompt);
    assert.deepEqual(msgs.slice(-2), [
      { role: 'assistant', content: 'The first half of the ' },
      { role: 'user', content: prompt },
    ]);
    assert.deepEqual(msgs[0], { role: 'user', content: 'Say hello' });
  });

  it('lists the models the server offers', async () => {
    const ids = await providerFor(server).listModels();
    assert.deepEqual(ids, [MODEL, 'other-model']);
    assert.equal(server.requests[0].path, '/v1/models');
  });
});
