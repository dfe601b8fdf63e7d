// Browser end-to-end suite: the packaged extension (.vsix) installed in a real VS Code
// (code-server, from the per-user cache, see paths.mjs) and driven through Debian chromium like a user would:
// palette, chat view, status bar, dashboard. Providers are the built-in demo providers plus a
// scriptable loopback provider owned by this process (added to settings.json mid-run).
//   node test/e2e/run.mjs [--no-build] [--keep] [--headed] [--screenshots]
//     [--only=chat,views,hostile,deployments,workflow,context (any of them)]
// Env: SWITCHBOARD_E2E_TIMEOUT_MS overall limit (default 400000), SWITCHBOARD_E2E_VERBOSE=1.
// Run `node scripts/host/setup.mjs` first. Exits non-zero when any step fails; always stops
// code-server's whole process group and the browser. Screenshots go to results/e2e/ (ignored);
// only --screenshots (`npm run screenshots`) copies them over README's media/screenshots/, so
// `npm test` never rewrites a tracked file.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CS_ENTRY, NODE24, REPO } from '../../scripts/host/paths.mjs';
import {
  launchBrowser,
  makeSandbox,
  OFFLINE_ENV,
  sandboxEnv,
  startCodeServer,
  workbenchUrl,
} from '../../scripts/host/codeServer.mjs';
import { watchBrowser } from './lib/observe.mjs';

