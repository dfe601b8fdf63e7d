import type { LoopbackRateLimit } from './script';

/** A provider's request quota: at most `requests` per fixed window of `windowMs`. */
export interface QuotaOptions {
  requests: number;
  windowMs: number;
}

/**
 * Counts a loopback server's chat requests against a fixed-window quota the way a provider's
 * rate limiter does: each admitted request reports the headroom left; once it is spent the
 * server answers 429 with a retry-after until the window ends.
 */
export class Quota {
  private windowStart?: number;
  private used = 0;
  /** Requests refused with 429 because the quota was spent. */
  refused = 0;

  constructor(private readonly opts: QuotaOptions) {}

  /** Admits one request at `now` (headroom after it), or refuses it (`retryAfterMs` until the window ends). */
  take(
    now: number,
  ): { ok: true; headroom: LoopbackRateLimit } | { ok: false; headroom: LoopbackRateLimit; retryAfterMs: number } {
    if (this.windowStart === undefined || now >= this.windowStart + this.opts.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    const resetMs = this.windowStart + this.opts.windowMs - now;
    if (this.used >= this.opts.requests) {
      this.refused++;
      return {
        ok: false,
        retryAfterMs: resetMs,
        headroom: { limitRequests: this.opts.requests, remainingRequests: 0, resetRequestsMs: resetMs },
      };
    }
    this.used++;
    return {
      ok: true,
      headroom: {
        limitRequests: this.opts.requests,
        remainingRequests: this.opts.requests - this.used,
        resetRequestsMs: resetMs,
      },
    };
  }
}
