import { loadavg } from 'node:os';
import { ALL, Lineup } from '../contenders';
import { PortkeyGateway } from '../contenders/portkeyGateway';
import { machine } from '../harness';
import { realCrisis, type RealCrisisRow } from './crisis';
import type { RealProfile } from './profile';
import type { RealResult } from './report';
import { realTail, type RealTailRow } from './tail';

/** Runs the crisis and the tail at real timing for every seed, all contenders side by side. */
export async function runReal(p: RealProfile, log: (line: string) => void): Promise<RealResult> {
  const t0 = performance.now();
  const loadAtStart = loadavg()[0];
  const gateway = await PortkeyGateway.start();
  const lineup = new Lineup(gateway);
  const crisis: RealCrisisRow[] = [];
  const tail: RealTailRow[] = [];
  try {
    for (const seed of p.seeds) {
      log(`real-time crisis, seed ${seed}...`);
      crisis.push(...(await realCrisis(lineup, ALL, p, seed)));
      log(`real-time tail, seed ${seed}...`);
      tail.push(...(await realTail(lineup, ALL, p, seed)));
    }
  } finally {
    await gateway.stop();
  }
  const m = machine(loadAtStart);
  const where = `${new Date().toISOString().slice(0, 10)}, ${m.nproc} cores, ${m.cpu}, Node ${m.node}; load average ${m.load.start.toFixed(1)}-${m.load.end.toFixed(1)}`;
  return {
    date: new Date().toISOString(),
    machine: where,
    profile: p,
    crisis,
    tail,
    durationMs: performance.now() - t0,
  };
}
