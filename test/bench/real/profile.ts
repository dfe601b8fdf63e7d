import type { ReplyScript } from '../../../src/loopback/script';
import { seededRandom } from '../stats';

/**
 * The real-time-scale profile (`npm run bench -- --real`): first tokens and token rates like real
 * hosted models, open-loop arrivals at a person-team's pace, phases of tens of seconds. Its length
 * scales with `--scale` (1 = about 3 minutes for two seeds on a 2-core box).
 */
export interface RealProfile {
  seeds: number[];
  ratePerSec: number;
  crisis: { healthyMs: number; degradedMs: number; outageMs: number; recoveryMs: number };
  tail: { ms: number; slowShare: number; slowMs: number };
  deadlineMs: number;
}

export function realProfile(scale = 1, seeds = 2): RealProfile {
  const s = (ms: number) => Math.round(ms * scale);
  return {
    seeds: Array.from({ length: seeds }, (_, i) => i + 1),
    ratePerSec: 2,
    crisis: { healthyMs: s(20_000), degradedMs: s(20_000), outageMs: s(15_000), recoveryMs: s(20_000) },
    tail: { ms: s(25_000), slowShare: 0.05, slowMs: 8000 },
    deadlineMs: 30_000,
  };
}

/** A provider's timing: log-normal first token around `ttftMs`, `tokensPerSec` after it. */
export interface Timing {
  ttftMs: number;
  spread: number;
  tokensPerSec: number;
}

/** Hosted-model-like defaults (issue 12: first tokens around 0.7-1 s, a fallback a little slower). */
export const PRIMARY: Timing = { ttftMs: 800, spread: 0.3, tokensPerSec: 40 };
export const FALLBACK: Timing = { ttftMs: 900, spread: 0.3, tokensPerSec: 35 };

/** Seeded draws of first-token delays (ms). */
export function ttfts(t: Timing, n: number, seed: number, factor = 1): number[] {
  const rnd = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  return Array.from({ length: n }, () => Math.round(factor * t.ttftMs * Math.exp(t.spread * normal())));
}

/** Scripts answering `text` with those first-token delays and the token rate. */
export function scripts(text: string, t: Timing, delays: number[]): ReplyScript[] {
  return delays.map((d) => ({ text, firstTokenDelayMs: d, tokenDelayMs: Math.round(1000 / t.tokensPerSec) }));
}
