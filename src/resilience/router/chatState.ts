import { ProviderError, type ErrorKind } from '../../core/errors';
import type { ChatInput } from '../api';
import type { Attempt } from './attempt';
import type { Route } from './route';
import type { Skip } from './skipped';
import type { ProviderSlot } from './slot';

/**
 * What one chat knows about itself. Only its ChatRun writes it; the candidate rules read it, and
 * the error builders below turn it into the error that ends the chat.
 */
export class ChatState {
  /** Attempts started so far (hedges included). */
  attempts = 0;
  /** Backoff retries of a provider already tried in this chat. */
  retries = 0;
  /** Providers this chat has started an attempt on (hedges included). */
  readonly tried = new Set<string>();
  /** Time spent waiting for backoff or cooldowns. */
  waitedMs = 0;
  /** Attempts in flight. */
  readonly live = new Set<Attempt>();
  /** Providers that failed in this chat, with their last error. */
  readonly failed = new Map<string, ProviderError>();
  lastError?: ProviderError;
  /** Text the user sees for this answer (reset by a restart). */
  shown = '';
  /** Shown before this run (a resumed answer), kept until a restart: continuations include it. */
  before = '';
  /** Providers ranked ahead of the chat's first choice that it passed over (set at the first launch). */
  skipped?: Skip[];
  /** Sent as `continueFrom` to the next attempt (mid-stream continue). */
  continueFrom?: string;
  /** The conversation's prompt-cache key (cacheAffinity.ts); undefined when stickiness is off. */
  cacheKey?: string;
  /** The provider where this conversation's prompt cache is warm (tried first while healthy). */
  sticky?: string;

  constructor(
    readonly chatId: string,
    readonly input: ChatInput,
    /** Where this chat may go: every provider, or a chain's steps. */
    readonly route: Route,
    /** Providers this chat may use (sensitivity already applied), configuration order. */
    readonly allowed: ProviderSlot[],
    readonly requestChars: number,
  ) {}

  isLive(slot: ProviderSlot): boolean {
    for (const a of this.live) if (a.slot === slot) return true;
    return false;
  }

  cancelled(): ProviderError {
    return new ProviderError({
      kind: 'cancelled',
      providerId: this.lastError?.providerId ?? 'switchboard',
      partialText: this.shown,
      streamed: this.shown.length > 0,
    });
  }

  /** The error that ends the chat: the last failure's kind, with everything shown so far. */
  exhausted(reason: string): ProviderError {
    const last = this.lastError;
    if (!last) return this.fail(this.idleKind(), 'switchboard', reason);
    return new ProviderError({
      kind: last.kind,
      providerId: last.providerId,
      status: last.status,
      requestId: last.requestId,
      retryAfterMs: last.retryAfterMs,
      message: last.detail ? `${last.detail}; ${reason}` : reason,
      partialText: this.shown,
      streamed: this.shown.length > 0,
      cause: last,
    });
  }

  fail(kind: ErrorKind, providerId: string, message: string): ProviderError {
    return new ProviderError({ kind, providerId, message, partialText: this.shown, streamed: this.shown.length > 0 });
  }

  /** Why nothing could even be tried: misconfiguration or cooldown if that is what blocks, else overloaded. */
  private idleKind(): ErrorKind {
    const mis = this.allowed.find((s) => s.enabled && s.misconfigured);
    if (mis?.misconfigured && this.allowed.every((s) => !s.enabled || s.misconfigured)) return mis.misconfigured.kind;
    if (this.allowed.some((s) => s.inCooldown())) return 'rate_limited';
    return 'overloaded';
  }
}
