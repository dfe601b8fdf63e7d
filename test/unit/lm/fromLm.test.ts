import * as assert from 'node:assert/strict';
import { CACHE_CONTROL_MIME, fromLmMessages, LM_ROLE } from '../../../src/lm/fromLm';
import { missingModel, modelInfos, preferredProvider } from '../../../src/lm/modelInfo';
import type { ProviderEntry } from '../../../src/config/providers';

// Shapes of VS Code's LanguageModel*Part classes (recognised by shape, as across extension hosts).
const text = (value: string) => ({ value });
const call = (callId: string, name: string, input: object) => ({ callId, name, input });
const result = (callId: string, content: unknown[]) => ({ callId, content });
const data = (mimeType: string, bytes: string | Uint8Array) => ({
  mimeType,
  data: typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes,
});

describe('vscode.lm messages -> Switchboard messages', () => {
  it('an agent turn: system prompt as system, tool calls, tool results, image, cache hint; thinking dropped', () => {
    const png = new Uint8Array([137, 80, 78, 71]);
    const out = fromLmMessages([
      { role: LM_ROLE.system, content: [text('You are an agent.'), data(CACHE_CONTROL_MIME, 'ephemeral')] },
      { role: LM_ROLE.user, content: [text('Fix hello.txt'), data('image/png', png)] },
      {
        role: LM_ROLE.assistant,
        content: [
          { value: 'hmm', metadata: { signature: 'sig' } },
          text('Reading.'),
          call('c1', 'read_file', { filePath: '/ws/hello.txt' }),
        ],
      },
      {
        role: LM_ROLE.user,
        content: [
          result('c1', [text('hello'), { value: { node: 1 } }, data('text/plain', ' world')]),
          data('stateful_marker', 'x'),
        ],
      },
    ]);
    assert.deepEqual(out, [
      {
        role: 'system',
        content: 'You are an agent.',
        parts: [{ type: 'text', text: 'You are an agent.' }, { type: 'cache_point' }],
      },
      {
        role: 'user',
        content: 'Fix hello.txt',
        parts: [
          { type: 'text', text: 'Fix hello.txt' },
          { type: 'image', mimeType: 'image/png', data: Buffer.from(png).toString('base64') },
        ],
      },
      {
        role: 'assistant',
        content: 'Reading.',
        parts: [
          { type: 'text', text: 'Reading.' },
          { type: 'tool_call', id: 'c1', name: 'read_file', arguments: { filePath: '/ws/hello.txt' } },
        ],
      },
      { role: 'user', content: '', parts: [{ type: 'tool_result', callId: 'c1', content: 'hello{"node":1} world' }] },
    ]);
  });

  it('a screenshot inside a tool result is carried as an image of that result, not dropped', () => {
    const png = new Uint8Array([137, 80, 78, 71, 13, 10]);
    const out = fromLmMessages([
      {
        role: LM_ROLE.user,
        content: [
          result('shot1', [text('Screenshot of the page:'), data('image/png', png), data('application/pdf', 'x')]),
        ],
      },
    ]);
    assert.deepEqual(out, [
      {
        role: 'user',
        content: '',
        parts: [
          {
            type: 'tool_result',
            callId: 'shot1',
            content: 'Screenshot of the page:[application/pdf omitted]',
            images: [{ mimeType: 'image/png', data: Buffer.from(png).toString('base64') }],
          },
        ],
      },
    ]);
  });

  it('plain text stays plain; empty messages are dropped', () => {
    assert.deepEqual(
      fromLmMessages([
        { role: LM_ROLE.user, content: [text('hi')] },
        { role: LM_ROLE.assistant, content: [text('')] },
      ]),
      [{ role: 'user', content: 'hi' }],
    );
  });
});

describe('vscode.lm model information', () => {
  const entry = (id: string, over: Partial<ProviderEntry>): ProviderEntry => ({
    id,
    label: id,
    protocol: 'openai',
    model: 'gpt-4o',
    baseURL: 'http://x',
    enabled: true,
    trust: 'cloud',
    needsKey: true,
    ...over,
  });

  it('each model declares its family capabilities and limits; auto declares what any provider can', () => {
    const infos = modelInfos(
      [
        entry('oa', {}),
        entry('co', { protocol: 'cohere', model: 'command-a-03-2025' }),
        entry('ol', { preset: 'ollama', model: 'tiny', capabilities: { maxInputTokens: 4096 } }),
        entry('off', { enabled: false }),
      ],
      [],
    );
    assert.deepEqual(
      infos.map((i) => [i.id, i.capabilities.toolCalling, i.capabilities.imageInput, i.maxInputTokens]),
      [
        ['switchboard-auto', true, true, 256_000],
        ['provider:oa', true, true, 128_000],
        ['provider:co', true, false, 256_000],
        ['provider:ol', false, false, 4096],
      ],
    );
    assert.equal(preferredProvider('provider:co'), 'co');
    assert.equal(preferredProvider('switchboard-auto'), undefined);
  });

  it("a provider's model that is gone since the caller picked it is named missing, with what to do", () => {
    const entries = [
      entry('oa', { label: 'OA' }),
      entry('off', { label: 'Off', enabled: false }),
      entry('nokey', { label: 'NoKey', missingKey: true }),
    ];
    assert.equal(missingModel('switchboard-auto', entries), undefined);
    assert.equal(missingModel('provider:oa', entries), undefined);
    assert.match(missingModel('provider:gone', entries) ?? '', /"gone" is no longer in switchboard\.providers/);
    assert.match(missingModel('provider:off', entries) ?? '', /"Off" is disabled; enable it/);
    assert.match(missingModel('provider:nokey', entries) ?? '', /"NoKey" has no API key; set one/);
  });

  it('detail and tooltip carry live health', () => {
    const h = {
      id: 'oa',
      enabled: true,
      state: 'degraded',
      breaker: 'closed',
      ttft: { p50: 420 },
      errorRate: 0.25,
    } as never;
    const [auto, oa] = modelInfos([entry('oa', {})], [h]);
    assert.equal(oa.detail, 'via Switchboard · degraded');
    assert.match(oa.tooltip, /degraded · p50 420 ms · errors 25%/);
    assert.equal(auto.detail, '0/1 providers healthy');
  });
});
