import * as assert from 'node:assert/strict';
import type { Usage } from '../../../../src/core/chunks';
import type { ProtocolId } from '../../../../src/core/provider';
import type { ReplyScript } from '../../../../src/loopback/script';
import { Servers, engineFor, providerFor, run } from '../engine/harness';

/** The usage chunk of one chat through the engine, over the real SDK of `protocol`. */
async function usageOver(servers: Servers, protocol: ProtocolId, script: ReplyScript): Promise<Usage | undefined> {
  const s = (await servers.start(protocol)).setDefault(script);
  const { engine } = engineFor([providerFor(s, 'p')]);
  const r = await run(engine);
  assert.equal(r.error, undefined);
  engine.dispose();
  const u = r.chunks.find((c) => c.type === 'usage');
  return u?.type === 'usage' ? u.usage : undefined;
}

describe("usage per wire format: input, output and cached tokens from each provider's real usage fields", () => {
  const servers = new Servers();
  afterEach(() => servers.closeAll());

  it('OpenAI: prompt_tokens include prompt_tokens_details.cached_tokens, read as cached input', async () => {
    const u = await usageOver(servers, 'openai', {
      text: 'one two three',
      usageCounts: { inputTokens: 1500, cachedInputTokens: 1024 },
    });
    assert.equal(u?.inputTokens, 1500);
    assert.equal(u?.cachedInputTokens, 1024);
    assert.equal(u?.outputTokens, 3);
    assert.equal(u?.cacheWriteTokens, undefined);
  });

  it('Anthropic: uncached input_tokens plus cache_read_input_tokens and cache_creation_input_tokens make the input', async () => {
    // On the wire: input_tokens 200, cache_read 1000, cache_creation 300.
    const u = await usageOver(servers, 'anthropic', {
      text: 'one two',
      usageCounts: { inputTokens: 1500, cachedInputTokens: 1000, cacheWriteTokens: 300 },
    });
    assert.equal(u?.inputTokens, 1500);
    assert.equal(u?.cachedInputTokens, 1000);
    assert.equal(u?.cacheWriteTokens, 300);
    assert.equal(u?.outputTokens, 2);
  });

  it('Cohere: the billed units count, not the larger token count that includes the prompt template', async () => {
    const u = await usageOver(servers, 'cohere', { text: 'one two three four', usageCounts: { inputTokens: 40 } });
    assert.equal(u?.inputTokens, 40);
    assert.equal(u?.outputTokens, 4);
  });

  it('no cache fields when nothing was cached (a zero is not reported as a cache hit)', async () => {
    const u = await usageOver(servers, 'openai', { text: 'hi' });
    assert.deepEqual(Object.keys(u ?? {}).sort(), ['inputTokens', 'outputTokens', 'totalTokens']);
  });
});
