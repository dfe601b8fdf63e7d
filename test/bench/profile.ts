/** How big each scenario is: the full run (`npm run bench`) and the smoke run inside `npm test`. */
export interface Profile {
  name: 'full' | 'smoke';
  healthy: { warmup: number; requests: number };
  crisis: {
    ratePerSec: number;
    healthyMs: number;
    degradedMs: number;
    outageMs: number;
    recoveryMs: number;
    deadlineMs: number;
  };
  failover: { warmup: number; requests: number; ratePerSec: number; deadlineMs: number };
  tail: { warmup: number; requests: number; ratePerSec: number; slowMs: number };
  midStream: { requests: number };
  cost: { bundles: boolean; requireRuns: number; trackerSamples: number };
  /** The primary is rate limited; the fallback allows `fallbackQuota` requests per `windowMs`. */
  quota: { chats: number; ratePerSec: number; fallbackQuota: number; windowMs: number; deadlineMs: number };
  /**
   * Agent loop: `tasks` tool-calling tasks of 8–12 turns arriving at `tasksPerSec`; `seed` picks
   * the crisis's faults; `sideBySide` runs the contenders at once (faster, noisier latencies).
   */
  agent: { tasks: number; tasksPerSec: number; stepDeadlineMs: number; seed: number; sideBySide: boolean };
}

export const FULL: Profile = {
  name: 'full',
  healthy: { warmup: 40, requests: 500 },
  // The recovery window is long enough for Switchboard's recovery probes (every 2 s, 5 successes)
  // and breaker cooldown (5 s) to show its return.
  crisis: {
    ratePerSec: 15,
    healthyMs: 4000,
    degradedMs: 10_000,
    outageMs: 6000,
    recoveryMs: 36_000,
    deadlineMs: 30_000,
  },
  failover: { warmup: 20, requests: 20, ratePerSec: 10, deadlineMs: 8000 },
  tail: { warmup: 40, requests: 300, ratePerSec: 40, slowMs: 1000 },
  midStream: { requests: 20 },
  cost: { bundles: true, requireRuns: 5, trackerSamples: 100_000 },
  quota: { chats: 60, ratePerSec: 5, fallbackQuota: 10, windowMs: 5000, deadlineMs: 30_000 },
  agent: { tasks: 30, tasksPerSec: 2, stepDeadlineMs: 30_000, seed: 13, sideBySide: false },
};

export const SMOKE: Profile = {
  name: 'smoke',
  healthy: { warmup: 2, requests: 5 },
  crisis: { ratePerSec: 20, healthyMs: 150, degradedMs: 250, outageMs: 150, recoveryMs: 250, deadlineMs: 3000 },
  failover: { warmup: 3, requests: 2, ratePerSec: 20, deadlineMs: 600 },
  tail: { warmup: 3, requests: 20, ratePerSec: 200, slowMs: 100 },
  midStream: { requests: 2 },
  cost: { bundles: false, requireRuns: 1, trackerSamples: 10_000 },
  quota: { chats: 10, ratePerSec: 40, fallbackQuota: 4, windowMs: 60_000, deadlineMs: 1500 },
  agent: { tasks: 6, tasksPerSec: 20, stepDeadlineMs: 10_000, seed: 13, sideBySide: true },
};
