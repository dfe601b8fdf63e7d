/**
 * The one error taxonomy every provider adapter maps into. Policies branch on `kind`, never on
 * message strings. Messages say what to do next and never contain a key.
 */
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
  cause?: unknown;
}

/** Kinds where trying another provider (or the same one later) can help. */
const RETRYABLE: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  'rate_limited',
  'overloaded',
  'server_error',
  'timeout',
  'stalled',
  'network',
  'interrupted',
  'protocol',
]);

/** Kinds that mean "the user must act" (fix key, model, settings): the provider is misconfigured. */
const MISCONFIGURED: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['auth', 'model_not_found']);

const ADVICE: Record<ErrorKind, string> = {
  auth: 'The API key was rejected. Run "Switchboard: Set API Key" for this provider.',
  model_not_found: 'The model is not available from this provider. Check the model name in the provider settings.',
  bad_request: 'The provider rejected the request. Check the model and options in the provider settings.',
  context_too_long: 'The conversation is too long for this model. Start a new chat or pick a model with a larger context.',
  rate_limited: 'The provider is rate limiting requests. Switchboard will use another provider or wait for the limit to reset.',
  quota_exhausted: 'The account has no quota left. Add credit with the provider or switch to another provider.',
  overloaded: 'The provider is overloaded. Switchboard will use another provider; try again shortly.',
  server_error: 'The provider had a server error. Switchboard will use another provider; try again shortly.',
  timeout: 'The provider did not answer in time. Check the network or raise the timeout in settings.',
  stalled: 'The provider stopped sending mid-answer. Switchboard will continue on another provider.',
  network: 'Could not reach the provider. Check the base URL, the network, or whether the local server is running.',
  interrupted: 'The connection dropped mid-answer. The partial answer was kept.',
  protocol: 'The provider sent a response Switchboard could not read. Check the base URL points at the right kind of server.',
  content_filtered: "The provider's content filter stopped the answer.",
  cancelled: 'Stopped.',
};

export class ProviderError extends Error {
  readonly kind: ErrorKind;
  readonly providerId: string;
  readonly status?: number;
  readonly requestId?: string;
  readonly retryAfterMs?: number;
  readonly streamed: boolean;
  readonly partialText: string;
  /** The provider's own words (already redacted), without our advice. */
  readonly detail?: string;

  constructor(init: ProviderErrorInit) {
    const detail = init.message ? ` (${init.message})` : '';
    super(`${init.providerId}: ${ADVICE[init.kind]}${detail}`);
    this.name = 'ProviderError';
    this.kind = init.kind;
    this.providerId = init.providerId;
    this.status = init.status;
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
    this.streamed = init.streamed ?? false;
    this.partialText = init.partialText ?? '';
    this.detail = init.message;
    if (init.cause !== undefined) (this as { cause?: unknown }).cause = init.cause;
  }

  /** Whether a retry (elsewhere, or here later) makes sense. */
  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }

  /** Nothing to retry until the user fixes a key, model or setting. */
  get misconfigured(): boolean {
    return MISCONFIGURED.has(this.kind);
  }

  /** The same error, noting what had streamed before it. */
  withStream(partialText: string): ProviderError {
    return new ProviderError({
      kind: this.kind,
      providerId: this.providerId,
      status: this.status,
      requestId: this.requestId,
      retryAfterMs: this.retryAfterMs,
      streamed: partialText.length > 0,
      partialText,
      message: this.detail,
      cause: (this as { cause?: unknown }).cause,
    });
  }
}

export function isProviderError(e: unknown): e is ProviderError {
  return e instanceof ProviderError;
}
