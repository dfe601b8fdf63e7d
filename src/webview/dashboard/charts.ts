/** Draws the dashboard charts as inline SVG (colours come from VS Code's chart theme variables). */
import type { ChartPoint } from '../../core/protocol';
import { errorBuckets, ttftLines, type Box } from './chartGeometry';

const NS = 'http://www.w3.org/2000/svg';
const BOX: Box = { width: 480, height: 160, left: 44, bottom: 18 };
export const WINDOW_MS = 5 * 60_000;
export const BUCKET_MS = 15_000;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

function frame(label: string, yMax: string): SVGSVGElement {
  const root = svg('svg', { viewBox: `0 0 ${BOX.width} ${BOX.height}`, role: 'img', 'aria-label': label, class: 'chart-svg' });
  const baseY = BOX.height - BOX.bottom;
  root.append(
    svg('line', { x1: BOX.left, y1: baseY, x2: BOX.width, y2: baseY, class: 'axis' }),
    svg('line', { x1: BOX.left, y1: 0, x2: BOX.left, y2: baseY, class: 'axis' }),
    svg('text', { x: BOX.left - 4, y: 10, class: 'tick', 'text-anchor': 'end' }, yMax),
    svg('text', { x: BOX.left - 4, y: baseY, class: 'tick', 'text-anchor': 'end' }, '0'),
    svg('text', { x: BOX.left, y: BOX.height - 2, class: 'tick' }, '-5 min'),
    svg('text', { x: BOX.width, y: BOX.height - 2, class: 'tick', 'text-anchor': 'end' }, 'now'),
  );
  return root;
}

/** One coloured line per provider; `order` fixes each provider's colour. */
export function drawTtft(
  container: HTMLElement,
  points: ChartPoint[],
  now: number,
  order: string[],
  labels: Map<string, string>,
): void {
  const { lines, yMax } = ttftLines(points, now, WINDOW_MS, BOX);
  const summary = lines.length
    ? lines.map((l) => `${labels.get(l.providerId) ?? l.providerId} latest ${Math.round(l.last)} ms`).join(', ')
    : 'no samples yet';
  const root = frame(`First-token time per provider: ${summary}`, `${yMax} ms`);
  for (const line of lines) {
    const cls = `series-${Math.max(0, order.indexOf(line.providerId)) % 6}`;
    root.append(svg('path', { d: line.d, class: `line ${cls}` }));
    for (const [x, y] of line.dots) root.append(svg('circle', { cx: x, cy: y, r: 2.5, class: `dot ${cls}` }));
  }
  const legend = document.createElement('ul');
  legend.className = 'legend';
  for (const id of order) {
    const swatch = document.createElement('span');
    swatch.className = `swatch series-${order.indexOf(id) % 6}`;
    swatch.setAttribute('aria-hidden', 'true');
    const li = document.createElement('li');
    li.append(swatch, labels.get(id) ?? id);
    legend.append(li);
  }
  container.replaceChildren(root, legend);
}

export function drawErrors(container: HTMLElement, points: ChartPoint[], now: number): void {
  const buckets = errorBuckets(points, now, WINDOW_MS, BUCKET_MS);
  const max = Math.max(1, ...buckets);
  const total = buckets.reduce((a, b) => a + b, 0);
  const root = frame(`Failed attempts in the last 5 minutes: ${total}`, String(max));
  const plotW = BOX.width - BOX.left;
  const plotH = BOX.height - BOX.bottom;
  const w = plotW / buckets.length;
  buckets.forEach((n, i) => {
    if (!n) return;
    const h = (n / max) * (plotH - 2);
    root.append(svg('rect', { x: BOX.left + i * w + 1, y: plotH - h, width: Math.max(1, w - 2), height: h, class: 'bar' }));
  });
  container.replaceChildren(root);
}
