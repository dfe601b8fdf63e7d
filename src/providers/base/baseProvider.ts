import type { ContinuationStyle } from '../../core/continuation';
import type { ChatRequest } from '../../core/messages';
import type { FinishReason, StreamChunk, Usage } from '../../core/chunks';
import { systemClock } from '../../core/clock';
import { isProviderError, ProviderError } from '../../core/errors';
import {
  DEFAULT_TIMEOUTS,
  type ChatProvider,
  type ModelCapabilities,
  type ProtocolId,
  type ProviderConfig,
  type ProviderTimeouts,
  type TrustLabel,
} from '../../core/provider';
import { redact } from '../../core/redact';
import type { OpenedStream, RawEvent } from './types';
import { raceStep, stallMessage, type StepResult } from './watchdog';
import { InvalidToolCallError, ToolCallAssembler } from './toolCalls';
import { modelCapabilities } from '../models/capabilities';
import { withoutToolImages } from './toolImages';
import { countRequest } from '../models/tokens';
import type { ChatMessage, ChatOptions } from '../../core/messages';

/**
 * Template method (Continue's BaseLLM.streamChat -> _streamChat): this class owns abort, timing,
 * the first-token and stall watchdogs, and error normalization. A protocol implements `open`,
 * `mapError` and `fetchModels`.
 */
export abstract class BaseProvider implements ChatProvider {
  readonly id: string;
  readonly label: string;
  readonly group?: string;
  readonly groupLabel?: string;
  readonly model: string;
  readonly trust: TrustLabel;
  abstract readonly protocol: ProtocolId;
  /** Protocols without assistant prefill ask the model to continue (core/continuation.ts). */
  readonly continuation: ContinuationStyle = 'prompt';
  protected readonly timeouts: ProviderTimeouts;

