/** Dashboard webview entry: provider cards, live charts and the event log. */
import type { ChartPoint, DashboardToHost, HostToDashboard } from '../core/protocol';
import { Cards } from './dashboard/cards';
import { drawErrors, drawTtft, WINDOW_MS } from './dashboard/charts';
import { EventLog } from './dashboard/eventLog';
import { byId } from './dom';
import { announceReady, vscodeApi } from './vscodeApi';

const api = vscodeApi<unknown, DashboardToHost>();
const post = (m: DashboardToHost) => api.postMessage(m);
const cards = new Cards(byId('cards'), post);
const log = new EventLog(byId<HTMLOListElement>('events'));
let points: ChartPoint[] = [];
/** Host clock minus ours: countdowns use the host's time. */
let skew = 0;
let frame = 0;

const now = () => Date.now() + skew;

function drawCharts(): void {
  frame = 0;
  const t = now();
  points = points.filter((p) => p.at >= t - WINDOW_MS);
  drawTtft(byId('chart-ttft'), points, t, cards.order(), cards.labels());
  drawErrors(byId('chart-errors'), points, t);
}

const scheduleCharts = () => (frame ||= requestAnimationFrame(drawCharts));

window.addEventListener('message', (event: MessageEvent<HostToDashboard>) => {
  const m = event.data;
  if (!m || typeof m !== 'object') return;
  switch (m.type) {
    case 'init':
      skew = m.now - Date.now();
      points = m.points;
      cards.set(m.cards, now());
      log.reset(m.events);
      return scheduleCharts();
    case 'health':
      skew = m.now - Date.now();
      cards.set(m.cards, now());
      return scheduleCharts();
    case 'event':
      return log.add(m.row);
    case 'point':
      points.push(m.point);
      return scheduleCharts();
  }
});

setInterval(() => {
  cards.tick(now());
  byId('clock').textContent = `Updated ${new Date(now()).toLocaleTimeString()}`;
  scheduleCharts();
}, 1000);

announceReady(() => post({ type: 'ready' }));
