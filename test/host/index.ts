// Test entry VS Code loads from extensionTestsPath (code-server via scripts/host/run.mjs, or
// desktop VS Code via scripts/host/electron.mjs). Runs out/test/host/**/*.test.js with mocha 11
// (CommonJS; mocha 12 is ESM-only) inside the real extension host.
// Env: SWITCHBOARD_HOST_MODE=restricted runs only *.restricted.test.js (untrusted workspace),
// otherwise those are left out; SWITCHBOARD_HOST_GREP=a,b keeps files whose path contains a or b.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import Mocha from 'mocha';

function testFiles(root: string): string[] {
  const restricted = process.env.SWITCHBOARD_HOST_MODE === 'restricted';
  const grep = (process.env.SWITCHBOARD_HOST_GREP ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    // out/ is not cleaned between builds: skip compiled tests whose source was deleted.
    .filter((f) => existsSync(join(root, '..', '..', '..', 'test', 'host', f.replace(/\.js$/, '.ts'))))
    .filter((f) => f.endsWith('.restricted.test.js') === restricted)
    .filter((f) => grep.length === 0 || grep.some((g) => f.includes(g)))
    .sort()
    .map((f) => join(root, f));
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const files = testFiles(__dirname);
  console.log(`host tests: ${files.length} file(s): ${files.map((f) => relative(__dirname, f)).join(', ')}`);
  if (files.length === 0) return Promise.reject(new Error('no host test files matched'));
  for (const f of files) mocha.addFile(f);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} host test(s) failed`)) : resolve()));
  });
}
