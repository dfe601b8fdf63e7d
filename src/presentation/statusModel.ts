import type { ProviderHealth, RoutingPolicy } from '../resilience/api';
import { healthLine, ms, pct, remaining, STATE_GLYPH, STATE_LABEL } from './format';

export type Severity = 'ok' | 'warning' | 'error';

export interface StatusView {
  text: string;
  severity: Severity;
  /** Markdown for the tooltip (command links to the dashboard and the switcher). */
  tooltip: string;
  /** Accessible label. */
  ariaLabel: string;
}

/**
 * What the status bar shows: the provider answering (or preferred), its glyph and median
 * first-token time; warning when it or any fallback is degraded, error when nothing is usable.
 */
export function statusView(health: ProviderHealth[], focusId: string | undefined, policy: RoutingPolicy, now = Date.now()): StatusView {
  const usable = health.filter((h) => h.enabled && (h.state === 'healthy' || h.state === 'degraded'));
  const focus = health.find((h) => h.id === focusId && h.enabled) ?? usable[0] ?? health.find((h) => h.enabled);
  const drill = health.some((h) => remaining(h.simulatedOutageUntil, now));
  let severity: Severity = 'ok';
  if (!usable.length) severity = 'error';
  else if (!focus || focus.state !== 'healthy' || health.some((h) => h.enabled && h.state !== 'healthy') || drill) severity = 'warning';
  const text = focus
    ? `${STATE_GLYPH[focus.state]} ${focus.label}${focus.ttft.p50 !== undefined ? ` ${ms(focus.ttft.p50)}` : ''}${drill ? ' $(flame)' : ''}`
    : '$(circle-slash) Switchboard: no provider';
  const rows = health.map((h) => {
    const breaker = h.breaker === 'closed' ? 'closed' : h.breaker.replace('_', '-');
    const cd = remaining(h.cooldownUntil, now) ?? '—';
    return `| ${h.id === focus?.id ? '**' + esc(h.label) + '**' : esc(h.label)} | ${STATE_LABEL[h.state]}${h.enabled ? '' : ' (off)'} | ${ms(h.ttft.p50)} / ${ms(h.ttft.p95)} | ${pct(h.errorRate)} | ${breaker} | ${cd} |`;
  });
  const tooltip = [
    `**Switchboard** — routing: ${policy}${drill ? ' — $(flame) fire drill active' : ''}`,
    '',
    '| Provider | State | First token p50 / p95 | Errors | Breaker | Cooldown |',
    '|---|---|---|---|---|---|',
    ...(rows.length ? rows : ['| (none configured) | | | | | |']),
    '',
    '[Open dashboard](command:switchboard.openDashboard) · [Switch provider](command:switchboard.switchProvider) · [Run health check](command:switchboard.runHealthCheck)',
  ].join('\n');
  const ariaLabel = focus ? `Switchboard: ${focus.label} ${healthLine(focus, now)}` : 'Switchboard: no usable provider';
  return { text, severity, tooltip, ariaLabel };
}

function esc(s: string) {
  return s.replace(/[|\\`*_[\]<>]/g, (c) => `\\${c}`);
}
