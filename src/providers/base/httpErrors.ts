import type { ErrorKind } from '../../core/errors';

/** Header access that works for Fetch `Headers`, plain objects and Node's IncomingHttpHeaders. */
export type HeaderBag =
  { get(name: string): string | null } | Record<string, string | string[] | undefined> | undefined;

export function header(h: HeaderBag, name: string): string | undefined {
  if (!h) return undefined;
  if (typeof (h as { get?: unknown }).get === 'function') {
    return (h as { get(n: string): string | null }).get(name) ?? undefined;
  }
  const rec = h as Record<string, string | string[] | undefined>;
  const key = Object.keys(rec).find((k) => k.toLowerCase() === name);
  const v = key === undefined ? undefined : rec[key];
  return Array.isArray(v) ? v[0] : v;
}

/** `retry-after-ms`, then `retry-after` as seconds or an HTTP date. Returns ms from now. */
export function parseRetryAfter(h: HeaderBag, now = Date.now()): number | undefined {
  const ms = Number(header(h, 'retry-after-ms'));
  if (header(h, 'retry-after-ms') !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const ra = header(h, 'retry-after');
  if (ra === undefined) return undefined;
  const secs = Number(ra);
  if (ra.trim() !== '' && Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const at = Date.parse(ra);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const CONTEXT_RE = /context[_ ]length|context window|maximum context|too many tokens|prompt is too long|too long/i;
const QUOTA_RE = /insufficient_quota|quota|billing|credit balance|exceeded your current/i;

/** Maps an HTTP status (plus the provider's error type/message) to a taxonomy kind. */
export function kindForStatus(status: number, typeOrMessage = ''): ErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'model_not_found';
  if (status === 408) return 'timeout';
  if (status === 413) return 'context_too_long';
  if (status === 429) return QUOTA_RE.test(typeOrMessage) ? 'quota_exhausted' : 'rate_limited';
  if (status === 402) return 'quota_exhausted';
  if (status === 503 || status === 529) return 'overloaded';
  if (status >= 500) return 'server_error';
  if (status === 400 || status === 422) return CONTEXT_RE.test(typeOrMessage) ? 'context_too_long' : 'bad_request';
  return 'bad_request';
}

/** Maps an in-stream error type (e.g. Anthropic's `overloaded_error`) to a kind. */
export function kindForErrorType(type: string | undefined): ErrorKind | undefined {
  switch (type) {
    case 'overloaded_error':
      return 'overloaded';
    case 'rate_limit_error':
      return 'rate_limited';
    case 'api_error':
    case 'server_error':
      return 'server_error';
    case 'authentication_error':
    case 'permission_error':
      return 'auth';
    case 'not_found_error':
      return 'model_not_found';
    case 'invalid_request_error':
      return 'bad_request';
    case 'insufficient_quota':
    case 'billing_error':
      return 'quota_exhausted';
    default:
      return undefined;
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
]);

/** Walks `cause` chains looking for a Node network error code. */
export function networkCode(err: unknown): string | undefined {
  let cur: unknown = err;
  for (let i = 0; i < 6 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A socket dropped mid-body: undici raises `TypeError: terminated`. */
export function isTerminated(err: unknown): boolean {
  let cur: unknown = err;
  for (let i = 0; i < 6 && cur && typeof cur === 'object'; i++) {
    const msg = (cur as { message?: unknown }).message;
    if (typeof msg === 'string' && /terminated|other side closed|socket hang up|premature close/i.test(msg)) return true;
    if (networkCode(cur) === 'ECONNRESET' || networkCode(cur) === 'UND_ERR_SOCKET') return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}
