// Browser end-to-end: VS Code's OWN Agent mode (the built-in Copilot Chat inside code-server)
// running on Switchboard's model, offline, with the demo providers. One agent turn reads a
// workspace file through the agent's own read tool while the primary demo provider drops inside
// that tool call (the turn finishes on the next provider); one turn edits the file.
//   node test/e2e/agent.mjs [--no-build] [--keep] [--headed] [--seed-storage]
// A fresh browser profile starts with the built-in chat disabled; the run takes README's path
// ("Chat: Manage Language Models" once). --seed-storage instead pre-seeds the workbench's
// IndexedDB before the first load, as shared/VSCODE-HOST.md describes.
// How the built-in agent runs offline here: shared/VSCODE-HOST.md (last section). The internals
// used (IndexedDB keys, the Copilot log line) belong to code-server 4.139.1: a change fails loudly.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../../scripts/host/paths.mjs';
import { packageAndInstall } from '../../scripts/host/vsix.mjs';
import { launchBrowser, makeSandbox, startCodeServer, workbenchUrl } from '../../scripts/host/codeServer.mjs';
import { palette, statusItem, until } from './lib/workbench.mjs';

const argv = process.argv.slice(2);
const flag = (f) => argv.includes(f);
const t0 = Date.now();
const say = (m) => console.log(`[e2e:agent] ${m} (+${((Date.now() - t0) / 1000).toFixed(1)}s)`);
const RESULTS = join(REPO, 'results', 'e2e');
mkdirSync(RESULTS, { recursive: true });
const FILE_TEXT = 'Hello from the Switchboard agent workspace!';

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: REPO, stdio: 'pipe', encoding: 'utf8', ...opts });
  if (r.status !== 0)
    throw new Error(
      `${cmd} ${args.join(' ')} failed (${r.status}):\n${(r.stdout ?? '') + (r.stderr ?? '')}`.slice(0, 4000),
    );
}
const assert = (ok, message) => {
  if (!ok) throw new Error(message);
};

/** Files under `dir` (recursive) whose path matches `re`. */
function findFiles(dir, re, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findFiles(p, re, out);
    else if (re.test(p)) out.push(p);
  }
  return out;
}
const copilotLog = (dirs) =>
  findFiles(join(dirs.user, 'logs'), /GitHub\.copilot-chat[\\/]GitHub Copilot Chat\.log$/)
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');

let server;
let browser;
async function finish(code, why) {
  if (why) console.error(`[e2e:agent] ${why}`);
  if (code !== 0 && browser) {
    await browser.page.screenshot({ path: join(RESULTS, 'agent-failure.png') }).catch(() => {});
    writeFileSync(join(RESULTS, 'agent-failure.txt'), await transcript(browser.page));
  }
  if (code !== 0 && server)
    console.error(`[e2e:agent] copilot log tail:\n${copilotLog(server.dirs).split('\n').slice(-15).join('\n')}`);
  await browser?.close();
  await server?.stop();
  say(code === 0 ? 'passed' : 'FAILED');
  process.exit(code);
}
setTimeout(() => finish(1, 'timed out'), Number(process.env.SWITCHBOARD_E2E_TIMEOUT_MS) || 240_000).unref();
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => finish(1, `received ${sig}`));

