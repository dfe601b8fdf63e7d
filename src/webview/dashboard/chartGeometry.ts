/** Pure chart math for the dashboard's inline SVG (no DOM, unit-tested). */
import type { ChartPoint } from '../../core/protocol';

export interface Box {
  width: number;
  height: number;
  /** Room for axis labels on the left and bottom. */
  left: number;
  bottom: number;
}

/** The next "nice" axis maximum (1, 2, 5 x 10^n) at or above v. */
export function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

export interface LineSeries {
  providerId: string;
  /** SVG path data through the samples, oldest first. */
  d: string;
  dots: [number, number][];
  last: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** One line per provider of first-token times in the window ending at `now`. */
export function ttftLines(
  points: ChartPoint[],
  now: number,
  windowMs: number,
  box: Box,
): { lines: LineSeries[]; yMax: number } {
  const inWindow = points.filter((p) => p.series === 'ttft' && p.at >= now - windowMs && p.at <= now);
  const yMax = niceMax(Math.max(0, ...inWindow.map((p) => p.value)));
  const x = (at: number) => round(box.left + ((at - (now - windowMs)) / windowMs) * (box.width - box.left));
  const y = (v: number) => round((box.height - box.bottom) * (1 - Math.min(v, yMax) / yMax));
  const byProvider = new Map<string, ChartPoint[]>();
  for (const p of inWindow) byProvider.set(p.providerId, [...(byProvider.get(p.providerId) ?? []), p]);
  const lines: LineSeries[] = [];
  for (const [providerId, ps] of byProvider) {
    ps.sort((a, b) => a.at - b.at);
    const dots = ps.map((p) => [x(p.at), y(p.value)] as [number, number]);
    const d = dots.map(([px, py], i) => `${i ? 'L' : 'M'}${px} ${py}`).join(' ');
    lines.push({ providerId, d, dots, last: ps[ps.length - 1].value });
  }
  return { lines, yMax };
}

/** Failed attempts per bucket, oldest bucket first; the last bucket ends at `now`. */
export function errorBuckets(points: ChartPoint[], now: number, windowMs: number, bucketMs: number): number[] {
  const n = Math.max(1, Math.round(windowMs / bucketMs));
  const buckets = new Array<number>(n).fill(0);
  const start = now - n * bucketMs;
  for (const p of points) {
    if (p.series !== 'error' || p.at < start || p.at > now) continue;
    buckets[Math.min(n - 1, Math.floor((p.at - start) / bucketMs))] += p.value;
  }
  return buckets;
}
