import type { ErrorKind } from '../../core/errors';
import { kindForErrorType, kindForStatus, parseRetryAfter } from '../base/httpErrors';
import { loadOpenAI } from './sdk';
import { mapStainlessConnection, mapTransportError } from '../base/transportErrors';

export type { MappedError } from '../base/types';
import type { MappedError } from '../base/types';

/** OpenAI-specific error types/codes that the shared table does not know. */
function kindForOpenAIType(type: string | null | undefined): ErrorKind | undefined {
  if (!type) return undefined;
  const shared = kindForErrorType(type);
  if (shared) return shared;
  if (type === 'rate_limit_exceeded' || type === 'requests' || type === 'tokens') return 'rate_limited';
  if (type === 'context_length_exceeded') return 'context_too_long';
  if (type === 'invalid_api_key') return 'auth';
  if (type === 'model_not_found') return 'model_not_found';
  return undefined;
}

/**
 * Maps what the openai SDK throws (PROVIDERS.md): APIError subclasses with a status before the
 * stream, a status-less APIError for an in-stream `{error}`, connection and timeout errors before
 * headers, a raw `TypeError: terminated` when the socket drops mid-body, and a SyntaxError for a
 * malformed frame.
 */
export function mapOpenAIError(err: unknown): MappedError {
  const sdk = loadOpenAI();
  const message = err instanceof Error ? err.message : String(err);
  const connection = mapStainlessConnection(sdk, err);
  if (connection) return connection;
  if (err instanceof sdk.APIError) {
    const requestId = err.requestID ?? undefined;
    if (typeof err.status === 'number') {
      return {
        kind: kindForStatus(err.status, `${err.type ?? ''} ${err.code ?? ''} ${message}`),
        detail: message,
        status: err.status,
        requestId,
        retryAfterMs: parseRetryAfter(err.headers),
      };
    }
    // `data: {"error": {...}}` inside a 200 stream.
    const kind = kindForOpenAIType(err.type) ?? kindForOpenAIType(err.code) ?? 'server_error';
    return { kind, detail: message, requestId: requestId ?? err.headers?.get('x-request-id') ?? undefined };
  }
  return mapTransportError(err);
}
