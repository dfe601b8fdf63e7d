import type { ChatRequest } from '../../core/messages';
import type { FinishReason, StreamChunk, TimingMarks, Usage } from '../../core/chunks';
import { ProviderError } from '../../core/errors';
import {
  DEFAULT_TIMEOUTS,
  type ChatProvider,
  type ProtocolId,
  type ProviderConfig,
  type ProviderTimeouts,
  type TrustLabel,
} from '../../core/provider';
import { redact } from '../../core/redact';
import type { OpenedStream } from './types';
import { raceStep } from './watchdog';

/**
 * Template method (Continue's BaseLLM.streamChat -> _streamChat): this class owns abort, timing,
 * the first-token and stall watchdogs, and error normalization. A protocol implements `open`,
 * `mapError` and `fetchModels`.
 */
export abstract class BaseProvider implements ChatProvider {
  readonly id: string;
  readonly label: string;
  readonly model: string;
  readonly trust: TrustLabel;
  abstract readonly protocol: ProtocolId;
  protected readonly timeouts: ProviderTimeouts;

  constructor(protected readonly config: ProviderConfig) {
    this.id = config.id;
    this.label = config.label ?? config.id;
    this.model = config.model;
    this.trust = config.trust ?? 'cloud';
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...config.timeouts };
  }

  /** Sends the request through the SDK and resolves once headers arrive. */
  protected abstract open(req: ChatRequest, signal: AbortSignal): Promise<OpenedStream>;
  /** Maps an SDK or transport error into the taxonomy. `streamed` says if text already arrived. */
  protected abstract mapError(err: unknown, streamed: boolean): ProviderError;
  protected abstract fetchModels(signal: AbortSignal): Promise<string[]>;

  async listModels(signal?: AbortSignal): Promise<string[]> {
    const ctrl = new AbortController();
    const onAbort = () => ctrl.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.fetchModels(ctrl.signal);
    } catch (err) {
      throw this.normalize(err, '', signal?.aborted ?? false);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async *streamChat(req: ChatRequest): AsyncGenerator<StreamChunk> {
    const user = req.signal;
    if (user?.aborted) throw this.error('cancelled', '');
    const ctrl = new AbortController();
    const onUserAbort = () => ctrl.abort();
    user?.addEventListener('abort', onUserAbort, { once: true });

    const timing: TimingMarks = { sent: performance.now(), tokens: 0, maxGapMs: 0 };
    let partial = '';
    let iterator: AsyncIterator<import('./types').RawEvent> | undefined;
    try {
      let opened: OpenedStream;
      try {
        opened = await this.open({ ...req, signal: ctrl.signal }, ctrl.signal);
      } catch (err) {
        throw this.normalize(err, '', user?.aborted ?? false);
      }
      timing.headers = performance.now();
      yield { type: 'meta', meta: opened.meta };

      iterator = opened.events[Symbol.asyncIterator]();
      let finish: FinishReason | undefined;
      let usage: Usage | undefined;
      for (;;) {
        const limit = timing.firstToken === undefined ? this.timeouts.firstTokenMs : this.timeouts.stallMs;
        let step;
        try {
          step = await raceStep(iterator.next(), limit, ctrl.signal);
        } catch (err) {
          throw this.normalize(err, partial, user?.aborted ?? false);
        }
        if (step.kind === 'aborted') throw this.error('cancelled', partial);
        if (step.kind === 'timeout') {
          throw this.error('stalled', partial, `no data for ${limit} ms`);
        }
        if (step.result.done) break;
        const ev = step.result.value;
        if (ev.type === 'text') {
          if (!ev.text) continue;
          const at = performance.now();
          if (timing.firstToken === undefined) timing.firstToken = at;
          else timing.maxGapMs = Math.max(timing.maxGapMs, at - (timing.lastToken ?? at));
          timing.lastToken = at;
          timing.tokens++;
          partial += ev.text;
          yield { type: 'text', text: ev.text, at };
          if (user?.aborted) throw this.error('cancelled', partial);
        } else if (ev.type === 'usage') {
          usage = { ...usage, ...ev.usage };
        } else {
          finish = ev.reason;
        }
      }
      // A raw stream aborted by the user ends silently: tell that apart from a real end.
      if (user?.aborted) throw this.error('cancelled', partial);
      if (finish === undefined) {
        throw this.error('interrupted', partial, 'the stream ended without a finish reason');
      }
      if (finish === 'filtered') throw this.error('content_filtered', partial);
      if (usage) yield { type: 'usage', usage };
      timing.end = performance.now();
      yield { type: 'finish', reason: finish, timing };
    } finally {
      user?.removeEventListener('abort', onUserAbort);
      // Closing early (error, cancel, consumer break) must close the upstream socket.
      if (!ctrl.signal.aborted && timing.end === undefined) ctrl.abort();
      if (iterator?.return) void Promise.resolve(iterator.return()).catch(() => undefined);
    }
  }

  /** Builds an error of this provider with redacted detail. */
  protected error(kind: ProviderError['kind'], partial: string, detail?: string, extra: Partial<ProviderError> = {}) {
    return new ProviderError({
      kind,
      providerId: this.id,
      message: detail === undefined ? undefined : this.clean(detail),
      streamed: partial.length > 0,
      partialText: partial,
      status: extra.status,
      requestId: extra.requestId,
      retryAfterMs: extra.retryAfterMs,
    });
  }

  /** Redacts the configured key and anything key-shaped. */
  protected clean(text: string): string {
    return redact(text, this.config.apiKey ? [this.config.apiKey] : []);
  }

  private normalize(err: unknown, partial: string, userAborted: boolean): ProviderError {
    if (userAborted) return this.error('cancelled', partial);
    if (err instanceof ProviderError) return err.withStream(partial);
    return this.mapError(err, partial.length > 0).withStream(partial);
  }
}
