/**
 * Exponentially weighted moving average. A high `alpha` follows recent values (expected latency);
 * a low one gives a long-run baseline that recent slowness can be compared against.
 */
export class Ewma {
  private current: number | undefined;
  private n = 0;

  constructor(readonly alpha: number) {
    if (!(alpha > 0 && alpha <= 1)) throw new RangeError('alpha must be in (0, 1]');
  }

  /** Adds a value; the first value seeds the average. */
  update(x: number): void {
    if (!Number.isFinite(x)) return;
    this.current = this.current === undefined ? x : this.current + this.alpha * (x - this.current);
    this.n++;
  }

  /** The average, or undefined before the first value. */
  get value(): number | undefined {
    return this.current;
  }

  /** How many values have been added. */
  get count(): number {
    return this.n;
  }

  reset(): void {
    this.current = undefined;
    this.n = 0;
  }
}
