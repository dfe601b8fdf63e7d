import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../contenders/portkeyGateway';
import type { Profile } from '../profile';
import { percentile } from '../stats';

export interface CostResult {
  /** Bytes of dist/extension.js (SDKs excluded: they are separate chunks), undefined when not built. */
  extensionBytes?: number;
  sdkChunks: { file: string; bytes: number; requireMs?: number }[];
  /** Median ms to require dist/extension.js in a fresh node with a stub `vscode` module. */
  extensionRequireMs?: number;
  tracker: { samples: number; providers: number; heapKb: number; heldSamples: number };
  notes: string[];
}

/** Requires `file` in a fresh node process (vscode resolved to an inert stub); median ms of `runs`. */
function requireMs(file: string, runs: number): number | undefined {
  const script = `
    const Module = require('node:module');
    const stub = new Proxy(function () {}, {
      get: (t, k) => (k === 'prototype' ? {} : k === Symbol.toPrimitive ? () => '' : stub),
      apply: () => stub,
      construct: () => ({}),
      // esbuild's ESM interop reads named imports through the module's prototype.
      getPrototypeOf: () => stub,
    });
    const load = Module._load;
    Module._load = function (request, ...rest) {
      return request === 'vscode' ? stub : load.call(this, request, ...rest);
    };
    const t = performance.now();
    require(${JSON.stringify(file)});
    process.stdout.write(String(performance.now() - t));`;
  const times: number[] = [];
  for (let i = 0; i < runs; i++)
    times.push(Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 })));
  return percentile(times, 50);
}

/** Heap held by a HealthTracker after `samples` recorded samples (one provider), after gc. */
function trackerHeap(samples: number): CostResult['tracker'] {
  const modulePath = join(__dirname, '../../../src/resilience/health/index.js');
  const script = `
    const { HealthTracker } = require(${JSON.stringify(modulePath)});
    let t = 0;
    global.gc(); global.gc();
    const before = process.memoryUsage().heapUsed;
    const tracker = new HealthTracker({ now: () => t });
    for (let i = 0; i < ${samples}; i++) {
      t += 10;
      tracker.record({
        providerId: 'p', ok: i % 9 !== 0, kind: 'server_error', message: 'failure',
        ttftMs: 100 + (i % 50), totalMs: 900, maxGapMs: 30, meanGapMs: 12, tokens: 40, at: t,
      });
    }
    tracker.stats('p');
    global.gc(); global.gc();
    const after = process.memoryUsage().heapUsed;
    process.stdout.write(JSON.stringify({ heap: after - before, held: tracker.sampleCount('p') }));`;
  const r = JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8', timeout: 60_000 }),
  ) as { heap: number; held: number };
  return { samples, providers: 1, heapKb: Math.round(r.heap / 102.4) / 10, heldSamples: r.held };
}

/**
 * Scenario 6: what the extension costs. Bundle sizes of the production build (run
 * `node esbuild.mjs --production` first: `npm run bench` does), require time, tracker memory.
 */
export function cost(p: Profile['cost']): CostResult {
  const notes: string[] = [];
  const dist = join(repoRoot(), 'dist');
  const ext = join(dist, 'extension.js');
  const result: CostResult = { sdkChunks: [], tracker: trackerHeap(p.trackerSamples), notes };
  if (!p.bundles) return result;
  if (!existsSync(ext)) throw new Error('dist/extension.js is missing: run `node esbuild.mjs --production` first');
  result.extensionBytes = statSync(ext).size;
  result.extensionRequireMs = requireMs(ext, p.requireRuns);
  notes.push('require time: a fresh node process requires dist/extension.js with `vscode` resolved to an inert stub (module resolution only; activate() is not called); median of runs');
  const sdkDir = join(dist, 'sdk');
  for (const f of existsSync(sdkDir) ? readdirSync(sdkDir).filter((n) => n.endsWith('.js')).sort() : []) {
    const file = join(sdkDir, f);
    result.sdkChunks.push({
      file: `dist/sdk/${f}`,
      bytes: statSync(file).size,
      requireMs: requireMs(file, p.requireRuns),
    });
  }
  return result;
}
