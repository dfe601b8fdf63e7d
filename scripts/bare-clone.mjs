// npm test's bare-clone stage: the README promises that `npm test` and `npm start` each work as
// the very first command on a fresh clone. This clones the committed HEAD into a temporary folder
// (no node_modules) and runs both there: `npm test -- typecheck` (installs, then type-checks) and,
// after removing node_modules again, `npm start -- --smoke` (installs, builds, packages, starts
// code-server on a free loopback port and checks the workbench is served with the extension).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './host/codeServer.mjs';
import { REPO } from './host/paths.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const tmp = mkdtempSync(join(tmpdir(), 'switchboard-bare-'));
const dir = join(tmp, 'switchboard');
let failed = 0;

function check(name, ok, detail = '') {
  console.log(`  ${ok ? '✔' : '✘'} ${name}${ok ? '' : `\n      ${detail}`}`);
  if (!ok) failed++;
}

/** Runs a command in the clone; resolves with its exit code and output (also echoed, indented). */
function run(args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(npm, args, { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let line = '';
    const tee = (d) => {
      out += d.toString();
      const lines = (line + d.toString()).split('\n');
      line = lines.pop() ?? '';
      for (const l of lines) console.log(`    | ${l}`);
    };
    child.stdout.on('data', tee);
    child.stderr.on('data', tee);
    child.on('close', (code) => {
      if (line) console.log(`    | ${line}`);
      resolve({ code: code ?? 1, out });
    });
  });
}

try {
  const clone = spawnSync('git', ['clone', '--quiet', REPO, dir], { encoding: 'utf8' });
  check('git clone of HEAD', clone.status === 0, clone.stderr);
  if (clone.status === 0) {
    const t0 = Date.now();
    const test = await run(['test', '--', 'typecheck']);
    check(`npm test is the first command on a bare clone: it installs, then runs (${Math.round((Date.now() - t0) / 1000)} s)`,
      test.code === 0 && /first run: installing dependencies/.test(test.out) && /^ok +typecheck/m.test(test.out), `exit ${test.code}`);
    rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
    const t1 = Date.now();
    const start = await run(['start', '--', '--smoke'], { SWITCHBOARD_PORT: String(await freePort()) });
    check(`npm start is the first command on a bare clone: it installs, builds and serves VS Code with Switchboard (${Math.round((Date.now() - t1) / 1000)} s)`,
      start.code === 0 && /first run: installing dependencies/.test(start.out) && /smoke: workbench served/.test(start.out), `exit ${start.code}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
