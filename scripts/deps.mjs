// Makes `npm start` and `npm test` work as the very first command on a bare clone: installs the
// project's dependencies (npm ci) when node_modules is missing or older than package-lock.json.
// Uses only Node's own modules, so it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
/** npm writes this at every install: its age tells whether node_modules matches the lockfile. */
const INSTALLED = join('node_modules', '.package-lock.json');
/** npm may write package-lock.json a moment after node_modules during `npm install <pkg>`. */
const SLACK_MS = 5000;

/** 'missing', 'stale' or 'ok' for the dependencies of the checkout at `repo`. */
export function depsState(repo = REPO) {
  const installed = join(repo, INSTALLED);
  if (!existsSync(installed)) return 'missing';
  return statSync(installed).mtimeMs + SLACK_MS < statSync(join(repo, 'package-lock.json')).mtimeMs ? 'stale' : 'ok';
}

/** Installs dependencies when needed; exits the process with a clear message if that fails. */
export function ensureDeps(tag, repo = REPO) {
  const state = depsState(repo);
  if (state === 'ok') return;
  console.log(
    state === 'missing'
      ? `[${tag}] first run: installing dependencies from package-lock.json (npm ci, about 30 s)`
      : `[${tag}] package-lock.json changed: updating dependencies (npm ci)`,
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[${tag}] installing dependencies failed (npm ci exit ${r.status}). Check that the npm registry is reachable, then run the command again.`);
    process.exit(r.status || 1);
  }
}
