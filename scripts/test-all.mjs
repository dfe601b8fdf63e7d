// `npm test`: every suite, in order, then a scan of everything they printed for API keys.
//   typecheck -> lint (import boundaries, line length) -> unit (plain Node, incl. reliability +
//   benchmark smoke) -> bare clone (npm test and
//   npm start as the first command of a fresh clone) -> real VS Code host
//   (trusted, then restricted mode) -> browser E2E.
// Tests use recognisable fake keys (they all contain "FAKEKEY"); if any suite's output shows
// one, or anything shaped like a real key, the run fails even when every test passed.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDeps } from './deps.mjs';

ensureDeps('test');

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const STAGES = [
  ['typecheck', npm, ['run', '-s', 'typecheck']],
  ['lint', npm, ['run', '-s', 'lint']],
  ['unit', npm, ['run', '-s', 'test:unit']],
  ['bare-clone', process.execPath, ['scripts/bare-clone.mjs']],
  ['host', npm, ['run', '-s', 'test:host']],
  ['e2e', npm, ['run', '-s', 'test:e2e']],
];
const only = process.argv.slice(2);
const LEAK = [/FAKEKEY/, /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}/, /\bdemo-[0-9a-f]{24}\b/];

function run(name, cmd, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n=== ${name} ===`);
    const child = spawn(cmd, args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let out = '';
    const tee = (stream) => (d) => {
      out += d.toString();
      stream.write(d);
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    child.on('close', (code) => resolve({ name, code: code ?? 1, out, seconds: (Date.now() - started) / 1000 }));
  });
}

const results = [];
for (const [name, cmd, args] of STAGES) {
  if (only.length && !only.includes(name)) continue;
  const r = await run(name, cmd, args);
  results.push(r);
  if (r.code !== 0) break;
}
let leaks = 0;
for (const r of results) {
  r.out.split('\n').forEach((line, i) => {
    if (LEAK.some((re) => re.test(line))) {
      leaks++;
      console.error(`key-shaped text in ${r.name} output, line ${i + 1} (not shown)`);
    }
  });
}
console.log('\n=== summary ===');
for (const r of results) console.log(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds.toFixed(0)} s)`);
console.log(`${leaks === 0 ? 'ok  ' : 'FAIL'} no API key in any test output (${leaks} found)`);
// Mocha prints "N passing" / "N failing"; the E2E runner prints one ✔ or ✘ line per check.
const sum = (out, re) => [...out.matchAll(re)].reduce((m, x) => m + Number(x[1]), 0);
const tally = (r, mochaRe, markRe) => (/^\s*\d+ passing/m.test(r.out) ? sum(r.out, mochaRe) : (r.out.match(markRe) ?? []).length);
const passed = results.reduce((n, r) => n + tally(r, /^\s*(\d+) passing/gm, /^\s*✔ /gm), 0);
const failedTests = results.reduce((n, r) => n + tally(r, /^\s*(\d+) failing/gm, /^\s*✘ /gm), 0);
const stagesFailed = results.filter((r) => r.code !== 0).length;
const ranAll = results.length === (only.length || STAGES.length);
// Mocha's counts over every suite; a failed stage or a leak counts as one failure more.
const failed = Math.max(failedTests, stagesFailed) + (leaks ? 1 : 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && stagesFailed === 0 && ranAll ? 0 : 1);
