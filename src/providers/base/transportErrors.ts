import type { MappedError } from './types';
import { isTerminated, networkCode } from './httpErrors';

type ErrorClass = abstract new (...args: never[]) => Error;

/** The connection error classes the Stainless-generated SDKs (openai, @anthropic-ai/sdk) share. */
export interface StainlessErrors {
  APIUserAbortError: ErrorClass;
  APIConnectionTimeoutError: ErrorClass;
  APIConnectionError: ErrorClass;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Abort, header timeout and connection failures as the openai and Anthropic SDKs raise them. */
export function mapStainlessConnection(sdk: StainlessErrors, err: unknown): MappedError | undefined {
  if (err instanceof sdk.APIUserAbortError) return { kind: 'cancelled' };
  if (err instanceof sdk.APIConnectionTimeoutError) return { kind: 'timeout', detail: 'no response headers in time' };
  if (err instanceof sdk.APIConnectionError) {
    const code = networkCode(err);
    const message = messageOf(err);
    return { kind: 'network', detail: code ? `${message} (${code})` : message };
  }
  return undefined;
}

/**
 * What no SDK class covers: a malformed frame (SyntaxError), a raw abort, a socket dropped
 * mid-body (`TypeError: terminated`), a bare network error, anything else unreadable.
 */
export function mapTransportError(err: unknown): MappedError {
  const message = messageOf(err);
  if (err instanceof SyntaxError) return { kind: 'protocol', detail: `malformed stream frame: ${message}` };
  if (err instanceof Error && err.name === 'AbortError') return { kind: 'cancelled' };
  if (isTerminated(err)) return { kind: 'interrupted', detail: message };
  if (networkCode(err)) return { kind: 'network', detail: message };
  return { kind: 'protocol', detail: message };
}
