import type { FinishReason, ResponseMeta, StreamChunk, Usage } from '../../core/chunks';
import type { Clock } from '../../core/clock';
import { ProviderError, isProviderError } from '../../core/errors';
import type { ChatMessage, ChatOptions, ToolCall } from '../../core/messages';
import type { AttemptSample } from '../health';
import type { InFlight, ProviderSlot } from './slot';

export type AttemptStatus = 'running' | 'done' | 'failed' | 'aborted';

/** Deadlines the engine asks of the adapter's watchdog (undefined = the adapter's own only). */
export interface AttemptLimits {
  firstTokenMs?: number;
  stallMs?: number;
}

export interface AttemptInit {
  slot: ProviderSlot;
  /** 1-based number of this upstream attempt within the chat. */
  n: number;
  hedge: boolean;
  messages: ChatMessage[];
  options: ChatOptions;
  limits: AttemptLimits;
  clock: Clock;
  /** Progress (a chunk, the end) for the chat loop. */
  onProgress(): void;
  /** The one outcome sink: called exactly once, when the attempt ends (done, failed or aborted). */
  onSettled(a: Attempt): void;
  onFirstToken(a: Attempt, ttftMs: number): void;
}

/**
 * One upstream call. It pulls the provider stream eagerly into a queue so the chat loop can race
 * several attempts (hedging) and abort losers: aborting closes the SDK request and its socket.
 */
export class Attempt implements InFlight {
  readonly slot: ProviderSlot;
  readonly n: number;
  readonly hedge: boolean;
  status: AttemptStatus = 'running';
  error?: ProviderError;
  meta?: ResponseMeta;
  usage?: Usage;
  finish?: FinishReason;
  /** Tool calls of a finished answer (complete, valid JSON); a failed attempt's calls never get here. */
  readonly toolCalls: ToolCall[] = [];
  /** Clock time of the first text delta or tool-call fragment. */
  firstTokenAt?: number;
  private readonly queue: string[] = [];
  private readonly ctrl = new AbortController();
  private readonly startedAt: number;
  private tokens = 0;
  private gapSum = 0;
  private maxGap = 0;
  private lastAt?: number;

  constructor(private readonly init: AttemptInit) {
    this.slot = init.slot;
    this.n = init.n;
    this.hedge = init.hedge;
    this.startedAt = init.clock.now();
  }

  get providerId(): string {
    return this.slot.id;
  }

  /** A token arrived, or the attempt finished cleanly (possibly with no text). */
  get hasOutput(): boolean {
    return this.firstTokenAt !== undefined || this.status === 'done';
  }

  start(): this {
    this.slot.inFlight.add(this);
    if (this.slot.inOutage()) {
      queueMicrotask(() => this.failSimulated());
      return this;
    }
    void this.pump();
    return this;
  }

  /** Next text delta received and not yet taken. */
  take(): string | undefined {
    return this.queue.shift();
  }

  /** Set when another attempt won while this one, slow by its own measure, had no first token. */
  private beatenAfter?: number;

  /** Stops this attempt without blaming the provider (hedge loser, user cancel). */
  abort(): void {
    if (this.status !== 'running') return;
    this.settle('aborted');
    this.ctrl.abort();
  }

  /**
   * Another attempt produced output first: stop this one. Only its own time counts: if it had
   * waited at least `slowAfterMs` (its provider's own hedge threshold) since its own start without
   * a first token, health counts it as a slow failure (so a provider that hangs turns degraded and
   * moves behind the others), though not against its breaker. An attempt that joined the race late
   * and lost it says nothing about its provider.
   */
  abortLost(slowAfterMs: number): void {
    if (this.status !== 'running') return;
    const waited = this.init.clock.now() - this.startedAt;
    if (!this.hasOutput && waited >= slowAfterMs) this.beatenAfter = waited;
    this.abort();
  }

  /** Fire drill: fail as `overloaded` without touching the network. */
  failSimulated(): void {
    this.fail(
      new ProviderError({
        kind: 'overloaded',
        providerId: this.slot.id,
        message: 'simulated outage (fire drill)',
        simulated: true,
      }),
    );
  }

  /** The outcome for the health tracker; undefined for aborted attempts (beaten ones aside). */
  sample(at: number): AttemptSample | undefined {
    const waited = this.beatenAfter;
    if (waited !== undefined) {
      const message = `no first token after ${Math.round(waited)} ms, when another provider answered`;
      return {
        providerId: this.slot.id,
        ok: false,
        kind: 'stalled',
        message,
        at,
        tokens: 0,
        ttftMs: waited,
        censored: true,
      };
    }
    if (this.status === 'running' || this.status === 'aborted') return undefined;
    const t = this.firstTokenAt;
    return {
      providerId: this.slot.id,
      ok: this.status === 'done',
      kind: this.error?.kind,
      message: this.error?.detail,
      ttftMs: t === undefined ? undefined : t - this.startedAt,
      firstTokenNoted: t !== undefined,
      maxGapMs: this.tokens > 1 ? this.maxGap : undefined,
      meanGapMs: this.tokens > 1 ? this.gapSum / (this.tokens - 1) : undefined,
      totalMs: this.status === 'done' ? this.init.clock.now() - this.startedAt : undefined,
      tokens: this.tokens,
      at,
      rateLimit: this.meta?.rateLimit && Object.keys(this.meta.rateLimit).length ? this.meta.rateLimit : undefined,
    };
  }

  private async pump(): Promise<void> {
    const { slot, messages, options, limits, clock } = this.init;
    try {
      const watch = { clock, firstTokenMs: limits.firstTokenMs, stallMs: limits.stallMs };
      const stream = slot.provider.streamChat({
        model: slot.provider.model,
        messages,
        options,
        signal: this.ctrl.signal,
        watch,
      });
      for await (const c of stream) {
        if (this.status !== 'running') break;
        this.accept(c);
      }
      if (this.status === 'running') {
        if (this.finish === undefined)
          throw new ProviderError({
            kind: 'interrupted',
            providerId: slot.id,
            message: 'the stream ended without a finish',
          });
        this.settle('done');
      }
    } catch (err) {
      this.fail(
        isProviderError(err)
          ? err
          : new ProviderError({ kind: 'protocol', providerId: slot.id, message: String(err), cause: err }),
      );
    }
  }

  private accept(c: StreamChunk): void {
    if (c.type === 'meta') this.meta = c.meta;
    // Some providers report usage in pieces (Anthropic: input at the start, output at the end).
    else if (c.type === 'usage') this.usage = { ...this.usage, ...c.usage };
    else if (c.type === 'finish') this.finish = c.reason;
    else if (c.type === 'tool_call') this.toolCalls.push(c.call);
    else {
      // A text delta, or a fragment of a tool call's arguments (progress for the watchdogs, not shown).
      const at = this.init.clock.now();
      if (this.firstTokenAt === undefined) {
        this.firstTokenAt = at;
        this.init.onFirstToken(this, at - this.startedAt);
      } else if (this.lastAt !== undefined) {
        const gap = at - this.lastAt;
        this.gapSum += gap;
        this.maxGap = Math.max(this.maxGap, gap);
      }
      this.lastAt = at;
      this.tokens++;
      if (c.type === 'text') this.queue.push(c.text);
    }
    this.init.onProgress();
  }

  private fail(err: ProviderError): void {
    if (this.status !== 'running') return;
    this.error = err;
    this.settle('failed');
    this.ctrl.abort();
  }

  private settle(status: AttemptStatus): void {
    this.status = status;
    this.slot.inFlight.delete(this);
    this.init.onSettled(this);
    this.init.onProgress();
  }
}
