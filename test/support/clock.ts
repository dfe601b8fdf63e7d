import type { Clock, Timer } from '../../src/core/clock';

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
  /** Background timers (Node's unref) never make time pass by themselves. */
  unref: boolean;
  /** Where it was set (only with `traceStacks`). */
  stack?: string;
}

/**
 * Virtual time for engine tests. Timers fire in due order, and time only moves when the code under
 * test is waiting for it: after real work (loopback sockets, promise chains) has gone quiet for
 * `idleTurns` event-loop turns, the clock jumps to the next timer and fires it (background `unref`
 * timers fire on the way, but never move time by themselves). Counting turns, not
 * milliseconds, keeps this independent of machine load: a 400 ms cooldown takes no real 400 ms, and
 * a busy machine cannot make a timer fire before the I/O it races has been delivered.
 */
export class VirtualClock implements Clock {
  private t: number;
  private seq = 0;
  private readonly timers = new Map<Timer, Pending>();
  private activity = 0;
  private driving = false;
  private stopped = false;
  /** Record where each timer was set, for `pendingFrom` (leak checks). */
  traceStacks = false;

  constructor(
    start = Date.UTC(2026, 0, 1),
    private readonly idleTurns = 20,
  ) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number, opts?: { unref?: boolean }): Timer {
    const handle = {};
    this.timers.set(handle, {
      at: this.t + Math.max(0, ms),
      seq: ++this.seq,
      fn,
      unref: opts?.unref ?? false,
      stack: this.traceStacks ? new Error().stack : undefined,
    });
    this.activity++;
    void this.drive();
    return handle;
  }

  clearTimeout(timer: Timer | undefined): void {
    if (timer && this.timers.delete(timer)) this.activity++;
  }

  /** Timers not yet fired. */
  get pending(): number {
    return this.timers.size;
  }

  /**
   * Lets `ms` of virtual time pass, firing what falls due in order: the virtual `sleep(420)`.
   * It resolves right at `ms`, so the caller's next step happens at that virtual time.
   */
  advance(ms: number): Promise<void> {
    return new Promise<void>((r) => this.setTimeout(r, ms));
  }

  /** Stacks of pending timers set by code whose stack matches `from` (needs `traceStacks`). */
  pendingFrom(from: RegExp): string[] {
    return [...this.timers.values()].map((p) => p.stack ?? '').filter((st) => from.test(st));
  }

  /** Drops every pending timer and stops driving (afterEach). */
  stop(): void {
    this.stopped = true;
    this.timers.clear();
  }

  /** The timer due first; only when some timer that is not `unref` is pending (something waits for time). */
  private next(): [Timer, Pending] | undefined {
    let best: [Timer, Pending] | undefined;
    let waited = false;
    for (const e of this.timers) {
      waited ||= !e[1].unref;
      if (!best || e[1].at < best[1].at || (e[1].at === best[1].at && e[1].seq < best[1].seq)) best = e;
    }
    return waited ? best : undefined;
  }

  private fire([handle, p]: [Timer, Pending]): void {
    this.timers.delete(handle);
    this.t = Math.max(this.t, p.at);
    this.activity++;
    p.fn();
  }

  /** Fires timers whenever everything else is idle, until none is left. */
  private async drive(): Promise<void> {
    if (this.driving || this.stopped) return;
    this.driving = true;
    try {
      for (;;) {
        await this.quiet();
        const next = this.next();
        if (!next || this.stopped) return;
        this.fire(next);
      }
    } finally {
      this.driving = false;
    }
  }

  /** Resolves after `idleTurns` event-loop turns in a row without timer activity. */
  private async quiet(): Promise<void> {
    let seen = this.activity;
    for (let turns = 0; turns < this.idleTurns; turns++) {
      await new Promise<void>((r) => setImmediate(r));
      if (this.activity !== seen) {
        seen = this.activity;
        turns = -1;
      }
    }
  }
}
