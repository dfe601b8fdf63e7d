/**
 * What a provider did lately, weighted toward now, so that degradation shows within seconds even
 * when a long window is full of healthy samples, and recovery shows on the first prompt answers:
 * - an error rate whose samples decay exponentially (time constant `tauMs`);
 * - the last few times to first token, including lower bounds of attempts that had none yet when
 *   a faster provider won (their own time from their own start);
 * - a streak of prompt first tokens (within the slowness factor of the provider's own baseline):
 *   a first token is evidence of recovery.
 */
export class RecentEvidence {
  private failWeight = 0;
  private totalWeight = 0;
  private at?: number;
  private readonly ttfts: number[] = [];
  /** Prompt first tokens in a row; reset by a failure or a slow first token. */
  promptStreak = 0;

  constructor(
    private readonly tauMs: number,
    private readonly keepTtfts: number,
  ) {}

  /** An attempt ended (a success or a failure the provider is blamed for). */
  outcome(ok: boolean, now: number): void {
    this.decay(now);
    this.totalWeight += 1;
    if (!ok) {
      this.failWeight += 1;
      this.promptStreak = 0;
    }
  }

  /** A first token after `ms`; `prompt` when within the slowness factor of the baseline. */
  firstToken(ms: number, prompt: boolean): void {
    this.pushTtft(ms);
    this.promptStreak = prompt ? this.promptStreak + 1 : 0;
  }

  /** No first token after `ms` of its own time: at least this slow. */
  slowerThan(ms: number): void {
    this.pushTtft(ms);
    this.promptStreak = 0;
  }

  /** Decayed failure share and the decayed number of samples behind it. */
  errorRate(now: number): { rate: number; weight: number } {
    this.decay(now);
    return { rate: this.totalWeight > 0 ? this.failWeight / this.totalWeight : 0, weight: this.totalWeight };
  }

  /** Median of the recent first-token times, once at least `min` are known. */
  medianTtft(min: number): number | undefined {
    if (this.ttfts.length < min) return undefined;
    const sorted = [...this.ttfts].sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)];
  }

  private pushTtft(ms: number): void {
    this.ttfts.push(ms);
    if (this.ttfts.length > this.keepTtfts) this.ttfts.shift();
  }

  private decay(now: number): void {
    if (this.at !== undefined && now > this.at) {
      const f = Math.exp(-(now - this.at) / this.tauMs);
      this.failWeight *= f;
      this.totalWeight *= f;
    }
    this.at = Math.max(this.at ?? now, now);
  }
}
