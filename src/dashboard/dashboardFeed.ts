/**
 * Collects the engine's events from activation on, so an opened dashboard shows recent history:
 * the last `maxRows` log rows and chart points of the last `windowMs`.
 * Plain TypeScript.
 */
import { Emitter, type Disposable, type Event } from '../core/events';
import type { ChartPoint, EventRow } from '../core/protocol';
import type { Engine } from '../resilience/api';
import { STATUS_WORDS } from '../core/status';
import { soloName } from '../core/groups';
import { providerStatus } from '../presentation/providerStatus';
import { eventToPoint, eventToRow, type RowNames } from './dashboardModel';

export interface FeedOptions {
  maxRows?: number;
  maxPoints?: number;
  windowMs?: number;
}

export class DashboardFeed implements Disposable {
  private readonly rowsBuf: EventRow[] = [];
  private readonly pointsBuf: ChartPoint[] = [];
  private readonly rowEmitter = new Emitter<EventRow>();
  private readonly pointEmitter = new Emitter<ChartPoint>();
  private readonly subscription: Disposable;
  /** The state words last logged per provider, so a change reads "fire drill → healthy". */
  private readonly words = new Map<string, string>();
  private readonly maxRows: number;
  private readonly maxPoints: number;
  private readonly windowMs: number;

  readonly onRow: Event<EventRow> = this.rowEmitter.event;
  readonly onPoint: Event<ChartPoint> = this.pointEmitter.event;

  constructor(engine: Engine, options: FeedOptions = {}) {
    this.maxRows = options.maxRows ?? 200;
    this.maxPoints = options.maxPoints ?? 2000;
    this.windowMs = options.windowMs ?? 10 * 60_000;
    const names: RowNames = {
      // "OpenAI · gpt-4o" when the entry lists several models, so the log says which one.
      label: (id) => {
        const all = engine.health();
        const h = all.find((x) => x.id === id);
        return h ? soloName(h, all) : id;
      },
      state: (id) => {
        const h = engine.health().find((x) => x.id === id);
        return h && STATUS_WORDS[providerStatus(h).kind];
      },
    };
    this.subscription = engine.onEvent((e) => {
      const previous = e.type === 'health_changed' ? this.words.get(e.providerId) : undefined;
      const row = eventToRow(e, names, previous);
      if (e.type === 'health_changed') this.words.set(e.providerId, names.state(e.providerId) ?? e.state);
      if (row) {
        this.rowsBuf.push(row);
        if (this.rowsBuf.length > this.maxRows) this.rowsBuf.splice(0, this.rowsBuf.length - this.maxRows);
        this.rowEmitter.fire(row);
      }
      const point = eventToPoint(e);
      if (point) {
        this.pointsBuf.push(point);
        this.trimPoints(point.at);
        this.pointEmitter.fire(point);
      }
    });
  }

  rows(): EventRow[] {
    return [...this.rowsBuf];
  }

  points(now = Date.now()): ChartPoint[] {
    this.trimPoints(now);
    return [...this.pointsBuf];
  }

  dispose(): void {
    this.subscription.dispose();
    this.rowEmitter.dispose();
    this.pointEmitter.dispose();
  }

  private trimPoints(now: number): void {
    let drop = 0;
    while (drop < this.pointsBuf.length && this.pointsBuf[drop].at < now - this.windowMs) drop++;
    drop = Math.max(drop, this.pointsBuf.length - this.maxPoints);
    if (drop > 0) this.pointsBuf.splice(0, drop);
  }
}