  constructor(protected readonly config: ProviderConfig) {
    this.id = config.id;
    this.label = config.label ?? config.id;
    this.group = config.group;
    this.groupLabel = config.groupLabel;
    this.model = config.model;
    this.trust = config.trust ?? 'cloud';
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...config.timeouts };
  }

  /** The model's capabilities and limits: its family's defaults under the entry's overrides. */
  get capabilities(): ModelCapabilities {
    return modelCapabilities({
      protocol: this.protocol,
      model: this.model,
      preset: this.config.preset,
      overrides: this.config.capabilities,
    });
  }

  countTokens(messages: ChatMessage[], options?: ChatOptions): number {
    return countRequest(this.protocol, this.model, messages, options);
  }

  /** The request's messages as this model can take them: tool images become notes for a text-only model. */
  private visibleMessages(req: ChatRequest): ChatMessage[] {
    if (this.capabilities.imageInput) return req.messages;
    return withoutToolImages(req.messages, `${this.model} takes no image input`);
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

  /**
   * The one watchdog of a streamed chat: headers within `headersMs`, the first token within the
   * tighter of `firstTokenMs` and the caller's, each later token within the tighter of `stallMs`
   * and the caller's, all on the caller's clock.
   */
  async *streamChat(req: ChatRequest): AsyncGenerator<StreamChunk> {
    const user = req.signal;
    if (user?.aborted) throw this.error('cancelled', '');
    const clock = req.watch?.clock ?? systemClock;
    const tighter = (own: number, theirs?: number) => (theirs === undefined ? own : Math.min(own, theirs));
    const firstTokenMs = tighter(this.timeouts.firstTokenMs, req.watch?.firstTokenMs);
    const stallMs = tighter(this.timeouts.stallMs, req.watch?.stallMs);
    const ctrl = new AbortController();
    const onUserAbort = () => ctrl.abort();
    user?.addEventListener('abort', onUserAbort, { once: true });

    let partial = '';
    let finished = false;
    let usage: Usage | undefined;
    let iterator: AsyncIterator<RawEvent> | undefined;
    try {
      let opened: StepResult<OpenedStream>;
      try {
        opened = await raceStep(
          this.open({ ...req, messages: this.visibleMessages(req), signal: ctrl.signal }, ctrl.signal),
          this.timeouts.headersMs,
          ctrl.signal,
          clock,
        );
      } catch (err) {
        throw this.normalize(err, '', user?.aborted ?? false);
      }
      if (opened.kind === 'aborted') throw this.error('cancelled', '');
      if (opened.kind === 'timeout') throw this.error('timeout', '', stallMessage('headers', this.timeouts.headersMs));
      yield { type: 'meta', meta: opened.value.meta };

      iterator = opened.value.events[Symbol.asyncIterator]();
      let finish: FinishReason | undefined;
      const tools = new ToolCallAssembler();
      // Text or tool-call fragments arrived: from then on the stall limit applies.
      let progressed = false;
      for (;;) {
        const limit = progressed ? stallMs : firstTokenMs;
        let step;
        try {
          step = await raceStep(iterator.next(), limit, ctrl.signal, clock);
        } catch (err) {
          throw this.normalize(err, partial, user?.aborted ?? false);
        }
        if (step.kind === 'aborted') throw this.error('cancelled', partial);
        if (step.kind === 'timeout')
          throw this.error('stalled', partial, stallMessage(progressed ? 'tokens' : 'first token', limit));
        if (step.value.done) break;
        const ev = step.value.value;
        if (ev.type === 'text') {
          if (!ev.text) continue;
          partial += ev.text;
          progressed = true;
          yield { type: 'text', text: ev.text };
          if (user?.aborted) throw this.error('cancelled', partial);
        } else if (ev.type === 'tool') {
          // Argument fragments are progress for the watchdogs, but nothing of a call is usable yet.
          tools.add(ev);
          progressed = true;
          yield { type: 'tool_delta' };
          if (user?.aborted) throw this.error('cancelled', partial);
        } else if (ev.type === 'usage') {
          usage = { ...usage, ...ev.usage };
        } else {
          finish = ev.reason;
        }
      }
      // A raw stream aborted by the user ends silently: tell that apart from a real end.
      if (user?.aborted) throw this.error('cancelled', partial);
      if (finish === undefined && opened.value.frames?.() === 0) {
        // A 200 whose body holds no event of this protocol: a wrong base URL, a proxy's page, or a
        // server that ignored `stream`. Not a dropped connection (that throws), so not retried here.
        const type = opened.value.contentType ? ` (content-type: ${opened.value.contentType.split(';')[0]})` : '';
        throw this.error('protocol', partial, `the server answered 200 but its body is not a ${this.protocol} event stream${type}; check the base URL`);
      }
      if (finish === undefined) {
        throw this.error('interrupted', partial, 'the stream ended without a finish reason');
      }
      if (finish === 'filtered') throw this.error('content_filtered', partial);
      for (const call of this.completeCalls(tools, partial)) yield { type: 'tool_call', call };
      if (usage) yield { type: 'usage', usage };
      finished = true;
      yield { type: 'finish', reason: finish };
    } catch (err) {
      // What the provider reported before the break (Anthropic: input tokens at the start) prices the cut attempt.
      throw usage && isProviderError(err) && !err.usage ? err.withUsage(usage) : err;
    } finally {
      user?.removeEventListener('abort', onUserAbort);
      // Closing early (error, cancel, consumer break) must close the upstream socket.
      if (!ctrl.signal.aborted && !finished) ctrl.abort();
      if (iterator?.return) void Promise.resolve(iterator.return()).catch(() => undefined);
    }
  }

  /** Whole tool calls once the stream finished; a malformed one fails the attempt (retryable). */
  private completeCalls(tools: ToolCallAssembler, partial: string) {
    try {
      return tools.complete();
    } catch (err) {
      if (err instanceof InvalidToolCallError) throw this.error('protocol', partial, err.message);
      throw err;
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