/** The built-in chat turns itself on only if this browser profile skips the first-run migration that disables it. */
async function enableBuiltinChat(page, origin) {
  await page.goto(`${origin}/healthz`);
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('vscode-web-state-db-global');
        req.onupgradeneeded = () => req.result.createObjectStore('ItemTable');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction('ItemTable', 'readwrite');
          tx.objectStore('ItemTable').put('true', 'builtinChatExtensionEnablementMigration');
          tx.objectStore('ItemTable').put('[]', 'extensionsIdentifiers/disabled');
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** Types a prompt into the Chat view's input and sends it. */
async function sendPrompt(page, text) {
  const input = page.locator('.part.auxiliarybar .interactive-input-editor .view-lines').first();
  await input.click({ force: true });
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Text of the Chat view (requests, steps, answers); code blocks render spaces as NBSP. */
const transcript = async (page) => {
  const text = await page
    .locator('.part.auxiliarybar')
    .first()
    .innerText()
    .catch(() => '');
  return text.replace(/\u00a0/g, ' ');
};

async function main() {
  const dirs = makeSandbox('switchboard-agent-');
  if (!flag('--no-build')) {
    say('building the production bundle');
    run(process.execPath, ['esbuild.mjs', '--production']);
  }
  packageAndInstall(dirs);
  say('packaged and installed the extension');
  writeFileSync(join(dirs.workspace, 'hello.txt'), `${FILE_TEXT}\n`);
  // No provider configured: the built-in demo providers answer (machine-scoped setting).
  mkdirSync(join(dirs.user, 'Machine'), { recursive: true });
  writeFileSync(join(dirs.user, 'Machine', 'settings.json'), JSON.stringify({ 'switchboard.providers': [] }));
  const gallery = 'http://127.0.0.1:9/gallery';
  server = await startCodeServer({
    dirs,
    keep: flag('--keep'),
    settings: { 'switchboard.hedging.enabled': false, 'workbench.colorTheme': 'Default Dark Modern' },
    env: {
      EXTENSIONS_GALLERY: JSON.stringify({
        serviceUrl: gallery,
        itemUrl: gallery,
        resourceUrlTemplate: `${gallery}/{path}`,
      }),
    },
  });
  say(`code-server on ${server.origin}`);
  browser = await launchBrowser(dirs, { headless: !flag('--headed'), viewport: { width: 1400, height: 900 } });
  const { page } = browser;
  if (flag('--seed-storage')) await enableBuiltinChat(page, server.origin);
  await page.goto(workbenchUrl(server, dirs.workspace, [['skipWelcome', 'true']]));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  if (!flag('--seed-storage')) {
    // What README tells a user of a fresh browser profile: run "Chat: Manage Language Models" once.
    await until(async () => /Demo/.test((await statusItem(page)).text), 'Switchboard to activate', 60_000, 200);
    await palette(page, 'Chat: Manage Language Models');
    say('ran "Chat: Manage Language Models" (the README path for a fresh browser profile)');
  }
  await until(
    () => /Activating contributions/.test(copilotLog(dirs)),
    'VS Code\'s chat to find a BYOK model and activate ("Activating contributions")',
    90_000,
    500,
  );
  say('the built-in chat activated on an extension model (no sign-in)');

  // Pick Switchboard (auto) in the model picker of the Chat view (Agent mode).
  await page.keyboard.press('Escape');
  if ((await page.locator('.part.auxiliarybar .interactive-input-part').count()) === 0)
    await palette(page, 'Chat: Open Chat');
  await page.locator('.part.auxiliarybar .interactive-input-part').first().waitFor({ timeout: 30_000 });
  const picker = page
    .locator('.part.auxiliarybar .interactive-input-part .action-item', { hasText: /Demo |Switchboard/ })
    .first();
  await picker.click();
  // The picker lists the recent model and folds the rest under "Other Models": search instead.
  await page.keyboard.type('Switchboard (auto)');
  const row = page.locator('.monaco-list-row', { hasText: 'Switchboard (auto)' }).first();
  await row.waitFor({ timeout: 20_000 }).catch(async (e) => {
    await page.screenshot({ path: join(RESULTS, 'agent-picker.png') });
    throw e;
  });
  await row.click();
  await until(
    async () =>
      /Switchboard \(auto\)/.test(await page.locator('.part.auxiliarybar .interactive-input-part').first().innerText()),
    'Switchboard (auto) to be the selected model',
    10_000,
  );
  say('Switchboard (auto) selected in the Chat view');

  await palette(page, 'Switchboard: Inject Demo Fault...', ['Demo OpenAI', 'Drop the connection inside a tool call']);
  say('Demo OpenAI now drops inside tool calls');

  await sendPrompt(page, 'What does hello.txt say?');
  const answer = await until(
    async () => {
      const t = await transcript(page);
      return t.includes(FILE_TEXT) && t;
    },
    'the agent to read hello.txt through its tool and answer from it',
    90_000,
    500,
  );
  assert(
    /hello\.txt\s*has 1 line\. It says:/.test(answer),
    `the answer comes after the tool ran: ${answer.slice(0, 300)}`,
  );
  const status = await statusItem(page);
  assert(
    /Demo Anthropic/.test(status.text),
    `the status bar names the fallback that finished the turn: "${status.text}"`,
  );
  say(`agent turn answered from the file after a failover inside the tool call (status: "${status.text.trim()}")`);
  await page.screenshot({ path: join(RESULTS, 'agent-read.png') });

  await sendPrompt(page, 'In hello.txt replace "Hello" with "Goodbye"');
  await until(
    () => readFileSync(join(dirs.workspace, 'hello.txt'), 'utf8').startsWith('Goodbye from the Switchboard'),
    'the edit turn to change hello.txt on disk',
    90_000,
    500,
  );
  say("edit turn changed hello.txt on disk through the agent's edit tool");
  await page.screenshot({ path: join(RESULTS, 'agent-edit.png') });
}

main().then(
  () => finish(0),
  (e) => finish(1, e?.stack ?? String(e)),
);
