/**
 * `npm run bench`: every scenario against every contender, then results/bench/{results.md,
 * results.json, crisis-ttft.svg, README-section.md}. `--smoke` runs the tiny profile.
 * `npm run bench -- --real [--scale=1] [--seeds=2]`: the crisis and the tail at real-world timing
 * (results/bench/real.{md,json}); --scale stretches or shrinks every phase (1 = about 3 minutes).
 * `npm run bench -- --agent`: only the agent loop (scenario 8), results/bench/agent.{md,json}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './contenders/portkeyGateway';
import { agentOnly } from './agentOnly';
import { runBench } from './harness';
import { FULL, SMOKE } from './profile';
import { headline } from './report/markdown';
import { writeResults } from './report/write';
import { realProfile } from './real/profile';
import { realReport } from './real/report';
import { runReal } from './real/run';

function flag(name: string, fallback: number): number {
  const v = Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

async function real(): Promise<void> {
  const r = await runReal(realProfile(flag('scale', 1), Math.round(flag('seeds', 2))), (l) =>
    console.log(`[bench] ${l}`),
  );
  const dir = join(repoRoot(), 'results', 'bench');
  mkdirSync(dir, { recursive: true });
  const md = realReport(r);
  writeFileSync(join(dir, 'real.md'), md);
  writeFileSync(join(dir, 'real.json'), JSON.stringify(r, null, 2));
  console.log(`\n${md}`);
  console.log(`wrote ${join(dir, 'real.md')} and real.json`);
}

async function main(): Promise<void> {
  if (process.argv.includes('--real')) return real();
  if (process.argv.includes('--agent')) return agentOnly(FULL.agent, (l) => console.log(`[bench] ${l}`));
  const smoke = process.argv.includes('--smoke');
  const r = await runBench(smoke ? SMOKE : FULL, (l) => console.log(`[bench] ${l}`));
  const files = writeResults(r, join(repoRoot(), 'results', 'bench'));
  console.log(`\n${headline(r)}\n`);
  for (const f of files) console.log(`wrote ${f}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
