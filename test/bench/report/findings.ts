import type { BenchResult } from '../harness';
import { pct } from './format';

/**
 * What limits Switchboard's numbers, stated only when the measurement shows it (the mechanisms are
 * in src/resilience: router/candidates.ts, router/order.ts, retryBudget.ts, breaker.ts).
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
  const errors = (e: Record<string, number>) =>
    Object.entries(e)
      .map(([k, n]) => `${n}× "${k}"`)
      .join(', ') || 'no error recorded';
  const budget =
    "moving a chat to a provider it has not tried is always allowed; a repeat on a provider it already tried and a hedge need the retry budget (extension defaults: 10% of requests, at least 5 per minute), and a failing provider's breaker bounds its own load";
  if (crisis && crisis.answeredPct < 100) {
    out.push(`Crisis: Switchboard answered ${pct(crisis.answeredPct)} of chats; the others ended with ${errors(crisis.errors)}. Cause: ${budget}.`);
  }
  const failed = fo ? (['refused', '529'] as const).filter((m) => fo.cells[m].answeredPct < 100) : [];
  if (fo && failed.length) {
    out.push(`Failover: ${failed.map((m) => `${m} ${pct(fo.cells[m].answeredPct)}`).join(', ')} of Switchboard chats reached the fallback; ${budget}.`);
  }
  if (fo && fo.cells.hang.answeredPct < 100) {
    out.push(`Hanging primary: ${pct(fo.cells.hang.answeredPct)} of Switchboard chats got the fallback within ${fo.cells.hang.deadlineMs / 1000} s. A hedge fires after the hedge delay (at least 0.4 s) and needs the retry budget; each hedge the primary loses without a first token counts as a failure in its health, so after three it is degraded and chats go to the fallback first. Chats that found the budget spent before then wait for the headers timeout (30 s).`);
  }
  if (mid && mid.errorPct > 0) {
    out.push(`Mid-stream: ${pct(mid.errorPct)} of Switchboard drops ended with an error (partial answer kept) instead of continuing: ${budget}.`);
  }
  if (crisis && (crisis.returnToPrimaryMs === undefined || crisis.returnToPrimaryMs > 5000)) {
    const when =
      crisis.returnToPrimaryMs === undefined
        ? `not within ${crisis.recoveryWindowMs / 1000} s`
        : `${(crisis.returnToPrimaryMs / 1000).toFixed(1)} s`;
    out.push(
      `Return to the primary after recovery: ${when}. A provider out of rotation gets a tiny health request once a second and takes traffic back at its first prompt first token (which also closes its breaker). The stateless peers try the primary on every chat, so they return at once (and pay for its failures on every chat while it is down).`,
    );
  }
  out.push(
    'Noise: loopback first tokens take a few ms, so added latency is JavaScript work per chunk plus event-loop scheduling; the bench shares 2 cores with the loopback servers, the Portkey child process and, here, other jobs, so p99 and require times carry scheduling noise (a rerun moves p99 by a few ms, not the ordering).',
  );
  return out;
}
