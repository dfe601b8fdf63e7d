import * as assert from 'node:assert/strict';
import { parseChainSettings, type Deployment } from '../../../src/config/chains';
import { modelFamily } from '../../../src/providers/models/capabilities';

const DEPLOYMENTS: Deployment[] = [
  { id: 'anthropic', label: 'Anthropic', protocol: 'anthropic', model: 'claude-sonnet-4-5' },
  { id: 'openai', label: 'OpenAI', protocol: 'openai', model: 'gpt-4o' },
  // An entry listing several models: its first model is the entry id, the others "<entry>/<model>".
  { id: 'openrouter', label: 'OpenRouter', protocol: 'openai', model: 'openai/gpt-4o', group: 'openrouter' },
  {
    id: 'openrouter/anthropic/claude-sonnet-4.5',
    label: 'OpenRouter',
    protocol: 'openai',
    model: 'anthropic/claude-sonnet-4.5',
    group: 'openrouter',
  },
];

const steps = (raw: unknown) =>
  parseChainSettings(raw, DEPLOYMENTS).chains.map((c) => c.steps.map((s) => s.providerId));

describe('fallback chain settings', () => {
  it('knows the model family of a model served by its vendor or through a gateway', () => {
    assert.equal(modelFamily('anthropic', 'claude-sonnet-4-5'), 'claude');
    assert.equal(modelFamily('openai', 'anthropic/claude-sonnet-4.5'), 'claude');
    assert.equal(modelFamily('openai', 'gpt-4o'), 'gpt');
    assert.equal(modelFamily('openai', 'o3-mini'), 'gpt');
    assert.equal(modelFamily('cohere', 'command-a-03-2025'), 'command');
    assert.equal(modelFamily('openai', 'meta-llama/Llama-3.1-8B-Instruct'), 'llama');
    assert.equal(modelFamily('openai', 'my-own-model'), 'my-own-model');
  });

  it('tries the first step family first, unless the chain says "as-listed"', () => {
    const listed = ['anthropic', 'openai', 'openrouter/anthropic/claude-sonnet-4.5'];
    assert.deepEqual(steps([{ id: 'sonnet', steps: listed }]), [
      ['anthropic', 'openrouter/anthropic/claude-sonnet-4.5', 'openai'],
    ]);
    assert.deepEqual(steps([{ id: 'sonnet', steps: listed, order: 'as-listed' }]), [listed]);
  });

  it('a step names an entry id or "<entry id>/<model>"; the chain keeps its label and families', () => {
    const { chains, problems } = parseChainSettings(
      [{ id: 'gpt', label: 'GPT-4o (anywhere)', steps: ['openrouter', 'openai'] }],
      DEPLOYMENTS,
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(chains, [
      {
        id: 'gpt',
        label: 'GPT-4o (anywhere)',
        steps: [
          { providerId: 'openrouter', family: 'gpt', label: 'OpenRouter' },
          { providerId: 'openai', family: 'gpt', label: 'OpenAI' },
        ],
      },
    ]);
  });

  it('skips each broken chain with a message saying how to fix it, and keeps the good ones', () => {
    const { chains, problems } = parseChainSettings(
      [
        { id: 'good', steps: ['openai'] },
        { id: 'typo', steps: ['anthropic', 'antropic'] },
        { id: 'empty', steps: [] },
        { id: 'nosteps' },
        { id: 'good', steps: ['anthropic'] },
        { id: 'openai', steps: ['anthropic'] },
        { id: 'twice', steps: ['openai', 'openai'] },
        { id: 'bad order', steps: ['openai'] },
        { id: 'ord', steps: ['openai'], order: 'random' },
        'sonnet',
      ],
      DEPLOYMENTS,
    );
    assert.deepEqual(chains.map((c) => c.id), ['good']);
    assert.equal(problems.length, 9, problems.join('\n'));
    const [typo, empty, nosteps, dup, clash, twice, badId, ord, notObject] = problems;
    assert.match(typo, /chain "typo".*step "antropic" names no configured provider.*known: anthropic, openai/);
    assert.match(typo, /openrouter\/anthropic\/claude-sonnet-4\.5.*Chain skipped/);
    assert.match(empty, /chain "empty".*has no steps/);
    assert.match(nosteps, /chain "nosteps".*has no steps/);
    assert.match(dup, /chain "good" \(switchboard\.chains\[4\]\): duplicate id/);
    assert.match(clash, /chain "openai".*already a provider id; rename the chain/);
    assert.match(twice, /step "openai" is listed twice/);
    assert.match(badId, /switchboard\.chains\[7\]: "id" must be set and use only letters/);
    assert.match(ord, /"order" must be "family-first" or "as-listed"/);
    assert.match(notObject, /switchboard\.chains\[9\] must be an object/);
  });

  it('an unset setting is no chains and no problem; a non-list says so', () => {
    assert.deepEqual(parseChainSettings(undefined, DEPLOYMENTS), { chains: [], problems: [] });
    assert.match(parseChainSettings({ id: 'x' }, DEPLOYMENTS).problems[0], /must be a list of chains/);
  });
});
