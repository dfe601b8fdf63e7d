import type { BenchResult } from '../harness';
import { pct } from './format';

/**
 * What limits Switchboard's numbers, stated only when the measurement shows it (the causes were
 * traced in src/resilience: router/launcher.ts, retryBudget.ts, breaker.ts).
 */
export function findings(r: BenchResult): string[] {
  const out: string[] = [];
  const starved = Object.entries(r.eventLoopLag).filter(([, l]) => l.p99 > 25);
  if (starved.length) {
    out.push(
      `UNRELIABLE RUN: the bench process was starved of CPU (event-loop delay p99 ${starved.map(([n, l]) => `${n}: ${l.p99.toFixed(0)} ms`).join(', ')}; load average ${r.machine.load.start.toFixed(1)}–${r.machine.load.end.toFixed(1)} on ${r.machine.nproc} cores). Latencies in those scenarios measure the machine, not the contenders: rerun on a quiet machine.`,
    );
  }
  const sb = r.healthy.find((h) => h.id === 'switchboard');
  if (sb?.addedP99 !== undefined && sb.addedP99 > 1) {
    const busy = r.machine.load.start > r.machine.nproc / 2 || r.machine.load.end > r.machine.nproc / 2;
    out.push(
      `Healthy p99: +${sb.addedP99.toFixed(2)} ms over the bare SDK, measured over ${sb.ttft.n} chats (p99 = the ${Math.ceil(sb.ttft.n / 100)} slowest)` +
        (busy ? `, with load average ${r.machine.load.start.toFixed(1)}–${r.machine.load.end.toFixed(1)} on ${r.machine.nproc} cores from other jobs: rerun on a quiet machine before judging the 1 ms goal.` : '.'),
    );
  }
  const crisis = r.crisis.find((c) => c.id === 'switchboard');
  const fo = r.failover.find((f) => f.id === 'switchboard');
  const mid = r.midStream.find((m) => m.id === 'switchboard');
  const budget =
    'every attempt after a chat\'s first, failing over to a different, healthy provider included, spends the retry budget (extension defaults: 10% of requests, at least 3 per minute)';
  if (crisis && crisis.answeredPct < 100) {
    out.push(`Crisis: Switchboard answered ${pct(crisis.answeredPct)} of chats, not all: ${budget}, so until its breaker opens a chat beyond the budget ends with the primary's error instead of trying the fallback.`);
  }
  const failed = fo ? (['refused', '529'] as const).filter((m) => fo.cells[m].answeredPct < 100) : [];
  if (fo && failed.length) {
    out.push(`Failover: ${failed.map((m) => `${m} ${pct(fo.cells[m].answeredPct)}`).join(', ')} of Switchboard chats reached the fallback; the rest hit the same retry budget before the breaker opened (5 consecutive failures).`);
  }
  if (fo && fo.cells.hang.answeredPct < 100) {
    out.push(`Hanging primary: only ${pct(fo.cells.hang.answeredPct)} of Switchboard chats got the fallback within ${fo.cells.hang.deadlineMs / 1000} s. The hedge fires after ~0.4 s but spends the same budget; once it is spent the remaining chats wait for the 30 s headers timeout, and the hung attempts do not count as failures before then, so the breaker does not open.`);
  }
  if (mid && mid.errorPct > 0) {
    out.push(`Mid-stream: ${pct(mid.errorPct)} of Switchboard drops ended with an error (partial answer kept) instead of continuing, again because the continuation attempt needs the retry budget.`);
  }
  if (crisis && (crisis.returnToPrimaryMs === undefined || crisis.returnToPrimaryMs > 5000)) {
    const when = crisis.returnToPrimaryMs === undefined ? `not within ${crisis.recoveryWindowMs / 1000} s` : `${(crisis.returnToPrimaryMs / 1000).toFixed(1)} s`;
    const bare = r.crisis.find((c) => c.id === 'bare');
    const slower = bare?.ttft.p50 !== undefined && crisis.ttft.p50 !== undefined && crisis.ttft.p50 > bare.ttft.p50;
    out.push(
      `Return to the primary after recovery: ${when}, bounded by the breaker cooldown (30 s) before its trial request; the stateless peers try the primary on every chat (and pay for its failures on every chat while it is down).` +
        (slower ? " This is also why Switchboard's crisis p50 is above the bare SDK's: it keeps serving from the slower fallback meanwhile." : ''),
    );
  }
  out.push(
    'Noise: loopback first tokens take a few ms, so added latency is JavaScript work per chunk plus event-loop scheduling; the bench shares 2 cores with the loopback servers, the Portkey child process and, here, other jobs, so p99 and require times carry scheduling noise (a rerun moves p99 by a few ms, not the ordering).',
  );
  return out;
}
