import * as assert from 'node:assert/strict';
import { redact } from '../../../src/core/redact';
import { ProviderError } from '../../../src/core/errors';
import { SECRET_PATTERNS } from '../../../src/core/secretPatterns';
import { findSecrets } from '../../../src/resilience/sensitivity';

// Assembled at runtime so no scanner mistakes this file for one holding real secrets.
const r = (n: number, s = 'aB3dE5gH7j') => s.repeat(Math.ceil(n / s.length)).slice(0, n);
/** One sample per shared secret shape; each is what must vanish from a log line. */
const SECRETS: Record<string, string> = {
  'Anthropic key': `sk-ant-api03-${r(60)}`,
  'OpenAI key': `sk-proj-${r(40)}`,
  'AWS access key': `AKIA${'IOSFODNN7EXAMPLE'}`,
  'private key block': `-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA${r(40)}\n-----END RSA PRIVATE KEY-----`,
  'GitHub token': `ghp_${r(36)}`,
  'Slack token': `xoxb-${'1234567890'}-${r(24)}`,
  'Google API key': `AIza${r(35)}`,
  'Stripe key': `sk_live_${r(24)}`,
  JWT: `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${r(43)}`,
};

describe('redaction', () => {
  it('removes known secrets and key-shaped strings', () => {
    const key = 'sk-test-SWITCHBOARD-FAKE-KEY-123456';
    const out = redact(`Incorrect API key provided: ${key}. Authorization: Bearer abcdefghijklmnop`, [key]);
    assert.ok(!out.includes(key));
    assert.ok(!out.includes('abcdefghijklmnop'));
    assert.match(out, /Incorrect API key provided/);
  });

  it('removes every secret shape sensitivity detects (AWS, GitHub, JWT, private keys included)', () => {
    assert.deepEqual(Object.keys(SECRETS).sort(), SECRET_PATTERNS.map((p) => p.name).sort(), 'a sample per shape');
    for (const [name, secret] of Object.entries(SECRETS)) {
      const line = `upstream said: ${secret} (while cloning)`;
      assert.ok(findSecrets(line).includes(name), `detection knows ${name}`);
      const out = redact(line);
      assert.ok(!out.includes(secret), `${name} survived: ${out}`);
      assert.match(out, /^upstream said: \[redacted\]/, name);
      assert.match(out, /\(while cloning\)$/, `${name}: text after the secret is kept`);
    }
    const body = `MIIEowIBAAKCAQEA${r(40)}`;
    assert.ok(
      !redact(`key:\n-----BEGIN PRIVATE KEY-----\n${body}`).includes(body),
      'a cut-off key block loses its body too',
    );
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
