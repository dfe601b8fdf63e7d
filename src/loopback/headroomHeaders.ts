import type { LoopbackRateLimit } from './script';

/**
 * A script's headroom as headers, in a protocol's own names (`name(field, unit)`) and reset
 * format (`reset(ms from now)`): OpenAI and Anthropic say the same six things differently.
 */
export function headroomHeaders(
  rl: LoopbackRateLimit,
  name: (field: 'limit' | 'remaining' | 'reset', unit: 'requests' | 'tokens') => string,
  reset: (ms: number) => string,
): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (k: string, v: number | undefined, f: (n: number) => string = String) => {
    if (v !== undefined) out[k] = f(v);
  };
  put(name('limit', 'requests'), rl.limitRequests);
  put(name('remaining', 'requests'), rl.remainingRequests);
  put(name('reset', 'requests'), rl.resetRequestsMs, reset);
  put(name('limit', 'tokens'), rl.limitTokens);
  put(name('remaining', 'tokens'), rl.remainingTokens);
  put(name('reset', 'tokens'), rl.resetTokensMs, reset);
  return out;
}
