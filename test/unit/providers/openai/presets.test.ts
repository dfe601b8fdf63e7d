import * as assert from 'node:assert/strict';
import { LoopbackServer } from '../../../../src/loopback/server';
import { openAiFormat } from '../../../../src/loopback/formats/openai';
import { OPENAI_PRESETS, OpenAIProvider, resolveOpenAIConfig } from '../../../../src/providers/openai';
import { KEY, chat, collect, providerFor } from './harness';

describe('OpenAI-compatible presets', () => {
  it('resolves base URL, trust and default model from the preset; explicit settings win', () => {
    const lm = resolveOpenAIConfig({ id: 'lm', protocol: 'openai', preset: 'lmstudio', model: 'qwen' });
    assert.equal(lm.baseURL, 'http://127.0.0.1:1234/v1');
    assert.equal(lm.trust, 'local');
    assert.equal(lm.apiKey, 'lmstudio');
    const ai21 = resolveOpenAIConfig({ id: 'j', protocol: 'openai', preset: 'ai21', model: '', apiKey: KEY });
    assert.equal(ai21.baseURL, 'https://api.ai21.com/studio/v1');
    assert.equal(ai21.model, 'jamba-large');
    assert.equal(ai21.trust, 'cloud');
    const own = resolveOpenAIConfig({ id: 'v', protocol: 'openai', preset: 'vllm', model: 'm', baseURL: 'http://10.0.0.2:9000/v1', trust: 'lan' });
    assert.equal(own.baseURL, 'http://10.0.0.2:9000/v1');
    assert.equal(own.trust, 'lan');
    assert.deepEqual(
      OPENAI_PRESETS.map((p) => [p.id, p.trust]),
      [
        ['openai', 'cloud'],
        ['ollama', 'local'],
        ['llamacpp', 'local'],
        ['vllm', 'local'],
        ['lmstudio', 'local'],
        ['ai21', 'cloud'],
      ],
    );
    assert.throws(() => resolveOpenAIConfig({ id: 'x', protocol: 'openai', preset: 'nope', model: 'm' }), /Unknown/);
  });

  it('AI21 preset streams from /studio/v1 with its default model', async () => {
    const server = await LoopbackServer.start(openAiFormat('/studio/v1'), { models: ['jamba-large'] });
    try {
      const p = providerFor(server, { preset: 'ai21', model: '' });
      assert.equal(p.trust, 'cloud');
      const r = await collect(p.streamChat({ model: '', messages: [{ role: 'user', content: 'hi' }] }));
      assert.equal(r.error, undefined);
      assert.equal(r.text, 'Hello from the openai loopback server.');
      assert.equal(server.chatRequests[0].path, '/studio/v1/chat/completions');
      assert.equal(server.chatRequests[0].body.model, 'jamba-large');
    } finally {
      await server.close();
    }
  });

  it('a keyless local preset (Ollama) works without a key; a cloud preset without a key fails as auth before sending', async () => {
    const server = await LoopbackServer.start(openAiFormat());
    try {
      const ollama = new OpenAIProvider({
        id: 'ollama',
        protocol: 'openai',
        preset: 'ollama',
        baseURL: server.baseURL,
        model: 'llama3',
      });
      assert.equal(ollama.trust, 'local');
      const ok = await collect(chat(ollama));
      assert.equal(ok.error, undefined);
      assert.equal(server.chatRequests[0].headers.authorization, 'Bearer ollama');

      const cloud = new OpenAIProvider({ id: 'openai', protocol: 'openai', baseURL: server.baseURL, model: 'gpt' });
      const r = await collect(chat(cloud));
      assert.equal(r.error?.kind, 'auth');
      assert.equal(r.error?.misconfigured, true);
      assert.equal(server.chatRequests.length, 1);
    } finally {
      await server.close();
    }
  });
});
