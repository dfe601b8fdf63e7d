/**
 * The one error taxonomy every provider adapter maps into. Policies branch on `kind`, never on
 * message strings. Messages say what to do next and never contain a key.
 */
import type { Usage } from './chunks';
import { ERROR_POLICY } from './errorPolicy';

export type ErrorKind =
  | 'auth' // 401/403: wrong or missing key
  | 'model_not_found' // 404 for the model
  | 'bad_request' // 400 the provider rejected
  | 'context_too_long' // prompt exceeds the model's context window
  | 'rate_limited' // 429 with or without retry-after
  | 'quota_exhausted' // billing/quota: no point retrying
  | 'overloaded' // 529, in-stream overloaded_error, 503
  | 'server_error' // other 5xx
  | 'timeout' // no response headers in time
  | 'stalled' // no bytes/tokens for the configured time mid-stream (or before the first token)
  | 'network' // refused, DNS, reset before headers
  | 'interrupted' // socket dropped or stream ended without a finish after text arrived
  | 'protocol' // malformed frame or a response we cannot parse
  | 'content_filtered' // the provider's filter stopped the answer
  | 'cancelled'; // the user stopped it

export interface ProviderErrorInit {
  kind: ErrorKind;
  providerId: string;
  message?: string;
  status?: number;
  requestId?: string;
  retryAfterMs?: number;
  /** True once any text of this attempt reached the caller. */
  streamed?: boolean;
  /** The text this attempt had delivered before it failed. */
  partialText?: string;
  /** A fire drill the user started (Simulate Outage): not the provider's fault. */
  simulated?: boolean;
  /** The chat ends with this error: worded without promising a fallback. */
  final?: boolean;
  /** Usage the provider reported before the attempt broke off (e.g. Anthropic's input tokens at the start). */
  usage?: Usage;
  cause?: unknown;
}

export class ProviderError extends Error {
  readonly kind: ErrorKind;
  readonly providerId: string;
  readonly status?: number;
  readonly requestId?: string;
  readonly retryAfterMs?: number;
  readonly streamed: boolean;
  readonly partialText: string;
  readonly simulated: boolean;
  readonly final: boolean;
  /** The provider's own words (already redacted), without our advice. */
  readonly detail?: string;
  /** Usage reported before the attempt broke off, if any (cost of cut attempts). */
  readonly usage?: Usage;

  constructor(init: ProviderErrorInit) {
    const detail = init.message ? ` (${init.message})` : '';
    const policy = ERROR_POLICY[init.kind];
    super(`${init.providerId}: ${init.final ? policy.final : policy.attempt}${detail}`);
    this.name = 'ProviderError';
    this.kind = init.kind;
    this.providerId = init.providerId;
    this.status = init.status;
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
    this.streamed = init.streamed ?? false;
    this.partialText = init.partialText ?? '';
    this.simulated = init.simulated ?? false;
    this.final = init.final ?? false;
    this.detail = init.message;
    this.usage = init.usage;
    if (init.cause !== undefined) (this as { cause?: unknown }).cause = init.cause;
  }

  /** Whether a retry (elsewhere, or here later) makes sense. */
  get retryable(): boolean {
    return ERROR_POLICY[this.kind].retryable;
  }

  /** Nothing to retry until the user fixes a key, model or account. */
  get misconfigured(): boolean {
    return ERROR_POLICY[this.kind].misconfigures;
  }

  /** The same error, noting what had streamed before it. */
  withStream(partialText: string): ProviderError {
    return this.with({ partialText });
  }

  /** The same error as the one that ends the chat: no fallback is promised any more. */
  asFinal(partialText: string): ProviderError {
    return this.with({ partialText, final: true });
  }

  /** The same error, with the usage the provider had reported before it. */
  withUsage(usage: Usage): ProviderError {
    return this.with({ partialText: this.partialText, usage });
  }

  private with(change: { partialText: string; final?: boolean; usage?: Usage }): ProviderError {
    return new ProviderError({
      kind: this.kind,
      providerId: this.providerId,
      status: this.status,
      requestId: this.requestId,
      retryAfterMs: this.retryAfterMs,
      streamed: change.partialText.length > 0,
      partialText: change.partialText,
      simulated: this.simulated,
      final: change.final ?? this.final,
      message: this.detail,
      usage: change.usage ?? this.usage,
      cause: (this as { cause?: unknown }).cause,
    });
  }
}

export function isProviderError(e: unknown): e is ProviderError {
  return e instanceof ProviderError;
}
