/**
 * What each error kind means, in one table: `ProviderError`, the router's outcome handling and the
 * chat view's error actions all read it, so they cannot disagree (they once did, e.g. on whether a
 * spent quota takes a provider out of rotation).
 */
import type { ErrorKind } from './errors';
import type { ErrorAction } from './protocol';

/**
 * How far a failure reaches among the deployments (models) of one configured provider entry:
 * `deployment` only the model that failed (a 429, an overload, a timeout are per model);
 * `endpoint` every model of the entry, because they share its key, account and host.
 */
export type FailureScope = 'deployment' | 'endpoint';

export interface ErrorPolicy {
  /** Which deployments of the entry the failure applies to. */
  scope: FailureScope;
  /** The same provider may succeed later (transient): worth retrying, here or elsewhere. */
  retryable: boolean;
  /** The provider is at fault: the failure counts against its circuit breaker. */
  blamesProvider: boolean;
  /** A Retry-After on this kind pauses the provider until then instead of counting against its breaker. */
  coolsDown: boolean;
  /** Nothing to retry until the user fixes a key, model or account: out of rotation until reset. */
  misconfigures: boolean;
  /** The request itself is at fault (every provider would get the same): the chat ends here. */
  endsChat: boolean;
  /** What the user can do about it, as buttons under the failed answer (in this order). */
  actions: readonly ErrorAction[];
  /** Said when one attempt fails and the router may still go elsewhere. */
  attempt: string;
  /** Said when the chat ends with this error: the router has given up, so no fallback is promised. */
  final: string;
}

const FIX_KEY: readonly ErrorAction[] = ['setApiKey', 'switchProvider', 'showLogs'];
const FIX_REQUEST: readonly ErrorAction[] = ['switchProvider', 'showLogs'];
const PROVIDER_DOWN: readonly ErrorAction[] = ['switchProvider', 'openDashboard', 'showLogs'];

/** A user-side problem: no retry, no blame; the provider stays in rotation unless it `misconfigures`. */
function userSide(
  misconfigures: boolean,
  endsChat: boolean,
  actions: readonly ErrorAction[],
  text: string,
): ErrorPolicy {
  return {
    scope: 'deployment',
    retryable: false,
    blamesProvider: false,
    coolsDown: false,
    misconfigures,
    endsChat,
    actions,
    attempt: text,
    final: text,
  };
}

/** A provider-side, transient problem: retried elsewhere, counted against the provider's breaker. */
function transient(attempt: string, final: string = attempt, coolsDown = false): ErrorPolicy {
  return {
    scope: 'deployment',
    retryable: true,
    blamesProvider: true,
    coolsDown,
    misconfigures: false,
    endsChat: false,
    actions: PROVIDER_DOWN,
    attempt,
    final,
  };
}

/** The key, the account or the host failed: no model of the entry can do better. */
const endpointWide = (p: ErrorPolicy): ErrorPolicy => ({ ...p, scope: 'endpoint' });

export const ERROR_POLICY: Readonly<Record<ErrorKind, ErrorPolicy>> = {
  auth: endpointWide(
    userSide(true, false, FIX_KEY, 'The API key was rejected. Run "Switchboard: Set API Key" for this provider.'),
  ),
  model_not_found: userSide(
    true,
    false,
    FIX_REQUEST,
    'The model is not available from this provider. Check the model name in the provider settings.',
  ),
  // Billing, not a hiccup: every later request would fail the same way until the user adds credit.
  quota_exhausted: endpointWide(
    userSide(
      true,
      false,
      FIX_REQUEST,
      'The account has no quota left. Add credit with the provider or switch to another provider.',
    ),
  ),
  bad_request: userSide(
    false,
    true,
    FIX_REQUEST,
    'The provider rejected the request. Check the model and options in the provider settings.',
  ),
  context_too_long: userSide(
    false,
    true,
    FIX_REQUEST,
    'The conversation is too long for this model. Start a new chat or pick a model with a larger context.',
  ),
  // Another provider's filter would see the same text: a filter is not routed around.
  content_filtered: userSide(false, true, FIX_REQUEST, "The provider's content filter stopped the answer."),
  cancelled: userSide(false, true, [], 'Stopped.'),
  rate_limited: transient(
    'The provider is rate limiting requests. Switchboard will use another provider or wait for the limit to reset.',
    'The provider is rate limiting requests and no other provider could answer. Try again once the limit resets.',
    true,
  ),
  overloaded: transient(
    'The provider is overloaded. Switchboard will use another provider; try again shortly.',
    'The provider is overloaded and no other provider could answer. Try again shortly.',
  ),
  server_error: transient(
    'The provider had a server error. Switchboard will use another provider; try again shortly.',
    'The provider had a server error and no other provider could answer. Try again shortly.',
  ),
  timeout: transient('The provider did not answer in time. Check the network or raise the timeout in settings.'),
  stalled: transient(
    'The provider stopped sending mid-answer. Switchboard will continue on another provider.',
    'The provider stopped sending and no other provider could take over. Try again shortly.',
  ),
  // Refused, DNS, reset before headers: the host, not the model.
  network: endpointWide(
    transient(
      'Could not reach the provider. Check the base URL, the network, or whether the local server is running.',
    ),
  ),
  interrupted: transient(
    'The connection dropped mid-answer. Switchboard will continue on another provider.',
    'The connection dropped mid-answer and no other provider could take over. The partial answer was kept.',
  ),
  protocol: transient(
    'The provider sent a response Switchboard could not read. Check the base URL points at the right kind of server.',
  ),
};

export const ERROR_KINDS = Object.keys(ERROR_POLICY) as ErrorKind[];

export function policyOf(kind: ErrorKind): ErrorPolicy {
  return ERROR_POLICY[kind];
}
