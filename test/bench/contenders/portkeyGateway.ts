import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/** The repository root (the folder with package.json above this file, in test/ or out/test/). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'test', 'bench'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * Portkey's open-source gateway (@portkey-ai/gateway, bin build/start-server.js) as a child
 * process on 127.0.0.1 (forced by the listenLoopback.cjs preload), headless.
 */
export class PortkeyGateway {
  private constructor(
    private readonly child: ChildProcess,
    readonly origin: string,
    /** ms from spawn to "Ready for connections". */
    readonly startupMs: number,
  ) {}

  static async start(): Promise<PortkeyGateway> {
    const root = repoRoot();
    const port = await freePort();
    const entry = join(root, 'node_modules/@portkey-ai/gateway/build/start-server.js');
    const preload = join(root, 'test/bench/contenders/listenLoopback.cjs');
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--require', preload, entry, `--port=${port}`, '--headless'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`gateway did not start in 15 s: ${err.slice(-500)}`)), 15_000);
      const check = () => {
        if (/Ready for connections/.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`gateway exited (${code}): ${err.slice(-500)}`));
      });
    });
    const listened = [...err.matchAll(/\[listen-loopback\] (.*)/g)].map((m) => JSON.parse(m[1]) as { address: string; port: number });
    if (listened.length === 0 || listened.some((a) => a.address !== '127.0.0.1')) {
      child.kill();
      throw new Error(`gateway not confined to loopback: ${JSON.stringify(listened)}`);
    }
    // Keep draining output so the child never blocks on a full pipe.
    child.stdout?.removeAllListeners('data');
    child.stderr?.removeAllListeners('data');
    child.stdout?.resume();
    child.stderr?.resume();
    return new PortkeyGateway(child, `http://127.0.0.1:${port}`, performance.now() - t0);
  }

  /** Resident memory of the gateway process (kB), from /proc. */
  rssKb(): number | undefined {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const status = require('node:fs').readFileSync(`/proc/${this.child.pid}/status`, 'utf8') as string;
      const m = /VmRSS:\s+(\d+)/.exec(status);
      return m ? Number(m[1]) : undefined;
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
