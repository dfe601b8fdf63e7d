import * as assert from 'node:assert/strict';
import { originOf, parseProviderSettings } from '../../../src/config/providers';

describe('provider settings', () => {
  it('fills presets and protocol defaults', () => {
    const { providers, problems } = parseProviderSettings([
      { id: 'openai', preset: 'openai', model: 'gpt-4o-mini' },
      { protocol: 'anthropic' },
      { id: 'local', preset: 'ollama', model: 'llama3.2' },
      { id: 'jamba', preset: 'ai21' },
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      providers.map((p) => [p.id, p.protocol, p.baseURL, p.trust, p.needsKey, p.model]),
      [
        ['openai', 'openai', 'https://api.openai.com/v1', 'cloud', true, 'gpt-4o-mini'],
        ['anthropic', 'anthropic', 'https://api.anthropic.com', 'cloud', true, 'claude-sonnet-4-6'],
        ['local', 'openai', 'http://127.0.0.1:11434/v1', 'local', false, 'llama3.2'],
        ['jamba', 'openai', 'https://api.ai21.com/studio/v1', 'cloud', true, 'jamba-large'],
      ],
    );
  });

  it('rejects broken entries with a message that says how to fix them, keeping the good ones', () => {
    const { providers, problems } = parseProviderSettings([
      { id: 'ok', protocol: 'cohere', model: 'command-a' },
      { id: 'bad url', protocol: 'openai', model: 'x' },
      { id: 'x', protocol: 'gemini', model: 'y' },
      { id: 'y', preset: 'nope', model: 'z' },
      { id: 'ok', protocol: 'openai', model: 'dup' },
      { id: 'u', protocol: 'openai', model: 'm', baseURL: 'file:///etc/passwd' },
      { id: 'ol', preset: 'ollama' },
      42,
    ]);
    assert.deepEqual(providers.map((p) => p.id), ['ok']);
    assert.equal(problems.length, 7);
    assert.match(problems[0], /id "bad url" may only use/);
    assert.match(problems[1], /must be openai, anthropic or cohere/);
    assert.match(problems[2], /unknown preset "nope"/);
    assert.match(problems[3], /duplicate id "ok"/);
    assert.match(problems[4], /not an http\(s\) URL/);
    assert.match(problems[5], /set "model"/);
    assert.match(problems[6], /not an object/);
  });

  it('says so when the setting is not a list', () => {
    const r = parseProviderSettings({ openai: true });
    assert.equal(r.providers.length, 0);
    assert.match(r.problems[0], /must be a list/);
  });

  it('binds keys to origins, not paths', () => {
    assert.equal(originOf('https://api.openai.com/v1'), 'https://api.openai.com');
    assert.equal(originOf('http://127.0.0.1:11434/v1'), 'http://127.0.0.1:11434');
    assert.notEqual(originOf('https://api.openai.com.evil.example/v1'), originOf('https://api.openai.com/v1'));
    assert.equal(originOf('javascript:alert(1)'), undefined);
  });
});
