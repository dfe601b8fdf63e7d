// Packages the extension as a .vsix and installs it into a sandboxed code-server, as a user's
// "Install from VSIX" would (shared by the browser E2E runners).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { sandboxEnv } from './codeServer.mjs';
import { CS_ENTRY, NODE24, REPO } from './paths.mjs';

/** vsce's arguments for a bundled package (dependencies are inside dist/). */
export const VSCE_PACKAGE_ARGS = [
  'package',
  '--no-dependencies',
  '--allow-missing-repository',
  '--skip-license',
  '--no-rewrite-relative-links',
];

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: REPO, stdio: 'pipe', encoding: 'utf8', ...opts });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${(r.stdout ?? '') + (r.stderr ?? '')}`.slice(0, 4000));
  }
}

/** Packages dist/ into `dirs.root/switchboard.vsix` and installs it into the sandbox's code-server. Returns the .vsix path. */
export function packageAndInstall(dirs) {
  const vsix = join(dirs.root, 'switchboard.vsix');
  run(join(REPO, 'node_modules', '.bin', 'vsce'), [...VSCE_PACKAGE_ARGS, '-o', vsix]);
  run(NODE24, [CS_ENTRY, '--install-extension', vsix, '--extensions-dir', dirs.ext, '--user-data-dir', dirs.user], {
    env: { ...process.env, ...sandboxEnv(dirs) },
  });
  return vsix;
}
