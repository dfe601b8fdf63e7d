// Starts code-server (VS Code in a browser, from the per-user cache, see paths.mjs) on loopback with throwaway
// state, and Debian chromium through playwright-core. Shared by the host tests (run.mjs), the
// browser E2E suites and `npm start`. Run `node scripts/host/setup.mjs` first.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CS_ENTRY, NODE24, isReady } from './paths.mjs';

/** Flags that keep chromium quiet on a machine without internet. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** User settings for a quiet, offline host; callers can add or override through options.settings. */
export const DEFAULT_SETTINGS = {
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'github.gitAuthentication': false,
  // The demo providers are loopback servers inside the extension host: they are not the user's
  // app, and code-server must not list them as forwarded ports (or offer to open them).
  'remote.autoForwardPorts': false,
};

/** No extension gallery: open-vsx is out of reach here, and nothing may leave 127.0.0.1. */
const NO_GALLERY = 'http://127.0.0.1:9/gallery';

/**
 * Environment that keeps code-server on 127.0.0.1 (no extension-gallery requests). `npm start`
 * and the E2E suite launch with this same environment and DEFAULT_SETTINGS, so what the E2E
 * proves about requests and ports holds for `npm start`.
 */
export const OFFLINE_ENV = {
  EXTENSIONS_GALLERY: JSON.stringify({
    serviceUrl: NO_GALLERY,
    itemUrl: NO_GALLERY,
    resourceUrlTemplate: `${NO_GALLERY}/{path}`,
    controlUrl: '',
    recommendationsUrl: '',
  }),
};

/** Writes settings.json with DEFAULT_SETTINGS for every key it does not set yet (a user's own values stay). */
export function ensureDefaultSettings(file, extra = {}) {
  let current = {};
  try { current = JSON.parse(readFileSync(file, 'utf8')); } catch { /* new or unreadable: start over */ }
  writeFileSync(file, JSON.stringify({ ...DEFAULT_SETTINGS, ...extra, ...current }, null, 2));
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

/** A fresh temp folder with the sub-folders a code-server + chromium session writes to. */
export function makeSandbox(prefix = 'switchboard-host-') {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const dirs = {
    root,
    home: '',
    user: '',
    ext: '',
    xdg: '',
    workspace: '',
    profile: '',
    config: join(root, 'config.yaml'),
    log: join(root, 'code-server.log'),
  };
  for (const name of ['home', 'user', 'ext', 'xdg', 'workspace', 'profile']) {
    dirs[name] = join(root, name);
    mkdirSync(dirs[name], { recursive: true });
  }
  for (const sub of ['config', 'data', 'cache', 'state', 'runtime'])
    mkdirSync(join(dirs.xdg, sub), { recursive: true, mode: 0o700 });
  return dirs;
}

/** HOME and XDG_* pointing into the sandbox, so nothing lands in the real ~/.config etc. */
export function sandboxEnv(dirs) {
  return {
    HOME: dirs.home,
    XDG_CONFIG_HOME: join(dirs.xdg, 'config'),
    XDG_DATA_HOME: join(dirs.xdg, 'data'),
    XDG_CACHE_HOME: join(dirs.xdg, 'cache'),
    XDG_STATE_HOME: join(dirs.xdg, 'state'),
    XDG_RUNTIME_DIR: join(dirs.xdg, 'runtime'),
  };
}

const groupAlive = (pid) => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Kills a whole process group: SIGTERM, then SIGKILL after graceMs. */
export async function killGroup(pid, graceMs = 3000) {
  if (!pid || !groupAlive(pid)) return;
  try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
}

/**
 * Starts code-server in its own process group (setsid) on 127.0.0.1:<free port>.
 * options: trusted (default true; false keeps Workspace Trust on, i.e. restricted mode),
 * env (extra variables, inherited by the extension host), extraArgs, dirs (from makeSandbox),
 * settings (user settings.json entries over DEFAULT_SETTINGS), keep (do not delete the sandbox on stop).
 */
export async function startCodeServer(options = {}) {
  if (!isReady()) throw new Error('code-server is not set up: run `npm run setup:host` first');
  const dirs = options.dirs ?? makeSandbox();
  const port = await freePort();
  writeFileSync(dirs.config, 'auth: none\n');
  mkdirSync(join(dirs.user, 'User'), { recursive: true });
  writeFileSync(
    join(dirs.user, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...options.settings }, null, 2),
  );
  const args = [
    CS_ENTRY,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--config', dirs.config,
    '--user-data-dir', dirs.user,
    '--extensions-dir', dirs.ext,
    '--disable-telemetry',
    '--disable-update-check',
    '--vscode-option', 'enable-smoke-test-driver',
    ...(options.trusted === false ? [] : ['--disable-workspace-trust']),
    ...(options.extraArgs ?? []),
  ];
  const out = createWriteStream(dirs.log);
  // detached: the child calls setsid(), so it leads a new process group we can kill as a whole.
  const child = spawn(NODE24, args, {
    cwd: dirs.root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...sandboxEnv(dirs), ...options.env },
  });
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  const pid = child.pid;
  let exited = false;
  child.on('exit', () => { exited = true; });
  const killSync = () => { try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ } };
  process.on('exit', killSync);

  const server = {
    port,
    pid,
    dirs,
    origin: `http://127.0.0.1:${port}`,
    remote: `vscode-remote://127.0.0.1:${port}`,
    logTail: (n = 30) => {
      try {
        return readFileSync(dirs.log, 'utf8').split('\n').slice(-n).join('\n');
      } catch {
        return '';
      }
    },
    async stop() {
      await killGroup(pid);
      process.off('exit', killSync);
      out.end();
      if (!options.keep) rmSync(dirs.root, { recursive: true, force: true, maxRetries: 3 });
    },
  };
  const deadline = Date.now() + 20000;
  for (;;) {
    if (exited) break;
    try {
      const res = await fetch(`${server.origin}/healthz`);
      if (res.ok) return server;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const tail = server.logTail();
  await server.stop();
  throw new Error(`code-server did not become healthy on port ${port}${exited ? ' (it exited)' : ''}:\n${tail}`);
}

/** URL that opens `folder` with extra workbench payload entries, e.g. [['skipWelcome','true']]. */
export function workbenchUrl(server, folder, payload = []) {
  const q = `folder=${encodeURIComponent(folder)}`;
  return payload.length ? `${server.origin}/?${q}&payload=${encodeURIComponent(JSON.stringify(payload))}` : `${server.origin}/?${q}`;
}

/** Payload that loads the extension at extPath in development mode and runs testsPath (module, no .js). */
export function extensionTestPayload(server, extPath, testsPath) {
  return [
    ['extensionDevelopmentPath', `${server.remote}${extPath}`],
    ['extensionTestsPath', `${server.remote}${testsPath}`],
    ['skipWelcome', 'true'],
  ];
}

/** Launches Debian chromium with a fresh profile in the sandbox. Returns { context, page, close }. */
export async function launchBrowser(dirs, options = {}) {
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(dirs.profile, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    env: { ...process.env, ...sandboxEnv(dirs) },
    viewport: options.viewport ?? { width: 1400, height: 900 },
    // The caller owns shutdown (it must stop code-server too); playwright still kills the
    // browser if the process exits.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await Promise.race([context.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
  };
  return { context, page, close };
}
