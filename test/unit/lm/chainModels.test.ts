import * as assert from 'node:assert/strict';
import { parseChainSettings } from '../../../src/config/chains';
import { parseProviderSettings, type ProviderEntry } from '../../../src/config/providers';
import { chainOfModel, lmModels } from '../../../src/lm/chainModels';
import { statusView } from '../../../src/presentation/statusModel';

/** Providers as the host has them: the gateway lists two models (two deployments), OpenAI has no key. */
function setup(): { entries: ProviderEntry[]; raw: unknown[] } {
  const { providers, problems } = parseProviderSettings([
    { id: 'anthropic', protocol: 'anthropic', model: 'claude-sonnet-4-6' },
    {
      id: 'gateway',
      preset: 'openai',
      baseURL: 'https://gw.example/v1',
      models: ['openai/gpt-4o', 'anthropic/claude-sonnet-4.6'],
    },
    { id: 'openai', preset: 'openai', model: 'gpt-4o' },
    { id: 'local', preset: 'ollama', model: 'tiny-coder' },
  ]);
  assert.deepEqual(problems, []);
  const entries = providers.map((e) => ({ ...e, missingKey: e.id === 'openai' }));
  const raw = [
    {
      id: 'sonnet',
      label: 'Claude Sonnet (anywhere)',
      steps: ['openai', 'gateway/anthropic/claude-sonnet-4.6', 'anthropic'],
    },
    { id: 'small', steps: ['local'] },
    { id: 'nokey', steps: ['openai'] },
  ];
  return { entries, raw };
}

describe('fallback chains as vscode.lm models', () => {
  it('each chain with a usable step is a model declaring what its usable steps can do', () => {
    const { entries, raw } = setup();
    const { chains, problems } = parseChainSettings(raw, entries);
    assert.deepEqual(problems, []);
    const models = lmModels(entries, [], chains);
    const chainModels = models.filter((m) => m.id.startsWith('chain:'));
    assert.deepEqual(chainModels.map((m) => [m.id, m.name, m.family]), [
      ['chain:sonnet', 'Claude Sonnet (anywhere)', 'gpt'],
      ['chain:small', 'small', 'tiny-coder'],
    ], 'a chain whose only step has no key is not offered');
    const [sonnet, small] = chainModels;
    assert.deepEqual(sonnet.capabilities, { toolCalling: true, imageInput: true });
    assert.equal(sonnet.maxInputTokens, 200_000, "the usable Claude steps' window, not the keyless gpt-4o's");
    const steps = /OpenAI \(gpt-4o\) → OpenAI \(anthropic\/claude-sonnet-4\.6\) → Anthropic \(claude-sonnet-4-6\)/;
    assert.match(sonnet.tooltip, steps);
    assert.match(sonnet.detail, /2\/3 steps ready/);
    const none = { toolCalling: false, imageInput: false };
    assert.deepEqual(small.capabilities, none, 'an unknown local model calls no tools');
    assert.equal(models[0].id, 'switchboard-auto');
    assert.equal(chainOfModel('chain:sonnet'), 'sonnet');
    assert.equal(chainOfModel('provider:sonnet'), undefined);
  });

  it('pinned to a chain, the status bar names the chain and never claims a provider has no key', () => {
    const view = statusView({ health: [], policy: 'pinned', pinned: 'sonnet', chain: 'Claude Sonnet (anywhere)' });
    assert.match(view.tooltip, /routing: fallback chain Claude Sonnet \(anywhere\)/);
    assert.doesNotMatch(view.tooltip, /has no API key/);
  });
});
