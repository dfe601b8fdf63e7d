import * as assert from 'node:assert/strict';
import { redact } from '../../../src/core/redact';
import { ProviderError } from '../../../src/core/errors';

describe('redaction', () => {
  it('removes known secrets and key-shaped strings', () => {
    const key = 'sk-test-SWITCHBOARD-FAKE-KEY-123456';
    const out = redact(`Incorrect API key provided: ${key}. Authorization: Bearer abcdefghijklmnop`, [key]);
    assert.ok(!out.includes(key));
    assert.ok(!out.includes('abcdefghijklmnop'));
    assert.match(out, /Incorrect API key provided/);
  });

  it('removes custom keys that do not look like keys', () => {
    assert.equal(redact('token was plainsecretvalue', ['plainsecretvalue']), 'token was [redacted]');
  });

  it('gives actionable messages and keeps the partial text', () => {
    const e = new ProviderError({ kind: 'auth', providerId: 'openai', status: 401 }).withStream('Hel');
    assert.match(e.message, /Set API Key/);
    assert.equal(e.partialText, 'Hel');
    assert.equal(e.streamed, true);
    assert.equal(e.retryable, false);
    assert.equal(e.misconfigured, true);
  });
});