const argv = process.argv.slice(2);
const flag = (f) => argv.includes(f);
const only = argv.find((a) => a.startsWith('--only='))?.slice(7);
const verbose = !!process.env.SWITCHBOARD_E2E_VERBOSE;
const timeoutMs = Number(process.env.SWITCHBOARD_E2E_TIMEOUT_MS) || 400_000;
const t0 = Date.now();
const elapsed = () => `+${((Date.now() - t0) / 1000).toFixed(1)}s`;
const say = (msg) => console.log(`[e2e] ${msg} (${elapsed()})`);
export const RESULTS = join(REPO, 'results', 'e2e');
mkdirSync(RESULTS, { recursive: true });

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: REPO, stdio: verbose ? 'inherit' : 'pipe', encoding: 'utf8', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${(r.stdout ?? '') + (r.stderr ?? '')}`.slice(0, 4000));
  return r;
}

let sandbox;
let server;
let browser;
const servers = [];
let cleaning;
async function cleanup() {
  cleaning ??= (async () => {
    await browser?.close();
    if (server) await server.stop();
    else if (sandbox && !flag('--keep')) rmSync(sandbox.root, { recursive: true, force: true });
    await Promise.all(servers.map((s) => s.close().catch(() => {})));
  })();
  return cleaning;
}
async function finish(code, why) {
  if (why) console.error(`[e2e] ${why}`);
  if (code !== 0 && server) console.error(`[e2e] code-server log tail:\n${server.logTail(25)}`);
  await cleanup();
  say(code === 0 ? 'passed' : 'FAILED');
  process.exit(code);
}
for (const [sig, code] of Object.entries({ SIGHUP: 129, SIGINT: 130, SIGTERM: 143 }))
  process.on(sig, () => finish(code, `received ${sig}, stopping`));
setTimeout(() => finish(1, `timed out after ${timeoutMs} ms`), timeoutMs).unref();

async function main() {
  const dirs = (sandbox = makeSandbox('switchboard-e2e-'));
  if (!flag('--no-build')) {
    say('building (production bundle + out/ for the loopback servers)');
    run(process.execPath, ['esbuild.mjs', '--production']);
    run(process.execPath, ['esbuild.mjs', '--tests']);
  }
  const vsix = join(dirs.root, 'switchboard.vsix');
  run(join(REPO, 'node_modules', '.bin', 'vsce'), [
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    '--skip-license',
    '--no-rewrite-relative-links',
    '-o',
    vsix,
  ]);
  say(`packaged ${(statSync(vsix).size / 1024).toFixed(0)} KB .vsix`);
  run(NODE24, [CS_ENTRY, '--install-extension', vsix, '--extensions-dir', dirs.ext, '--user-data-dir', dirs.user], {
    env: { ...process.env, ...sandboxEnv(dirs) },
  });
  say('installed it into code-server');

  const require = createRequire(import.meta.url);
  const { LoopbackServer } = require(join(REPO, 'out', 'src', 'loopback', 'server.js'));
  const { openAiFormat } = require(join(REPO, 'out', 'src', 'loopback', 'formats', 'openai.js'));
  // A local OpenAI-compatible provider this process scripts, and a canary: any request to the
  // canary (from the browser or from the extension host) means model output was fetched.
  const scripted = await LoopbackServer.start(openAiFormat(), {
    defaultScript: { text: 'The scripted provider answers.' },
  });
  const canary = await LoopbackServer.start(openAiFormat());
  servers.push(scripted, canary);

  // Machine-scoped settings (switchboard.providers) are read from the remote machine's settings
  // in code-server; no configured provider: the built-in demo providers answer.
  mkdirSync(join(dirs.user, 'Machine'), { recursive: true });
  // One fallback chain over two demo providers: the chat's picker offers it in its own group.
  const machine = {
    'switchboard.providers': [],
    'switchboard.chains': [{ id: 'demo-chain', label: 'Demo chain', steps: ['demo-anthropic', 'demo-openai'] }],
  };
  writeFileSync(join(dirs.user, 'Machine', 'settings.json'), JSON.stringify(machine, null, 2));
  const settings = {
    'switchboard.hedging.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.commandCenter.enabled': false,
    'workbench.colorTheme': 'Default Dark Modern',
  };
  // The same environment and default settings as `npm start` (no gallery, no auto-forwarded ports).
  server = await startCodeServer({ dirs, settings, env: OFFLINE_ENV, keep: flag('--keep') });
  say(`code-server on ${server.origin}, sandbox ${dirs.root}`);
  browser = await launchBrowser(dirs, { headless: !flag('--headed'), viewport: { width: 1280, height: 800 } });
  const { page, context } = browser;
  const observed = await watchBrowser(context, page, server.port, join(dirs.ext, `switchboard-dev.switchboard-${JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version}`, 'media') + '/');
  page.on('crash', () => finish(1, 'the browser page crashed'));
  await page.goto(workbenchUrl(server, dirs.workspace, [['skipWelcome', 'true']]));

  const ctx = { page, context, server, dirs, scripted, canary, settings, observed, results: RESULTS, say };
  const specs = [
    ['chat', './specs/chat.spec.mjs'],
    ['views', './specs/views.spec.mjs'],
    ['hostile', './specs/hostile.spec.mjs'],
    ['deployments', './specs/deployments.spec.mjs'],
    ['workflow', './specs/workflow.spec.mjs'],
    ['context', './specs/context.spec.mjs'],
  ].filter(([name]) => !only || only.split(',').includes(name));
  let failed = 0;
  for (const [name, file] of specs) {
    const { steps } = await import(file);
    failed += await runSpec(name, steps, ctx);
  }
  const remote = observed.remote();
  if (remote.length) {
    failed++;
    console.error(`[e2e] ✘ requests left for non-loopback hosts: ${remote.slice(0, 10).join(', ')}`);
  } else say(`✔ no request left 127.0.0.1 (${observed.requests.length} requests seen)`);
  const { galleryRequests } = await import('./specs/views.spec.mjs');
  const gallery = galleryRequests(server);
  if (gallery.length) {
    failed++;
    console.error(`[e2e] ✘ code-server asked an extension gallery: ${gallery.slice(0, 3).join(' | ')}`);
  } else say('✔ code-server made no extension-gallery request (the same launch options as npm start)');
  const shots = [
    'chat',
    'status',
    'dashboard',
    'views-drill-chat',
    'views-dashboard',
    'views-empty',
    'chat-sessions',
    'context',
    'apply-diff',
  ];
  for (const name of flag('--screenshots') ? shots : []) {
    const src = join(RESULTS, `${name}.png`);
    try {
      const kb = statSync(src).size / 1024;
      if (kb < 300) copyFileSync(src, join(REPO, 'media', 'screenshots', `${name}.png`));
      else console.error(`[e2e] ${name}.png is ${kb.toFixed(0)} KB (> 300 KB), not copied to media/screenshots/`);
    } catch { /* the step that takes it failed */ }
  }
  await finish(failed ? 1 : 0, failed ? `${failed} step(s) failed` : '');
}

/** Runs the steps in order; the first failure ends the spec (later steps build on earlier ones). */
async function runSpec(name, steps, ctx) {
  say(`spec ${name}`);
  for (const [title, fn] of steps) {
    const started = Date.now();
    try {
      const note = await fn(ctx);
      console.log(`  ✔ ${title} (${Date.now() - started} ms)${note ? ` — ${note}` : ''}`);
    } catch (e) {
      console.error(`  ✘ ${title} (${Date.now() - started} ms)\n    ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n    ')}`);
      const shot = join(RESULTS, `failure-${name}-${title.replace(/\W+/g, '-').slice(0, 40)}.png`);
      await ctx.page.screenshot({ path: shot }).catch(() => {});
      console.error(`    screenshot: ${shot}`);
      return 1;
    }
  }
  return 0;
}

if (flag('--screenshots')) mkdirSync(join(REPO, 'media', 'screenshots'), { recursive: true });
main().catch((err) => finish(1, err?.stack || String(err)));
