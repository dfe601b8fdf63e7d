import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ALL, Lineup, ROUTERS, type ContenderId } from './contenders';
import { PortkeyGateway } from './contenders/portkeyGateway';
import type { Profile } from './profile';
import { cost, type CostResult } from './scenarios/cost';
import { crisis, type CrisisRow } from './scenarios/crisis';
import { failover, type FailoverRow } from './scenarios/failover';
import { healthy, type HealthyRow } from './scenarios/healthy';
import { midStream, type MidStreamRow } from './scenarios/midStream';
import { tail, type TailRow } from './scenarios/tail';
import { quota, type QuotaRow } from './scenarios/quota';
import { agent, type AgentRow } from './scenarios/agent';

export interface Machine {
  nproc: number;
  cpu: string;
  node: string;
  platform: string;
  /** 1-minute load average when the run started and ended (other jobs on the machine skew p99). */
  load: { start: number; end: number };
}

export interface BenchResult {
  profile: Profile['name'];
  date: string;
  machine: Machine;
  /** Settings each contender ran with, by display name. */
  settings: Record<string, Record<string, unknown>>;
  portkey: { startupMs: number; rssKb?: number };
  healthy: HealthyRow[];
  crisis: CrisisRow[];
  failover: FailoverRow[];
  tail: TailRow[];
  midStream: MidStreamRow[];
  cost: CostResult;
  quota: QuotaRow[];
  agent: AgentRow[];
  /** Event-loop delay of the bench process per scenario (ms): high values mean a starved CPU and unreliable latencies. */
  eventLoopLag: Record<string, { p50: number; p99: number; max: number }>;
  durationMs: number;
}

export function machine(loadAtStart: number): Machine {
  let nproc = cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || nproc;
  } catch {
    // nproc missing: keep the os count
  }
  return {
    nproc,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    load: { start: loadAtStart, end: loadavg()[0] },
  };
}

/** Runs every scenario with one shared Portkey gateway process; `log` reports progress. */
export async function runBench(p: Profile, log: (line: string) => void = () => undefined): Promise<BenchResult> {
  const t0 = performance.now();
  const loadAtStart = loadavg()[0];
  const gateway = await PortkeyGateway.start();
  log(`portkey gateway up at ${gateway.origin} in ${gateway.startupMs.toFixed(0)} ms`);
  const lineup = new Lineup(gateway);
  const eventLoopLag: BenchResult['eventLoopLag'] = {};
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    log(`${name}...`);
    const h = monitorEventLoopDelay({ resolution: 10 });
    h.enable();
    const r = await fn();
    h.disable();
    const lag = { p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 };
    eventLoopLag[name] = lag;
    log(`${name} done in ${((performance.now() - t) / 1000).toFixed(1)} s (event-loop delay p99 ${lag.p99.toFixed(1)} ms)`);
    return r;
  };
  try {
    const tailIds: ContenderId[] = ['bare', 'switchboard', 'switchboard-nohedge', 'vercel', 'portkey'];
    const healthyRows = await step('1 healthy', () => healthy(lineup, ALL, p.healthy));
    const crisisRows = await step('2 crisis', () => crisis(lineup, ALL, p.crisis));
    const rssKb = gateway.rssKb();
    const failoverRows = await step('3 failover', () => failover(lineup, ROUTERS, p.failover));
    const tailRows = await step('4 tail', () => tail(lineup, tailIds, p.tail));
    const midRows = await step('5 mid-stream', () => midStream(lineup, ALL, p.midStream));
    const costResult = await step('6 cost', async () => cost(p.cost));
    const quotaRows = await step('7 quota', () => quota(lineup, ROUTERS, p.quota));
    const agentRows = await step('8 agent loop', () => agent(lineup, ALL, p.agent));
    return {
      profile: p.name,
      date: new Date().toISOString(),
      machine: machine(loadAtStart),
      settings: lineup.settings(),
      portkey: { startupMs: gateway.startupMs, rssKb },
      healthy: healthyRows,
      crisis: crisisRows,
      failover: failoverRows,
      tail: tailRows,
      midStream: midRows,
      cost: costResult,
      quota: quotaRows,
      agent: agentRows,
      eventLoopLag,
      durationMs: performance.now() - t0,
    };
  } finally {
    await gateway.stop();
  }
}
