import type { ErrorKind } from '../../core/errors';
import { header, kindForErrorType, kindForStatus, parseRetryAfter } from '../base/httpErrors';
import { loadAnthropic } from './sdk';
import { mapStainlessConnection, mapTransportError } from '../base/transportErrors';

export type { MappedError } from '../base/types';
import type { MappedError } from '../base/types';

/** Kinds a status alone gets wrong when the body names a sharper type (e.g. 500 overloaded_error, 400 billing_error). */
const VAGUE: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['bad_request', 'server_error']);

/** The body's `error.type`: the SDK's `.type`, else read from the parsed body. */
function errorType(err: { type?: string | null; error?: unknown }): string | undefined {
  if (err.type) return err.type;
  const body = err.error as { error?: { type?: unknown } } | undefined;
  return typeof body?.error?.type === 'string' ? body.error.type : undefined;
}

/**
 * Maps what @anthropic-ai/sdk throws (PROVIDERS.md): APIError subclasses with a status before the
 * stream (RateLimitError, OverloadedError 529, ...), a plain status-less APIError whose `.type` is
 * e.g. overloaded_error for an in-stream `event: error`, connection and timeout errors before
 * headers, a raw `TypeError: terminated` when the socket drops mid-body, and a SyntaxError for a
 * malformed frame.
 */
export function mapAnthropicError(err: unknown): MappedError {
  const sdk = loadAnthropic();
  const message = err instanceof Error ? err.message : String(err);
  const connection = mapStainlessConnection(sdk, err);
  if (connection) return connection;
  if (err instanceof sdk.APIError) {
    const type = errorType(err);
    const detail = [type, err.apiMessage ?? message].filter(Boolean).join(': ');
    const requestId = err.requestID ?? header(err.headers, 'request-id');
    if (typeof err.status === 'number') {
      const byStatus = kindForStatus(err.status, `${type ?? ''} ${message}`);
      const byType = kindForErrorType(type);
      const kind = VAGUE.has(byStatus) && byType && byType !== 'bad_request' ? byType : byStatus;
      return { kind, detail, status: err.status, requestId, retryAfterMs: parseRetryAfter(err.headers) };
    }
    // `event: error` inside a 200 stream, e.g. overloaded_error.
    return { kind: kindForErrorType(type) ?? 'server_error', detail, requestId };
  }
  return mapTransportError(err);
}
