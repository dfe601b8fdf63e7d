import * as assert from 'node:assert/strict';
import { parseProviderSettings } from '../../../src/config/providers';
import { groupOf, isGroupHead } from '../../../src/config/deployments';
import { groupRows, rowName, soloName } from '../../../src/core/groups';
import { modelInfos } from '../../../src/lm/modelInfo';

describe('provider entries with several models (deployments)', () => {
  it('one deployment per model: the first keeps the entry id and label, the others get entry/model ids', () => {
    const { providers, problems } = parseProviderSettings([
      { id: 'openai', preset: 'openai', models: ['gpt-4o', 'gpt-4o-mini'] },
      { id: 'claude', protocol: 'anthropic', label: 'Work Claude', model: 'claude-sonnet-4-5' },
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      providers.map((p) => [p.id, p.model, p.label, p.group, p.groupLabel]),
      [
        ['openai', 'gpt-4o', 'OpenAI', 'openai', 'OpenAI'],
        ['openai/gpt-4o-mini', 'gpt-4o-mini', 'OpenAI · gpt-4o-mini', 'openai', 'OpenAI'],
        ['claude', 'claude-sonnet-4-5', 'Work Claude', 'claude', 'Work Claude'],
      ],
    );
    // Same endpoint, trust and key requirement: one key and one host serve every model of the entry.
    assert.equal(providers[1].baseURL, providers[0].baseURL);
    assert.equal(providers[1].needsKey, true);
    assert.deepEqual(providers.map(isGroupHead), [true, false, true]);
  });

  it('"model" and "models" together: model first, then the rest, without repeats', () => {
    const { providers } = parseProviderSettings([
      { id: 'oa', protocol: 'openai', model: 'gpt-4o-mini', models: ['gpt-4o', 'gpt-4o-mini', ' o3 '] },
    ]);
    assert.deepEqual(providers.map((p) => p.id), ['oa', 'oa/gpt-4o', 'oa/o3']);
  });

  it('"models" empty or absent falls back to the preset or protocol default model', () => {
    const { providers, problems } = parseProviderSettings([
      { id: 'a', protocol: 'anthropic', models: [] },
      { id: 'j', preset: 'ai21' },
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(providers.map((p) => [p.id, p.model]), [['a', 'claude-sonnet-4-6'], ['j', 'jamba-large']]);
  });

  it('a malformed "models" is reported with how to write it, and the entry keeps its "model"', () => {
    const { providers, problems } = parseProviderSettings([
      { id: 'oa', protocol: 'openai', model: 'gpt-4o', models: 'gpt-4o-mini' },
      { id: 'ol', preset: 'ollama', models: ['llama3.2', 7] },
    ]);
    assert.deepEqual(providers.map((p) => p.id), ['oa']);
    assert.match(problems[0], /switchboard\.providers\[0\]\.models must be a list of model names like \["gpt-4o", "gpt-4o-mini"\]; using "gpt-4o" only/);
    assert.match(problems[1], /providers\[1\]\.models must be a list/);
    assert.match(problems[2], /providers\[1\]: set "model"/);
  });

  it('views group deployments by entry in the user order, naming rows by model under a heading', () => {
    const { providers } = parseProviderSettings([
      { id: 'oa', protocol: 'openai', models: ['a', 'b'] },
      { id: 'co', protocol: 'cohere' },
    ]);
    // A deployment of "oa" ordered after another entry still lands under its heading.
    const rows = [providers[0], providers[2], providers[1], { id: 'ollama-local', label: 'Ollama', model: 'llama3.2' }];
    const groups = groupRows(rows);
    assert.deepEqual(
      groups.map((g) => [g.id, g.label, g.rows.map((r) => rowName(g, r))]),
      [
        ['oa', 'OpenAI', ['a', 'b']],
        ['co', 'Cohere', ['Cohere']],
        ['ollama-local', 'Ollama', ['Ollama']],
      ],
    );
    assert.equal(groupOf({ id: 'x' }), 'x');
    // Named on its own (status bar, chat picker, event log): the model too, but only when needed.
    assert.deepEqual(providers.map((p) => soloName(p, providers)), ['OpenAI · a', 'OpenAI · b', 'Cohere']);
  });

  it('each model is its own vscode.lm model, named by provider and model once', () => {
    const { providers } = parseProviderSettings([{ id: 'oa', protocol: 'openai', models: ['gpt-4o', 'gpt-4o-mini'] }]);
    assert.deepEqual(
      modelInfos(providers, []).map((m) => [m.id, m.name]),
      [
        ['switchboard-auto', 'Switchboard (auto)'],
        ['provider:oa', 'OpenAI · gpt-4o'],
        ['provider:oa/gpt-4o-mini', 'OpenAI · gpt-4o-mini'],
      ],
    );
  });
});
