import * as assert from 'node:assert/strict';
import type { StreamChunk } from '../../../../src/core/chunks';
import type { LoopbackServer } from '../../../../src/loopback/server';
import { KEY, MODEL, ask, fail, provider, run, startServer, waitClientClosed } from './harness';

describe('AnthropicProvider streaming (real SDK, loopback server)', () => {
  let server: LoopbackServer;
  before(async () => (server = await startServer()));
  after(() => server.close());
  beforeEach(() => server.reset());

  it('streams the text, then usage, then one finish, with request id and rate-limit headroom', async () => {
    server.script({ text: 'Hello there, general Kenobi.' });
    const before = Date.now();
    const out = await run(provider(server));
    assert.equal(out.error, undefined);
    assert.equal(out.text, 'Hello there, general Kenobi.');
    const types = out.chunks.map((c) => c.type);
    assert.equal(types[0], 'meta');
    assert.deepEqual(types.slice(-2), ['usage', 'finish']);
    assert.equal(types.filter((t) => t === 'text').length, 4);
    const meta = out.chunks[0] as Extract<StreamChunk, { type: 'meta' }>;
    assert.equal(meta.meta.status, 200);
    assert.match(meta.meta.requestId ?? '', /^req_anthropic_\d+$/);
    const rl = meta.meta.rateLimit;
    assert.equal(rl.limitRequests, 4000);
    assert.equal(rl.remainingRequests, 3999);
    assert.equal(rl.remainingTokens, 1999000);
    assert.ok((rl.resetTokensAt ?? 0) > before + 30_000, 'token reset parsed from RFC 3339');
    const usage = out.chunks.find((c) => c.type === 'usage') as Extract<StreamChunk, { type: 'usage' }>;
    assert.deepEqual(usage.usage, { inputTokens: 12, outputTokens: 4, totalTokens: 16 });
    const finish = out.chunks[out.chunks.length - 1] as Extract<StreamChunk, { type: 'finish' }>;
    assert.equal(finish.reason, 'stop');
    assert.equal(out.chunks.filter((c) => c.type === 'text').length, 4, 'four text deltas');
  });

  it('sends the key the way the SDK does, anthropic-version, max_tokens and a streaming body', async () => {
    await run(provider(server));
    assert.equal(server.chatRequests.length, 1);
    const r = server.chatRequests[0];
    assert.equal(r.headers.authorization, `Bearer ${KEY}`);
    assert.match(String(r.headers['anthropic-version']), /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(r.body.model, MODEL);
    assert.equal(r.body.stream, true);
    assert.equal(r.body.max_tokens, 4096);
  });

  it('puts system messages in `system` and merges consecutive turns of one role', async () => {
    const req = ask('', {
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'First.' },
        { role: 'user', content: 'Second.' },
        { role: 'assistant', content: 'Ok.' },
        { role: 'system', content: 'Use British spelling.' },
        { role: 'user', content: 'Colour?' },
      ],
      options: { maxTokens: 64, temperature: 0.2 },
    });
    await run(provider(server), req);
    const body = server.chatRequests[0].body;
    assert.equal(body.system, 'You are terse.\n\nUse British spelling.');
    assert.deepEqual(body.messages, [
      { role: 'user', content: 'First.\n\nSecond.' },
      { role: 'assistant', content: 'Ok.' },
      { role: 'user', content: 'Colour?' },
    ]);
    assert.equal(body.max_tokens, 64);
    assert.equal(body.temperature, 0.2);
  });

  it('continues mid-answer with a trailing assistant prefill without trailing whitespace, passing the text on unchanged', async () => {
    server.script({ tokens: [' \n', '    42', ', final.'] });
    const out = await run(
      provider(server),
      ask('What is the answer?', { options: { continueFrom: 'The answer is \n' } }),
    );
    const msgs = server.chatRequests[0].body.messages as { role: string; content: string }[];
    assert.deepEqual(msgs[msgs.length - 1], { role: 'assistant', content: 'The answer is' });
    // The adapter never edits the model's text: the engine's seam drops the " \n" already shown.
    assert.equal(out.text, ' \n    42, final.');
  });

  it('keeps the leading space of a continuation when the prefill ended mid-word', async () => {
    server.script({ tokens: ['lo', ' world.'] });
    const out = await run(provider(server), ask('Greet', { options: { continueFrom: 'Hel' } }));
    const msgs = server.chatRequests[0].body.messages as { role: string; content: string }[];
    assert.deepEqual(msgs[msgs.length - 1], { role: 'assistant', content: 'Hel' });
    assert.equal(out.text, 'lo world.');
  });

  it('finishes without usage when the server sends none', async () => {
    server.script({ text: 'No usage here.', usage: false });
    const out = await run(provider(server));
    assert.equal(out.error, undefined);
    const usage = out.chunks.find((c) => c.type === 'usage') as Extract<StreamChunk, { type: 'usage' }>;
    assert.deepEqual(usage.usage, { inputTokens: 12 });
    assert.equal(out.chunks[out.chunks.length - 1].type, 'finish');
  });

  it('lists models through the SDK', async () => {
    assert.deepEqual(await provider(server).listModels(), [MODEL, 'claude-other']);
    assert.equal(server.requests[0].path, '/v1/models');
  });

  it('stops delivering within 50 ms of cancel and closes the socket', async () => {
    server.script({ tokens: Array.from({ length: 200 }, (_, i) => `t${i} `), tokenDelayMs: 5 });
    const ctrl = new AbortController();
    const got: { at: number }[] = [];
    let abortedAt = 0;
    const p = provider(server);
    const err = await (async () => {
      try {
        for await (const c of p.streamChat(ask('Count', { signal: ctrl.signal }))) {
          if (c.type !== 'text') continue;
          got.push({ at: performance.now() });
          if (got.length === 3) {
            abortedAt = performance.now();
            ctrl.abort();
          }
        }
      } catch (e) {
        return e as Error & { kind?: string; partialText?: string };
      }
      return undefined;
    })();
    const thrownAt = performance.now();
    assert.equal(err?.kind, 'cancelled');
    assert.equal(err?.partialText, 't0 t1 t2 ');
    assert.equal(got.length, 3, 'no text after the abort');
    assert.ok(thrownAt - abortedAt < 50, `cancel took ${thrownAt - abortedAt} ms`);
    await waitClientClosed(server);
    assert.equal(server.chatRequests[0].clientClosed, true);
    assert.equal(server.chatRequests[0].completed, false);
  });

  it('treats a stream that ends before message_stop as interrupted, keeping the text', async () => {
    server.script({ tokens: ['One ', 'two ', 'three'], fault: { type: 'no-finish', afterTokens: 2 } });
    const err = await fail(provider(server));
    assert.equal(err.kind, 'interrupted');
    assert.equal(err.partialText, 'One two ');
    assert.equal(err.delivered, 'One two ');
    assert.equal(err.streamed, true);
    assert.equal(err.retryable, true);
  });
});
