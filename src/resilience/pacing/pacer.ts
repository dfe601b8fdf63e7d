import type { RateLimitInfo } from '../../core/chunks';
import type { Hold } from '../gate';
import type { PacingLimits } from './limits';

/** One request as the pacer counts it. */
export interface Ticket {
  at: number;
  /** Tokens expected before usage is known; replaced by the reported total. */
  tokens: number;
  /** Response headers arrived (the provider's counters include this request from then on). */
  answered: boolean;
}

const MINUTE = 60_000;
/** Tokens a request is assumed to use before any usage was reported. */
const FIRST_GUESS_TOKENS = 1000;
/** A full concurrency slot is checked again this often (an attempt ending frees it). */
const CONCURRENCY_RECHECK_MS = 250;

/** After a window's reset, how long to wait for the headers that report the new window. */
const HEADERS_WAIT_MS = 250;

/** Headroom left, and when it changes by itself. */
interface Left {
  left: number;
  until: number;
}

const clock = (at: number) => new Date(at).toISOString().slice(11, 19);

/**
 * Pacing for one provider: it keeps the headroom the provider last reported (requests and tokens
 * remaining, and when each window resets) and counts what was sent since, plus the requests and
 * tokens of the last minute for configured RPM/TPM limits and the requests in flight. `hold`
 * says when one more request would be refused, so the router sends it elsewhere (or waits)
 * before the provider answers 429.
 */
export class ProviderPacer {
  private reported?: RateLimitInfo;
  /** Requests and tokens sent that the last reported headroom does not include yet. */
  private unreportedRequests = 0;
  private unreportedTokens = 0;
  private readonly live = new Set<Ticket>();
  private readonly lastMinute: Ticket[] = [];
  private avgTokens?: number;

  /** A request starts now; `estTokens` guesses its size until usage is known. */
  start(at: number, estTokens?: number): Ticket {
    const t: Ticket = { at, tokens: estTokens ?? this.expectedTokens(), answered: false };
    this.live.add(t);
    this.lastMinute.push(t);
    this.unreportedRequests++;
    this.unreportedTokens += t.tokens;
    return t;
  }

  /**
   * Response headers arrived with the provider's headroom. Requests still waiting for their own
   * headers may not be counted by it yet: they stay counted against it (the careful side).
   */
  headers(t: Ticket, rl: RateLimitInfo): void {
    t.answered = true;
    if (Object.keys(rl).length === 0) return;
    this.reported = rl;
    const waiting = [...this.live].filter((x) => !x.answered);
    this.unreportedRequests = waiting.length;
    this.unreportedTokens = waiting.reduce((n, x) => n + x.tokens, 0);
  }

  /** The answer reported its total tokens. */
  usage(t: Ticket, tokens: number): void {
    t.tokens = tokens;
    this.avgTokens = this.avgTokens === undefined ? tokens : this.avgTokens * 0.8 + tokens * 0.2;
  }

  /** The request ended (any way). */
  end(t: Ticket): void {
    this.live.delete(t);
  }

  /** Tokens the next request is expected to use. */
  expectedTokens(): number {
    return Math.round(this.avgTokens ?? FIRST_GUESS_TOKENS);
  }

  /** Why one more request now would exceed a limit, or undefined. */
  hold(at: number, limits: PacingLimits | undefined, useHeadroom: boolean): Hold | undefined {
    this.prune(at);
    const need = this.expectedTokens();
    if (limits?.concurrency !== undefined && this.live.size >= limits.concurrency) {
      return {
        reason: 'pacing',
        until: at + CONCURRENCY_RECHECK_MS,
        detail: `${this.live.size} requests in flight (limit ${limits.concurrency})`,
      };
    }
    const oldest = this.lastMinute[0];
    if (limits?.rpm !== undefined && oldest && this.lastMinute.length >= limits.rpm) {
      return {
        reason: 'pacing',
        until: oldest.at + MINUTE,
        detail: `${this.lastMinute.length} requests in the last minute (limit ${limits.rpm}/min)`,
      };
    }
    if (limits?.tpm !== undefined && oldest && this.minuteTokens() + need > limits.tpm) {
      return {
        reason: 'pacing',
        until: oldest.at + MINUTE,
        detail: `${this.minuteTokens()} tokens in the last minute (limit ${limits.tpm}/min)`,
      };
    }
    const h = useHeadroom ? this.headroom(at) : {};
    if (h.requests && h.requests.left <= 0) {
      const until = h.requests.until;
      return { reason: 'pacing', until, detail: `no request headroom left until ${clock(until)}` };
    }
    if (h.tokens && h.tokens.left < need) {
      const until = h.tokens.until;
      return { reason: 'pacing', until, detail: `no token headroom left until ${clock(until)}` };
    }
    return undefined;
  }

  /** Headroom under `fraction` of a limit (reported or configured). */
  low(at: number, limits: PacingLimits | undefined, useHeadroom: boolean, fraction: number): boolean {
    this.prune(at);
    const under = (left: number, limit: number | undefined) =>
      limit !== undefined && limit > 0 && left < limit * fraction;
    if (limits?.rpm !== undefined && under(limits.rpm - this.lastMinute.length, limits.rpm)) return true;
    if (limits?.tpm !== undefined && under(limits.tpm - this.minuteTokens(), limits.tpm)) return true;
    const h = useHeadroom ? this.headroom(at) : {};
    if (h.requests && under(h.requests.left, this.reported?.limitRequests)) return true;
    if (h.tokens && under(h.tokens.left, this.reported?.limitTokens)) return true;
    return false;
  }

  /**
   * Requests and tokens left by the last report, minus what was sent since, and when that changes.
   * Before the reset: the reported remainder. After it the window has refilled: the limit, minus
   * what was sent since the reset (so chats that waited for the reset do not all rush in at once),
   * until the headers of those requests report the new window.
   */
  private headroom(at: number): { requests?: Left; tokens?: Left } {
    const r = this.reported;
    if (!r) return {};
    const since = (reset: number) => this.lastMinute.filter((t) => t.at >= reset);
    const left = (
      remaining?: number,
      limit?: number,
      reset?: number,
      unreported = 0,
      used?: (ts: Ticket[]) => number,
    ) => {
      if (remaining === undefined || reset === undefined) return undefined;
      if (at < reset) return { left: remaining - unreported, until: reset };
      if (limit === undefined || !used) return undefined;
      return { left: limit - used(since(reset)), until: at + HEADERS_WAIT_MS };
    };
    return {
      requests: left(
        r.remainingRequests,
        r.limitRequests,
        r.resetRequestsAt,
        this.unreportedRequests,
        (ts) => ts.length,
      ),
      tokens: left(r.remainingTokens, r.limitTokens, r.resetTokensAt, this.unreportedTokens, (ts) =>
        ts.reduce((n, t) => n + t.tokens, 0),
      ),
    };
  }

  private minuteTokens(): number {
    return this.lastMinute.reduce((n, t) => n + t.tokens, 0);
  }

  private prune(at: number): void {
    while (this.lastMinute.length && this.lastMinute[0].at <= at - MINUTE) this.lastMinute.shift();
  }
}
