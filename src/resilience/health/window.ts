/**
 * A rolling window of timestamped entries, bounded by count and by age: a ring buffer, so
 * `push` is O(1) and memory never exceeds `capacity` entries however many are recorded.
 */
export class RollingWindow<T extends { at: number }> {
  private readonly buf: (T | undefined)[];
  private head = 0;
  private count = 0;

  constructor(
    readonly capacity: number,
    readonly windowMs: number,
  ) {
    if (capacity < 1) throw new RangeError('capacity must be >= 1');
    this.buf = new Array<T | undefined>(capacity);
  }

  /** Adds an entry; the oldest is dropped when full. Entries are expected in roughly time order. */
  push(entry: T, now: number): void {
    this.evict(now);
    const tail = (this.head + this.count) % this.capacity;
    this.buf[tail] = entry;
    if (this.count < this.capacity) this.count++;
    else this.head = (this.head + 1) % this.capacity;
  }

  /** Drops entries older than `windowMs` before `now`. */
  evict(now: number): void {
    const cutoff = now - this.windowMs;
    while (this.count > 0) {
      const oldest = this.buf[this.head]!;
      if (oldest.at > cutoff) break;
      this.buf[this.head] = undefined;
      this.head = (this.head + 1) % this.capacity;
      this.count--;
    }
  }

  /** Entries still in the window at `now`, oldest first. */
  values(now: number): T[] {
    this.evict(now);
    const out: T[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.buf[(this.head + i) % this.capacity]!);
    return out;
  }

  /** Number of entries held (without evicting by age). */
  get size(): number {
    return this.count;
  }

  clear(): void {
    this.buf.fill(undefined);
    this.head = 0;
    this.count = 0;
  }
}
