import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { detectOllama } from '../../../src/demo/detectOllama';
import { startDemo } from '../../../src/demo/demoProviders';
import { createProvider } from '../../../src/providers/registry';

async function serve(handler: http.RequestListener): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise((r) => server.close(() => r())) };
}

describe('try it without keys', () => {
  it('detects a local Ollama and picks its first pulled model', async () => {
    const s = await serve((req, res) => {
      assert.equal(req.url, '/api/tags');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ models: [{ name: 'llama3.2:latest' }, { name: 'qwen2.5-coder' }] }));
    });
    try {
      assert.deepEqual(await detectOllama(s.origin), { baseURL: `${s.origin}/v1`, model: 'llama3.2:latest' });
    } finally {
      await s.close();
    }
  });

  it('finds nothing when no server answers, or it is not Ollama, or no model is pulled', async () => {
    const s = await serve((req, res) => res.end(req.url === '/api/tags' ? JSON.stringify({ models: [] }) : 'no'));
    try {
      assert.equal(await detectOllama(s.origin), undefined);
    } finally {
      await s.close();
    }
    const closed = await serve(() => undefined);
    await closed.close();
    assert.equal(await detectOllama(closed.origin, 200), undefined);
  });

  it('the demo set answers through the real adapters of all three protocols, and faults can be injected', async () => {
    const demo = await startDemo(0);
    try {
      assert.deepEqual(demo.definitions.map((d) => d.protocol), ['openai', 'anthropic', 'cohere']);
      for (const def of demo.definitions) {
        const p = createProvider({ ...def, apiKey: demo.apiKey });
        let text = '';
        for await (const c of p.streamChat({ messages: [{ role: 'user', content: 'hi' }], model: def.model }))
          if (c.type === 'text') text += c.text;
        assert.match(text, new RegExp(`comes from \\*\\*${def.label}\\*\\*`));
      }
      demo.injectFault('demo-openai', { type: 'status', status: 529 });
      const p = createProvider({ ...demo.definitions[0], apiKey: demo.apiKey });
      await assert.rejects(async () => {
        for await (const _ of p.streamChat({ messages: [{ role: 'user', content: 'hi' }], model: 'demo-gpt' })) void _;
      }, (e: Error & { kind?: string }) => e.kind === 'overloaded');
      const wrongKey = createProvider({ ...demo.definitions[1], apiKey: 'not-the-demo-key' });
      await assert.rejects(async () => {
        for await (const _ of wrongKey.streamChat({
          messages: [{ role: 'user', content: 'hi' }],
          model: 'demo-claude',
        }))
          void _;
      }, (e: Error & { kind?: string }) => e.kind === 'auth');
    } finally {
      await demo.dispose();
    }
  });
});
