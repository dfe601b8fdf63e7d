import type { RateLimitInfo } from '../../core/chunks';
import { header, type HeaderBag } from './httpErrors';

/** "1m30s", "6s", "120ms", "1h2m" (OpenAI reset format) -> ms. */
export function parseDuration(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let matched = false;
  for (let m = re.exec(v); m; m = re.exec(v)) {
    matched = true;
    const n = Number(m[1]);
    total += m[2] === 'h' ? n * 3_600_000 : m[2] === 'm' ? n * 60_000 : m[2] === 's' ? n * 1000 : n;
  }
  if (!matched) {
    const secs = Number(v);
    return Number.isFinite(secs) ? secs * 1000 : undefined;
  }
  return total;
}

function num(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** OpenAI: `x-ratelimit-{limit,remaining,reset}-{requests,tokens}`, reset as a duration. */
export function openAiRateLimit(h: HeaderBag, now = Date.now()): RateLimitInfo {
  const reset = (k: string) => {
    const d = parseDuration(header(h, k));
    return d === undefined ? undefined : now + d;
  };
  return strip({
    limitRequests: num(header(h, 'x-ratelimit-limit-requests')),
    remainingRequests: num(header(h, 'x-ratelimit-remaining-requests')),
    resetRequestsAt: reset('x-ratelimit-reset-requests'),
    limitTokens: num(header(h, 'x-ratelimit-limit-tokens')),
    remainingTokens: num(header(h, 'x-ratelimit-remaining-tokens')),
    resetTokensAt: reset('x-ratelimit-reset-tokens'),
  });
}

/** Anthropic: `anthropic-ratelimit-{requests,tokens}-{limit,remaining,reset}`, reset as RFC 3339. */
export function anthropicRateLimit(h: HeaderBag): RateLimitInfo {
  const at = (k: string) => {
    const v = header(h, k);
    const t = v ? Date.parse(v) : NaN;
    return Number.isNaN(t) ? undefined : t;
  };
  return strip({
    limitRequests: num(header(h, 'anthropic-ratelimit-requests-limit')),
    remainingRequests: num(header(h, 'anthropic-ratelimit-requests-remaining')),
    resetRequestsAt: at('anthropic-ratelimit-requests-reset'),
    limitTokens: num(header(h, 'anthropic-ratelimit-tokens-limit')),
    remainingTokens: num(header(h, 'anthropic-ratelimit-tokens-remaining')),
    resetTokensAt: at('anthropic-ratelimit-tokens-reset'),
  });
}

function strip(r: RateLimitInfo): RateLimitInfo {
  return Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as RateLimitInfo;
}
