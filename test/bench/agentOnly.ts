import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { ALL, Lineup } from './contenders';
import { PortkeyGateway, repoRoot } from './contenders/portkeyGateway';
import { machine } from './harness';
import type { Profile } from './profile';
import { AGENT_SCENARIO, agentTable } from './report/agent';
import { agent } from './scenarios/agent';

/** `npm run bench -- --agent`: only scenario 8 (the agent loop), written to results/bench/agent.{md,json}. */
export async function agentOnly(p: Profile['agent'], log: (line: string) => void): Promise<void> {
  const t0 = performance.now();
  const load = loadavg()[0];
  const gateway = await PortkeyGateway.start();
  try {
    const rows = await agent(new Lineup(gateway), ALL, p);
    const m = machine(load);
    const md = [
      '# Switchboard benchmark: agent loop',
      '',
      `${new Date().toISOString().slice(0, 10)}, ${m.nproc} cores, Node ${m.node}; load average ${m.load.start.toFixed(1)} at start, ${m.load.end.toFixed(1)} at end; ${p.tasks} tasks per run, ${((performance.now() - t0) / 1000).toFixed(0)} s`,
      '',
      AGENT_SCENARIO,
      '',
      agentTable(rows),
      '',
    ].join('\n');
    const dir = join(repoRoot(), 'results', 'bench');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'agent.md'), md);
    writeFileSync(join(dir, 'agent.json'), JSON.stringify(rows, null, 2));
    log(`wrote ${join(dir, 'agent.md')} and agent.json`);
    console.log(`\n${md}`);
  } finally {
    await gateway.stop();
  }
}
