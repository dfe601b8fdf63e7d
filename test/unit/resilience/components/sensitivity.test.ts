import * as assert from 'node:assert/strict';
import type { SensitivitySettings } from '../../../../src/resilience/api';
import { matchesGlob } from '../../../../src/resilience/sensitivity/glob';
import { allowedProvider, classifyRequest, findSecrets } from '../../../../src/resilience/sensitivity';

// Assembled at runtime so no scanner mistakes this file for one holding real secrets.
const r = (n: number, s = 'aB3dE5gH7j') => s.repeat(Math.ceil(n / s.length)).slice(0, n);
const SAMPLES: Record<string, string> = {
  'OpenAI key': `client = OpenAI(api_key="sk-proj-${r(40)}")`,
  'Anthropic key': `ANTHROPIC=sk-ant-api03-${r(60)}`,
  'AWS access key': `aws_access_key_id = AKIA${'IOSFODNN7EXAMPLE'}`,
  'private key block': `-----BEGIN RSA PRIVATE KEY-----\nMIIEow...\n-----END RSA PRIVATE KEY-----`,
  'GitHub token': `git clone https://ghp_${r(36)}@github.com/x/y`,
  'Slack token': `slack: xoxb-${'1234567890'}-${r(24)}`,
  JWT: `Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${r(43)}`,
  'generic api_key= assignment': `config = { "client_secret": "${r(32)}" }`,
};

const settings: SensitivitySettings = {
  detectSecrets: true,
  fileGlobs: ['**/.env', '**/secrets/**', '*.pem'],
  allowedTrust: ['local'],
};
const user = (content: string) => [{ role: 'user' as const, content }];

function expectGlobs(yes: [string, string][], no: [string, string][]): void {
  for (const [p, g] of yes) assert.ok(matchesGlob(p, g), `${p} should match ${g}`);
  for (const [p, g] of no) assert.ok(!matchesGlob(p, g), `${p} should not match ${g}`);
}

