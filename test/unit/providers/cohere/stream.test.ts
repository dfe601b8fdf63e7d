import * as assert from 'node:assert/strict';
import { LoopbackServer } from '../../../../src/loopback/server';
import { cohereFormat } from '../../../../src/loopback/formats/cohere';
import { CohereProvider } from '../../../../src/providers/cohere';
import { continuePrompt, planContinuation } from '../../../../src/core/continuation';
import { KEY, MODEL, assertNoKey, chat, collect, providerFor } from './harness';

describe('CohereProvider streaming (real SDK, loopback server)', () => {
  let server: LoopbackServer;
  before(async () => {
    server = await LoopbackServer.start(cohereFormat(), { models: [MODEL, 'command-r'] });
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('streams text, usage and the request id, then finishes with stop', async () => {
    server.script({ text: 'Hello there, world.' });
    const r = await collect(chat(providerFor(server)));
    assert.equal(r.error, undefined);
    assert.equal(r.text, 'Hello there, world.');
    const [meta, ...rest] = r.chunks;
    assert.ok(meta.type === 'meta');
    assert.equal(meta.meta.status, 200);
    assert.match(meta.meta.requestId ?? '', /^req_cohere_\d+$/);
    assert.deepEqual(meta.meta.rateLimit, {});
    assert.deepEqual(
      rest.filter((c) => c.type === 'text').map((c) => c.type === 'text' && c.text),
      ['Hello ', 'there, ', 'world.'],
    );
    assert.deepEqual(
      rest.find((c) => c.type === 'usage'),
      { type: 'usage', usage: { inputTokens: 12, outputTokens: 3, totalTokens: 15 } },
    );
    const fin = rest[rest.length - 1];
    assert.ok(fin.type === 'finish');
    assert.equal(fin.reason, 'stop');
    assert.equal(rest.filter((c) => c.type === 'text').length, 3, 'three text deltas');
  });

  it('finish_reason MAX_TOKENS -> length, with the whole text', async () => {
    const capped = await LoopbackServer.start(cohereFormat({ finishReason: 'MAX_TOKENS' }));
    try {
      const r = await collect(chat(providerFor(capped)));
      assert.equal(r.error, undefined);
      assert.equal(r.text, 'Hello from the cohere loopback server.');
      const fin = r.chunks[r.chunks.length - 1];
      assert.ok(fin.type === 'finish' && fin.reason === 'length');
    } finally {
      await capped.close();
    }
  });

  it('sends one POST /v2/chat with the key as Bearer, snake_case options and every role', async () => {
    const messages = [
      { role: 'system' as const, content: 'Be brief.' },
      { role: 'user' as const, content: 'Hi' },
      { role: 'assistant' as const, content: 'Hello!' },
      { role: 'user' as const, content: 'Say hello' },
    ];
    const r = await collect(chat(providerFor(server), { messages, options: { maxTokens: 64, temperature: 0.2 } }));
    assert.equal(r.error, undefined);
    assert.equal(server.chatRequests.length, 1);
    const req = server.chatRequests[0];
    assert.equal(req.path, '/v2/chat');
    assert.equal(req.headers.authorization, `Bearer ${KEY}`);
    assert.equal(req.body.stream, true);
    assert.equal(req.body.model, MODEL);
    assert.equal(req.body.max_tokens, 64);
    assert.equal(req.body.temperature, 0.2);
    assert.deepEqual(req.body.messages, messages);
  });

  it('continues a cut answer: sends the partial text minus its anchor as an assistant turn and asks to continue from the anchor', async () => {
    const partial = 'The first half of the answer';
    const r = await collect(chat(providerFor(server), { options: { continueFrom: partial } }));
    assert.equal(r.error, undefined);
    const msgs = server.chatRequests[0].body.messages as { role: string; content: string }[];
    assert.deepEqual(msgs, [
      { role: 'user', content: 'Say hello' },
      { role: 'assistant', content: 'The first half of the ' },
      { role: 'user', content: continuePrompt(planContinuation('prompt', partial)) },
    ]);
  });

  it('an answer quoting "[DONE]" (SDK quirk) is an interrupted error with the partial text, not a silent success', async () => {
    server.script({ text: 'Print [DONE] when the job ends.' });
    const r = await collect(chat(providerFor(server)));
    assert.equal(r.text, 'Print ');
    assert.equal(r.chunks.some((c) => c.type === 'finish'), false, 'a cut answer must not look finished');
    assert.ok(r.error);
    assert.equal(r.error.kind, 'interrupted');
    assert.equal(r.error.partialText, 'Print ');
    assert.equal(r.error.streamed, true);
    assert.equal(r.error.retryable, true);
    assert.match(r.error.message, /\[DONE\]/);
    assert.equal(server.chatRequests.length, 1);
  });

  it('lists the chat models the server offers', async () => {
    const models = await providerFor(server).listModels();
    assert.deepEqual(models, [MODEL, 'command-r']);
    const req = server.requests[0];
    assert.equal(req.path, '/v1/models');
    assert.equal(req.headers.authorization, `Bearer ${KEY}`);
  });

  it('without a key fails as auth before sending anything', async () => {
    const p = new CohereProvider({ id: 'cohere-test', protocol: 'cohere', baseURL: server.baseURL, model: MODEL });
    const r = await collect(chat(p));
    assert.equal(r.error?.kind, 'auth');
    assert.equal(r.error?.misconfigured, true);
    await assert.rejects(p.listModels(), (e: Error & { kind?: string }) => e.kind === 'auth');
    assert.equal(server.requests.length, 0);
  });

  it('listModels maps a rejected key to auth without leaking it', async () => {
    const keyed = await LoopbackServer.start(cohereFormat(), { apiKey: 'another-key-entirely' });
    try {
      const err = await providerFor(keyed).listModels().then(
        () => assert.fail('expected a rejection'),
        (e: unknown) => e,
      );
      assert.equal((err as { kind?: string }).kind, 'auth');
      assertNoKey(err as never);
    } finally {
      await keyed.close();
    }
  });
});
