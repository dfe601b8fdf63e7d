/**
 * The one vocabulary for a provider's state. The status bar, its tooltip, the dashboard cards,
 * the event log, the quick picks and the report all say these words, so they never disagree
 * (a card saying "open" while its breaker row says "closed"). Plain data, shared with webviews.
 */

export type StatusKind =
  | 'healthy'
  | 'degraded'
  | 'recovering'
  | 'cooling_down'
  | 'fire_drill'
  | 'breaker_open'
  | 'isolated'
  | 'needs_attention'
  | 'no_key'
  | 'disabled';

export const STATUS_WORDS: Record<StatusKind, string> = {
  healthy: 'healthy',
  degraded: 'degraded',
  recovering: 'testing recovery',
  cooling_down: 'cooling down',
  fire_drill: 'fire drill',
  breaker_open: 'down (breaker open)',
  isolated: 'isolated until reset',
  needs_attention: 'needs attention',
  no_key: 'no API key',
  disabled: 'disabled',
};

/** Codicon per state, for the status bar and quick picks. */
export const STATUS_GLYPHS: Record<StatusKind, string> = {
  healthy: '$(pass-filled)',
  degraded: '$(warning)',
  recovering: '$(sync)',
  cooling_down: '$(watch)',
  fire_drill: '$(flame)',
  breaker_open: '$(error)',
  isolated: '$(debug-disconnect)',
  needs_attention: '$(key)',
  no_key: '$(key)',
  disabled: '$(circle-slash)',
};

/** States in which the router sends this provider new chats. */
export const USABLE: ReadonlySet<StatusKind> = new Set(['healthy', 'degraded', 'recovering']);

/** "12 s", "4 min", "3 min 5 s": a remaining time. */
export function remainingText(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 && m < 10 ? `${m} min ${s % 60} s` : `${Math.round(s / 60)} min`;
}

/** "fire drill, 4 min left" / "healthy": the state's words with the time left, when it ends by itself. */
export function statusText(kind: StatusKind, until: number | undefined, now: number, detail?: string): string {
  const words = detail ? `${STATUS_WORDS[kind]} (${detail})` : STATUS_WORDS[kind];
  return until !== undefined && until > now ? `${words}, ${remainingText(until - now)} left` : words;
}
