// `npm start`: builds and packages Switchboard, installs the .vsix into code-server (set up and
// cached as the test harness does), starts it on 127.0.0.1 and prints the URL. Ctrl+C stops all.
// With no API key saved, Switchboard offers its demo providers (loopback servers in-process).
// Env: SWITCHBOARD_PORT (default 8080), SWITCHBOARD_FOLDER (folder to open; default this repo).
// State (settings, installed extension, saved keys) persists in .vscode-test/start/ between runs.
// On a bare clone it first installs the npm dependencies (scripts/deps.mjs).
// `--smoke`: exit 0 once the workbench page is served with the extension installed (npm test's
// bare-clone check).
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureDefaultSettings, killGroup, OFFLINE_ENV, sandboxEnv } from './host/codeServer.mjs';
import { CS_ENTRY, NODE24, REPO } from './host/paths.mjs';
import { ensureDeps } from './deps.mjs';

ensureDeps('start');
const smoke = process.argv.includes('--smoke');

const port = Number(process.env.SWITCHBOARD_PORT) || 8080;
const folder = resolve(process.env.SWITCHBOARD_FOLDER || REPO);
const root = join(REPO, '.vscode-test', 'start');
const say = (m) => console.log(`[start] ${m}`);

function run(cmd, args, what) {
  say(what);
  const r = spawnSync(cmd, args, { cwd: REPO, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[start] ${what} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}

run(process.execPath, ['scripts/host/setup.mjs'], 'setting up code-server (cached after the first run)');
run(process.execPath, ['esbuild.mjs', '--production'], 'building');
run(
  process.execPath,
  [
    join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce'),
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    '--skip-license',
    '--no-rewrite-relative-links',
    '-o',
    'dist/switchboard.vsix',
  ],
  'packaging dist/switchboard.vsix',
);

const dirs = {
  root,
  home: join(root, 'home'),
  user: join(root, 'user'),
  ext: join(root, 'ext'),
  xdg: join(root, 'xdg'),
  config: join(root, 'config.yaml'),
  log: join(root, 'code-server.log'),
};
for (const d of [
  dirs.home,
  join(dirs.user, 'User'),
  dirs.ext,
  ...['config', 'data', 'cache', 'state', 'runtime'].map((s) => join(dirs.xdg, s)),
])
  mkdirSync(d, { recursive: true, mode: 0o700 });
writeFileSync(dirs.config, 'auth: none\n');
// Offline defaults (no auto-forwarded ports) are added to an existing settings.json too.
ensureDefaultSettings(join(dirs.user, 'User', 'settings.json'));
const env = { ...process.env, ...sandboxEnv(dirs), ...OFFLINE_ENV };
const common = [
  '--config',
  dirs.config,
  '--user-data-dir',
  dirs.user,
  '--extensions-dir',
  dirs.ext,
  '--disable-telemetry',
  '--disable-update-check',
];

run(
  NODE24,
  [CS_ENTRY, ...common, '--install-extension', join(REPO, 'dist', 'switchboard.vsix'), '--force'],
  'installing the extension into code-server',
);

say(`starting code-server on 127.0.0.1:${port}`);
const log = createWriteStream(dirs.log, { flags: 'a' });
const child = spawn(NODE24, [CS_ENTRY, ...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-workspace-trust', folder], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
child.stdout.pipe(log);
child.stderr.pipe(log);
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  say('stopping');
  await killGroup(child.pid);
  process.exit(code);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void stop(0));
child.on('exit', (code) => {
  if (!stopping) {
    console.error(`[start] code-server exited (${code}); see ${dirs.log}`);
    process.exit(1);
  }
});

const deadline = Date.now() + 30_000;
for (;;) {
  try {
    if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
  } catch { /* not yet */ }
  if (Date.now() > deadline) {
    console.error(`[start] code-server did not answer on port ${port} (is it in use? set SWITCHBOARD_PORT); log: ${dirs.log}`);
    await stop(1);
  }
  await new Promise((r) => setTimeout(r, 150));
}
const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;
if (smoke) {
  const page = await fetch(url);
  const installed =
    spawnSync(NODE24, [CS_ENTRY, ...common, '--list-extensions'], { env, encoding: 'utf8' }).stdout ?? '';
  const ok = page.ok && /switchboard-dev\.switchboard/.test(installed);
  say(ok ? `smoke: workbench served (HTTP ${page.status}) with the extension installed` : `smoke: FAILED (HTTP ${page.status}; extensions: ${installed.trim() || 'none'})`);
  await stop(ok ? 0 : 1);
}
console.log(`\n  Switchboard is running in VS Code at  ${url}\n`);
console.log('  Open the Switchboard icon in the activity bar to chat. With no API key saved, the demo providers answer;');
console.log('  "Switchboard: Set API Key" adds a real one. Press Ctrl+C to stop.\n');
