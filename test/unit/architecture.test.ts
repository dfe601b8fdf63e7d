import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const SRC = resolve(__dirname, '..', '..', '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const rel = (p: string) => relative(SRC, p).split('\\').join('/');
const imports = (p: string) => [...readFileSync(p, 'utf8').matchAll(/(?:from\s+|require\()\s*'([^']+)'/g)].map((m) => m[1]);

describe('architecture', () => {
  it('only src/vscode/ and src/extension.ts import the vscode runtime', () => {
    const offenders = files(SRC).filter((p) => !/^(vscode\/|extension\.ts$)/.test(rel(p)) && imports(p).includes('vscode'));
    assert.deepEqual(offenders.map(rel), []);
  });

  it('provider SDKs are loaded only by their provider folder, lazily, never a subpath at runtime', () => {
    const sdk = /^(openai|@anthropic-ai\/sdk|cohere-ai)(\/|$)/;
    for (const p of files(SRC)) {
      const text = readFileSync(p, 'utf8');
      for (const m of text.matchAll(/require\('([^']+)'\)/g)) {
        if (!sdk.test(m[1])) continue;
        assert.match(rel(p), /^providers\/(openai|anthropic|cohere)\/sdk\.ts$/, `${rel(p)} requires ${m[1]}`);
        assert.ok(!m[1].includes('/') || m[1] === '@anthropic-ai/sdk', `${rel(p)} requires a subpath ${m[1]}`);
      }
      for (const m of text.matchAll(/^import\s+(?!type\b)[^;]*from\s+'([^']+)'/gm)) {
        assert.ok(!sdk.test(m[1]), `${rel(p)} imports ${m[1]} at load time (use import type + the provider's sdk.ts)`);
      }
    }
  });

  it('core/ imports nothing else from src/, and webview/ only core/', () => {
    for (const p of files(SRC)) {
      const r = rel(p);
      const local = imports(p).filter((i) => i.startsWith('.'));
      if (r.startsWith('core/')) assert.deepEqual(local.filter((i) => !i.startsWith('./')), [], r);
      if (r.startsWith('webview/')) {
        for (const i of local) {
          const target = rel(resolve(join(SRC, r, '..'), i));
          assert.ok(target.startsWith('webview/') || target.startsWith('core/'), `${r} imports ${i}`);
        }
      }
    }
  });
});
