import { groupRows, hasHeading, soloName } from '../core/groups';
import { STATUS_GLYPHS, STATUS_WORDS, USABLE } from '../core/status';
import type { ProviderHealth, RoutingPolicy } from '../resilience/api';
import { ms, pct, routingText } from './format';
import { breakerText, providerStatus } from './providerStatus';

export type Severity = 'ok' | 'warning' | 'error';

export interface StatusView {
  text: string;
  severity: Severity;
  /** Markdown for the tooltip (command links to the dashboard and the switcher). */
  tooltip: string;
  /** Accessible label. */
  ariaLabel: string;
}

export interface StatusInput {
  health: ProviderHealth[];
  policy: RoutingPolicy;
  /** The pinned provider's id (policy `pinned`). */
  pinned?: string;
  /** The label of the fallback chain pinned instead of a provider: every chat goes through its steps. */
  chain?: string;
  /** Who answered the last chat (its first token, then its completion). */
  lastAnswer?: { providerId: string; label: string; at: number };
  /** Configured providers the engine does not run because they have no key. */
  missingKeys?: { id: string; label: string }[];
  /** The extension is still reading keys and settings: no health is known yet. */
  starting?: boolean;
  now?: number;
}

const STARTING: StatusView = {
  text: '$(sync~spin) Switchboard: starting',
  severity: 'ok',
  tooltip: '**Switchboard** is starting: reading API keys and settings. A chat sent now waits for it and is then answered.',
  ariaLabel: 'Switchboard: starting',
};

/**
 * What the status bar shows: who answered the last chat (or, before any, who would), its state
 * glyph and median first-token time; when pinned, the pin and, if another provider answered
 * instead, an arrow to it, so a failing pinned provider never looks as if it answered.
 */
export function statusView(input: StatusInput): StatusView {
  if (input.starting) return STARTING;
  const { health, policy } = input;
  const now = input.now ?? Date.now();
  const status = new Map(health.map((h) => [h.id, providerStatus(h, now)]));
  const usable = health.filter((h) => USABLE.has(status.get(h.id)!.kind));
  const byId = (id: string | undefined) => health.find((h) => h.id === id);
  const missing = input.missingKeys ?? [];
  const pinnedId = policy === 'pinned' && input.chain === undefined ? input.pinned : undefined;
  const pinned = byId(pinnedId);
  // "OpenAI · gpt-4o" when the entry lists several models: which model is pinned or answered.
  const nameOf = (h: ProviderHealth) => soloName(h, health);
  const pinnedLabel = (pinned && nameOf(pinned)) ?? missing.find((m) => m.id === pinnedId)?.label ?? pinnedId;
  const answered = byId(input.lastAnswer?.providerId);
  const drills = health.filter((h) => status.get(h.id)!.kind === 'fire_drill');

  let severity: Severity = 'ok';
  if (!usable.length) severity = 'error';
  else if (health.some((h) => h.enabled && status.get(h.id)!.kind !== 'healthy') || (pinnedId && !(pinned && USABLE.has(status.get(pinned.id)!.kind)))) severity = 'warning';

  const p50 = (h: ProviderHealth) => (h.ttft.p50 !== undefined ? ` ${ms(h.ttft.p50)}` : '');
  let text: string;
  if (pinnedId) {
    const glyph = pinned ? status.get(pinned.id)!.glyph : STATUS_GLYPHS.no_key;
    const other = answered && answered.id !== pinnedId ? answered : undefined;
    text = `${glyph} ${pinnedLabel}${!other && pinned ? p50(pinned) : ''} $(pinned)${other ? ` $(arrow-right) ${nameOf(other)}${p50(other)}` : ''}`;
  } else {
    const focus = (answered?.enabled ? answered : undefined) ?? usable[0] ?? health.find((h) => h.enabled);
    const name = focus && nameOf(focus);
    text = focus ? `${status.get(focus.id)!.glyph} ${name}${p50(focus)}` : '$(circle-slash) Switchboard: no provider';
    if (drills.length && focus && status.get(focus.id)!.kind !== 'fire_drill') text += ' $(flame)';
    if (input.chain !== undefined) text += ' $(layers)';
  }

  const row = (h: ProviderHealth, name: string) => {
    const s = status.get(h.id)!;
    const shown = h.id === (answered?.id ?? pinnedId) ? `**${esc(name)}**` : esc(name);
    return `| ${shown}${h.id === pinnedId ? ' $(pinned)' : ''} | ${s.text} | ${ms(h.ttft.p50)} / ${ms(h.ttft.p95)} | ${pct(h.errorRate)} | ${breakerText(h)} |`;
  };
  // An entry with several models: its label as a heading row, then one row per model.
  const rows = groupRows(health).flatMap((g) =>
    hasHeading(g)
      ? [`| ${esc(g.label)} (${g.rows.length} models) | | | | |`, ...g.rows.map((h) => row(h, `· ${h.model}`))]
      : g.rows.map((h) => row(h, h.label)),
  );
  for (const m of missing) rows.push(`| ${esc(m.label)}${m.id === pinnedId ? ' $(pinned)' : ''} | ${STATUS_WORDS.no_key} | — | — | — |`);
  const last = input.lastAnswer
    ? `Last answer: **${esc(input.lastAnswer.label)}** at ${new Date(input.lastAnswer.at).toLocaleTimeString()}`
    : 'No answer yet in this window.';
  const pinLine = pinnedId && pinned && !USABLE.has(status.get(pinned.id)!.kind) ? `Pinned ${esc(pinnedLabel ?? '')} is ${status.get(pinned.id)!.text}: other providers answer until it is back.` : pinnedId && !pinned ? `Pinned ${esc(pinnedLabel ?? '')} has no API key: other providers answer. [Set API Key](command:switchboard.setApiKey)` : '';
  const tooltip = [
    `**Switchboard** — routing: ${esc(input.chain !== undefined ? `fallback chain ${input.chain}` : routingText(policy, pinnedLabel))}${drills.length ? ` — $(flame) fire drill: ${drills.map((d) => esc(d.label)).join(', ')}` : ''}`,
    '',
    last,
    ...(pinLine ? ['', pinLine] : []),
    '',
    '| Provider | State | First token p50 / p95 | Errors | Breaker |',
    '|---|---|---|---|---|',
    ...(rows.length ? rows : ['| (none configured) | | | | |']),
    '',
    '[Open dashboard](command:switchboard.openDashboard) · [Switch provider](command:switchboard.switchProvider) · [Run health check](command:switchboard.runHealthCheck)',
  ].join('\n');
  const ariaFocus = pinned ?? answered ?? usable[0];
  const ariaLabel = ariaFocus
    ? `Switchboard: ${pinnedId ? `pinned to ${pinnedLabel}, ` : ''}${nameOf(ariaFocus)} ${status.get(ariaFocus.id)!.text}${answered ? `, last answer from ${nameOf(answered)}` : ''}`
    : 'Switchboard: no usable provider';
  return { text, severity, tooltip, ariaLabel };
}

function esc(s: string) {
  return s.replace(/[|\\`*_[\]<>]/g, (c) => `\\${c}`);
}
