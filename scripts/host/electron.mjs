// Desktop alternative to run.mjs: runs the same host suites (out/test/host/index) in desktop
// VS Code (Electron). @vscode/test-electron DOWNLOADS VS Code from update.code.visualstudio.com
// into .vscode-test/, so this is only for developers with internet; it is never part of
// `npm test` (CI machines reach only the npm registry; use `npm run test:host` there).
// On Linux without a display, run it under xvfb-run.
//   npm run test:electron            (SWITCHBOARD_VSCODE_VERSION=1.104.0 to pin the version;
//                                     SWITCHBOARD_HOST_GREP / --restricted as for run.mjs)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO } from './paths.mjs';

const restricted = process.argv.includes('--restricted');
const root = mkdtempSync(join(tmpdir(), 'switchboard-electron-'));
const workspace = join(root, 'workspace');
mkdirSync(workspace);
writeFileSync(join(workspace, 'README.md'), '# Switchboard host-test workspace\n');

let code = 1;
try {
  code = await runTests({
    version: process.env.SWITCHBOARD_VSCODE_VERSION || 'stable',
    extensionDevelopmentPath: REPO,
    extensionTestsPath: join(REPO, 'out', 'test', 'host', 'index'),
    extensionTestsEnv: {
      SWITCHBOARD_HOST_MODE: restricted ? 'restricted' : 'trusted',
      SWITCHBOARD_HOST_GREP: process.env.SWITCHBOARD_HOST_GREP,
    },
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--user-data-dir',
      join(root, 'user'),
      ...(restricted ? [] : ['--disable-workspace-trust']),
    ],
  });
} catch (err) {
  console.error(`[test:electron] ${err?.message || err}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
process.exit(code);
