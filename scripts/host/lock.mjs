// A cross-process lock: a directory holding the owner's pid. Stale locks (dead owner) are taken over.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Waits until this process holds `path`; released when the process exits. onWait runs once if it had to wait. */
export async function lock(path, onWait = () => {}) {
  mkdirSync(dirname(path), { recursive: true });
  for (let waited = false; ; waited = true) {
    try {
      mkdirSync(path);
      writeFileSync(join(path, 'pid'), String(process.pid));
      process.on('exit', () => rmSync(path, { recursive: true, force: true }));
      return;
    } catch {
      let pid = 0;
      try { pid = Number(readFileSync(join(path, 'pid'), 'utf8')) || 0; } catch { /* not written yet, or released */ }
      const since = statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0;
      const stale = pid ? !alive(pid) : since > 0 && Date.now() - since > 30_000;
      if (stale) rmSync(path, { recursive: true, force: true });
      else {
        if (!waited) onWait();
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }
}
