import type { TurnPart } from './protocol';

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

/**
 * What a day's spend owes to attempts cut off after producing tokens (hedges that lost, dropped
 * streams), whose counts are partly estimated: " (incl. ~$0.0021 estimated for 3 cut attempts)".
 * Empty when there were none.
 */
export function cutNote(cutAttempts: number | undefined, estimatedUsd: number | undefined): string {
  if (!cutAttempts) return '';
  const what = `${cutAttempts} cut attempt${cutAttempts === 1 ? '' : 's'}`;
  return estimatedUsd ? ` (incl. ~${usd(estimatedUsd)} estimated for ${what})` : ` (incl. ${what})`;
}

/**
 * The line under an answer: "1,234 tokens in (1,024 cached) · 56 out · $0.0012 (chat $0.0345)".
 * Cache and cost appear only when there is something to say (a local or unpriced model adds nothing).
 */
export function usageLine(u: Extract<TurnPart, { type: 'usage' }>): string {
  const n = (v?: number) => (v === undefined ? '?' : v.toLocaleString('en-US'));
  const cached = u.cachedInputTokens ? ` (${n(u.cachedInputTokens)} cached)` : '';
  const chat =
    u.chatCostUsd !== undefined && u.costUsd !== undefined && u.chatCostUsd > u.costUsd
      ? ` (chat ${usd(u.chatCostUsd)})`
      : '';
  const cost = u.costUsd ? ` · ${usd(u.costUsd)}${chat}` : '';
  return `${n(u.inputTokens)} tokens in${cached} · ${n(u.outputTokens)} out${cost}`;
}