describe('sensitivity', () => {
  it('names each kind of secret it finds', () => {
    for (const [name, text] of Object.entries(SAMPLES))
      assert.ok(findSecrets(text).includes(name), `${name} in ${text.slice(0, 20)}`);
    assert.deepEqual(
      findSecrets(SAMPLES['Anthropic key']),
      ['Anthropic key'],
      'an Anthropic key is not also an OpenAI key',
    );
    assert.deepEqual(findSecrets('DB_PASSWORD=hunter2hunter2hunter2'), ['generic api_key= assignment']);
    assert.deepEqual(findSecrets('export GITHUB_TOKEN=abc123def456ghi789'), ['generic api_key= assignment']);
  });

  it('does not flag ordinary code', () => {
    const code = [
      `const apiKey = await secrets.get('openai');`,
      `const token = getToken(); password: string; let secret_key = process.env.SECRET_KEY;`,
      `tokenizer = "bert-base-uncased-v2-1234"; max_tokens: 1234567890123456`,
      `API_KEY=your-api-key-here`,
      `commit 3f2a9c1b7e4d5f6a8b9c0d1e2f3a4b5c6d7e8f90 uuid 123e4567-e89b-12d3-a456-426614174000`,
      `risk-assessment-framework-documentation ask-me-anything-about-everything`,
      `import { useState } from 'react'; const eyJ = 1; // public key: -----BEGIN PUBLIC KEY-----`,
      `password = "correct horse battery staple"`,
    ].join('\n');
    assert.deepEqual(findSecrets(code), []);
  });

  it('classifies flagged, secret-bearing and glob-matching requests, without echoing the secret', () => {
    assert.deepEqual(classifyRequest({ messages: user('hi') }, settings), { sensitive: false });
    assert.equal(classifyRequest({ messages: user('hi'), sensitive: true }, settings).sensitive, true);
    const secret = classifyRequest(
      { messages: [{ role: 'system', content: 'x' }, ...user(`fix ${SAMPLES['OpenAI key']}`)] },
      settings,
    );
    assert.equal(secret.sensitive, true);
    assert.match(secret.reason!, /OpenAI key/);
    assert.ok(!secret.reason!.includes('sk-proj-'));
    assert.equal(
      classifyRequest({ messages: user(SAMPLES['OpenAI key']) }, { ...settings, detectSecrets: false }).sensitive,
      false,
    );
    const file = classifyRequest({ messages: user('hi'), files: ['/home/me/app/.env'] }, settings);
    assert.deepEqual(file, { sensitive: true, reason: 'file /home/me/app/.env matches **/.env' });
    assert.equal(classifyRequest({ messages: user('hi'), files: ['/home/me/app/env.ts'] }, settings).sensitive, false);
  });

  it('routes sensitive requests only to allowed trust labels', () => {
    assert.equal(allowedProvider('cloud', false, settings), true);
    assert.equal(allowedProvider('cloud', true, settings), false);
    assert.equal(allowedProvider('local', true, settings), true);
  });

  it('matches globs with **, *, ?, {a,b} and Windows paths', () => {
    const yes: [string, string][] = [
      ['.env', '**/.env'],
      ['/a/b/.env', '**/.env'],
      ['C:\\work\\app\\.env', '**/.env'],
      ['/a/secrets/deep/k.txt', '**/secrets/**'],
      ['/home/me/proj/secrets/k.txt', 'secrets/**'],
      ['/x/server.PEM', '*.pem'],
      ['/x/id_rsa', 'id_rs?'],
      ['/x/app.key', '*.{pem,key}'],
      ['src/a/b/c.test.ts', 'src/**/*.test.ts'],
      ['src/c.test.ts', 'src/**/*.test.ts'],
    ];
    const no: [string, string][] = [
      ['/a/b/.env.ts', '**/.env'],
      ['/a/b/my.env', '**/.env'],
      ['/a/notsecrets/k.txt', '**/secrets/**'],
      ['/x/dir/file.ts', '/x/*.ts'],
      ['/x/id_rsa.pub', 'id_rs?'],
      ['/x/app.crt', '*.{pem,key}'],
      ['/x/a+b.txt', 'a.b.txt'],
    ];
    expectGlobs(yes, no);
  });

  it('matches [abc] character classes and ! negation (which once silently matched nothing)', () => {
    const yes: [string, string][] = [
      ['/srv/db1.key', 'db[0-9].key'],
      ['/srv/b.env', '[abc].env'],
      ['C:\\srv\\conf\\prod.yaml', '**/conf/[!d]*.yaml'],
      ['/repo/src/app.ts', '!**/*.md'],
      ['/repo/src/app.ts', '!*.md'],
    ];
    const no: [string, string][] = [
      ['/srv/dbx.key', 'db[0-9].key'],
      ['/srv/d.env', '[abc].env'],
      ['/srv/conf/dev.yaml', '**/conf/[!d]*.yaml'],
      ['/repo/README.md', '!**/*.md'],
      ['/repo/docs/README.md', '!*.md'],
    ];
    expectGlobs(yes, no);
    // What the user notices: the selection from such a file stays on an allowed provider.
    const s = { ...settings, fileGlobs: ['db[0-9].key', '!**/*.md'] };
    assert.deepEqual(
      classifyRequest({ messages: user('hi'), files: ['/srv/db7.key'] }, { ...s, fileGlobs: ['db[0-9].key'] }),
      {
        sensitive: true,
        reason: 'file /srv/db7.key matches db[0-9].key',
      },
    );
    assert.equal(classifyRequest({ messages: user('hi'), files: ['/repo/notes.md'] }, s).sensitive, false);
    assert.equal(classifyRequest({ messages: user('hi'), files: ['/repo/prod.tfvars'] }, s).sensitive, true);
  });
});
