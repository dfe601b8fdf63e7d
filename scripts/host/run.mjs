// Runs the host test suites (out/test/host/**/*.test.js) inside a real VS Code: code-server's
// Node extension host, driven by Debian chromium. Exits with the mocha result.
//   node scripts/host/run.mjs [--restricted] [--no-build] [--keep]
//   --restricted   keep Workspace Trust on (untrusted folder) and run only *.restricted.test.js
//   --no-build     skip `node esbuild.mjs` + `node esbuild.mjs --tests`
//   --keep         keep the temp sandbox (logs, user data) for debugging
// Env: SWITCHBOARD_HOST_GREP=a,b   run only test files whose path contains one of these
//      SWITCHBOARD_HOST_TIMEOUT_MS  overall limit (default 360000)
//      SWITCHBOARD_HOST_VERBOSE=1   also print browser console errors and the code-server log
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { REPO } from './paths.mjs';
import { extensionTestPayload, launchBrowser, startCodeServer, workbenchUrl } from './codeServer.mjs';

const argv = new Set(process.argv.slice(2));
const restricted = argv.has('--restricted');
const verbose = !!process.env.SWITCHBOARD_HOST_VERBOSE;
const timeoutMs = Number(process.env.SWITCHBOARD_HOST_TIMEOUT_MS) || 360_000;
const t0 = Date.now();
/** First line test/host/index.ts logs: everything after it is test output. */
const RUNNER_MARK = 'host tests:';
/** Workbench chatter that is expected offline (GitHub sign-in, open-vsx gallery); shown with VERBOSE. */
const NOISE = [/^\[(AgentHost|ChatModelSelection|AccountPolicyGate)\b/, /ENOTFOUND open-vsx\.org/, /^Canceled: Canceled/, /authentication provider 'github'/];
const say = (msg) => console.log(`[host] ${msg} (+${((Date.now() - t0) / 1000).toFixed(1)}s)`);

function build() {
  for (const args of [['esbuild.mjs'], ['esbuild.mjs', '--tests']]) {
    const r = spawnSync(process.execPath, args, { cwd: REPO, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed`);
  }
}

let server;
let browser;
let started = false; // the test runner inside the host has begun
const early = [];
let cleaning;
async function cleanup() {
  cleaning ??= (async () => {
    await browser?.close();
    await server?.stop();
  })();
  return cleaning;
}

async function finish(code, why) {
  if (why) console.error(`[host] ${why}`);
  if (code !== 0 && server && !started) {
    console.error(`[host] workbench log before the test runner started:\n${early.slice(-60).join('\n') || '(none)'}`);
    console.error(`[host] code-server log tail:\n${server.logTail(40)}`);
  }
  await cleanup();
  say(code === 0 ? 'passed' : 'FAILED');
  process.exit(code);
}

const SIGNALS = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
for (const [sig, code] of Object.entries(SIGNALS)) process.on(sig, () => finish(code, `received ${sig}, stopping`));
setTimeout(() => finish(1, `timed out after ${timeoutMs} ms`), timeoutMs);

async function main() {
  if (!argv.has('--no-build')) {
    say('building dist/ and out/');
    build();
  }
  const env = { SWITCHBOARD_HOST_MODE: restricted ? 'restricted' : 'trusted' };
  if (process.env.SWITCHBOARD_HOST_GREP) env.SWITCHBOARD_HOST_GREP = process.env.SWITCHBOARD_HOST_GREP;
  server = await startCodeServer({ trusted: !restricted, env, keep: argv.has('--keep') });
  say(`code-server on ${server.origin} (${restricted ? 'restricted mode' : 'trusted'}), sandbox ${server.dirs.root}`);
  const workspace = server.dirs.workspace;
  writeFileSync(join(workspace, 'README.md'), '# Switchboard host-test workspace\n');

  browser = await launchBrowser(server.dirs);
  const { page } = browser;
  let exitWith;
  const result = new Promise((r) => { exitWith = r; });
  // Both must exist before the workbench loads: the test runner reports through them.
  // Workbench chatter before the test runner starts is kept back, and shown only on failure.
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const line = format(...(Array.isArray(args) ? args : [args]));
    if (!started && line.startsWith(RUNNER_MARK)) {
      started = true;
      say('test runner started');
    }
    if (!verbose && NOISE.some((re) => re.test(line))) return;
    if (!started && !verbose) return void early.push(line);
    (type === 'error' ? console.error : console.log)(verbose ? `[${((Date.now() - t0) / 1000).toFixed(1)}s] ${line}` : line);
  });
  await page.exposeFunction('codeAutomationExit', (code) => exitWith(Number(code)));
  page.on('crash', () => finish(1, 'the browser page crashed'));
  browser.context.on('close', () => cleaning || finish(1, 'the browser closed unexpectedly'));
  if (verbose) page.on('console', (m) => m.type() === 'error' && console.error(`[browser] ${m.text()}`));
  const url = workbenchUrl(
    server,
    workspace,
    extensionTestPayload(server, REPO, join(REPO, 'out', 'test', 'host', 'index')),
  );
  say('opening the workbench; tests run in the extension host');
  await page.goto(url);
  const code = await result;
  if (verbose) console.log(server.logTail(200));
  await finish(code, code === 0 ? '' : `extension tests exited with code ${code}`);
}

main().catch((err) => finish(1, err?.stack || String(err)));
