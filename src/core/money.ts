/**
 * USD as the chat, dashboard and report show it: cents for a day's spend, four decimals for a
 * single answer (most cost a fraction of a cent), "—" when unknown. Plain data, shared with webviews.
 */
export function usd(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  if (v === 0) return '$0';
  if (v < 0.01) return `$${v.toFixed(4)}`;
  return `$${v.toFixed(2)}`;
}
