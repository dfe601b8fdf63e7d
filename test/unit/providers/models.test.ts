import * as assert from 'node:assert/strict';
import { parseProviderSettings } from '../../../src/config/providers';
import { modelCapabilities } from '../../../src/providers/models/capabilities';
import { countRequest, countText } from '../../../src/providers/models/tokens';

describe('model capabilities and token counts', () => {
  it('knows the families: tools, images and context windows', () => {
    assert.deepEqual(modelCapabilities({ protocol: 'openai', model: 'gpt-4o-mini' }), {
      toolCalling: true,
      imageInput: true,
      maxInputTokens: 128_000,
      maxOutputTokens: 16_384,
      limitsKnown: true,
    });
    assert.deepEqual(modelCapabilities({ protocol: 'anthropic', model: 'claude-sonnet-4-5' }), {
      toolCalling: true,
      imageInput: true,
      maxInputTokens: 200_000,
      maxOutputTokens: 64_000,
      limitsKnown: true,
    });
    assert.equal(modelCapabilities({ protocol: 'cohere', model: 'command-a-03-2025' }).imageInput, false);
    assert.equal(
      modelCapabilities({ protocol: 'openai', preset: 'vllm', model: 'meta-llama/Llama-3.1-8B-Instruct' }).toolCalling,
      true,
    );
  });

  it('an unknown local model calls no tools until its entry says so; overrides win field by field', () => {
    const local = modelCapabilities({ protocol: 'openai', preset: 'ollama', model: 'my-finetune' });
    assert.equal(local.toolCalling, false);
    const set = modelCapabilities({
      protocol: 'openai',
      preset: 'ollama',
      model: 'my-finetune',
      overrides: { toolCalling: true, maxInputTokens: 32_000 },
    });
    assert.equal(local.limitsKnown, false, "an unknown model's default window is not enforced");
    assert.deepEqual(set, { ...local, toolCalling: true, maxInputTokens: 32_000, limitsKnown: true });
  });

  it('counts OpenAI models with their real tokenizer and estimates the others', () => {
    assert.equal(countText('openai', 'gpt-4o', 'hello world'), 2);
    assert.equal(countText('openai', 'gpt-4', 'hello world'), 2);
    // A string o200k_base and cl100k_base split differently.
    assert.notEqual(countText('openai', 'gpt-4o', ' 東京都庁舎'), countText('openai', 'gpt-4', ' 東京都庁舎'));
    assert.equal(countText('anthropic', 'claude-sonnet-4-5', 'x'.repeat(35)), 10);
    const req = countRequest('openai', 'gpt-4o', [{ role: 'user', content: 'hello world' }], {
      tools: [{ name: 'read_file', description: 'Read', parameters: {} }],
    });
    assert.ok(req > 2 + 3, 'messages overhead and tool definitions count');
  });

  it('settings: a provider entry may set capabilities; wrong values are reported and ignored', () => {
    const { providers, problems } = parseProviderSettings([
      { id: 'q', preset: 'ollama', model: 'qwen-custom', capabilities: { toolCalling: true, maxInputTokens: 32000, imageInput: 'yes', colour: 1 } },
    ]);
    assert.deepEqual(providers[0].capabilities, { toolCalling: true, maxInputTokens: 32000 });
    assert.equal(problems.length, 2);
    assert.match(problems[0], /capabilities\.imageInput must be true or false/);
    assert.match(problems[1], /capabilities\.colour is not known/);
  });
});
