/**
 * `npm run bench`: every scenario against every contender, then results/bench/{results.md,
 * results.json, crisis-ttft.svg, README-section.md}. `--smoke` runs the tiny profile.
 */
import { join } from 'node:path';
import { repoRoot } from './contenders/portkeyGateway';
import { runBench } from './harness';
import { FULL, SMOKE } from './profile';
import { headline } from './report/markdown';
import { writeResults } from './report/write';

async function main(): Promise<void> {
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
