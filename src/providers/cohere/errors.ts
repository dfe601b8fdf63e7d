import { header, kindForStatus, networkCode, parseRetryAfter, type HeaderBag } from '../base/httpErrors';
import { loadCohere } from './sdk';
import { mapTransportError } from '../base/transportErrors';

export type { MappedError } from '../base/types';
import type { MappedError } from '../base/types';

/** message-end with finish_reason ERROR or TIMEOUT: the SDK yields it as a normal event. */
export class CohereFinishError extends Error {
  constructor(
    readonly finishReason: string,
    readonly providerMessage?: string,
  ) {
    super(`the answer ended with finish_reason ${finishReason}${providerMessage ? `: ${providerMessage}` : ''}`);
    this.name = 'CohereFinishError';
  }
}

/** The SDK stream ended without message-end (socket closed cleanly, or the "[DONE]" quirk). */
export class CohereEndedEarlyError extends Error {
  constructor() {
    super(
      'the stream ended without message-end; the Cohere SDK also stops silently at any text containing "[DONE]", ' +
        'so the answer may have been cut there',
    );
    this.name = 'CohereEndedEarlyError';
  }
}

/** The provider's own message from an error body `{"message": ...}`, else the SDK's first line. */
function bodyMessage(body: unknown, fallback: string): string {
  const m = (body as { message?: unknown } | undefined)?.message;
  return typeof m === 'string' && m ? m : fallback.split('\n')[0];
}

/**
 * Maps what cohere-ai throws (PROVIDERS.md): CohereError subclasses with `statusCode` before the
 * stream (429 = TooManyRequestsError, 529 = plain CohereError), a status-less CohereError for
 * "fetch failed" (refused), '"timeout"' (no headers in time) or an abort, CohereTimeoutError,
 * and mid-body a raw `TypeError: terminated`, a DOMException AbortError or a SyntaxError.
 */
export function mapCohereError(err: unknown): MappedError {
  const sdk = loadCohere();
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof CohereFinishError) return { kind: 'server_error', detail: message };
  if (err instanceof CohereEndedEarlyError) return { kind: 'interrupted', detail: message };
  if (err instanceof sdk.CohereTimeoutError) return { kind: 'timeout', detail: 'no response headers in time' };
  if (err instanceof sdk.CohereError) {
    const headers = err.rawResponse?.headers as HeaderBag;
    const requestId = header(headers, 'x-request-id');
    if (typeof err.statusCode === 'number' && err.statusCode > 0) {
      const detail = bodyMessage(err.body, message);
      const kind = err.statusCode === 498 ? 'auth' : kindForStatus(err.statusCode, detail);
      return { kind, detail, status: err.statusCode, requestId, retryAfterMs: parseRetryAfter(headers) };
    }
    if (/user aborted/i.test(message)) return { kind: 'cancelled' };
    if (/timeout/i.test(message)) return { kind: 'timeout', detail: 'no response headers in time' };
    const code = networkCode(err);
    return { kind: 'network', detail: code ? `${message.split('\n')[0]} (${code})` : message.split('\n')[0] };
  }
  return mapTransportError(err);
}
