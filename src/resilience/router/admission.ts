import type { ProviderError } from '../../core/errors';
import type { ChatInput } from '../api';
import { fitRequest, unfitError, type Unfit } from '../fit';
import { allowedProvider, classifyRequest } from '../sensitivity';
import type { ChatState } from './chatState';
import type { EngineCore } from './engineCore';
import { routeFor, type Route } from './route';
import type { ProviderSlot } from './slot';

/** Who may see one chat at all, decided once before anything is sent. */
export interface Admission {
  route: Route;
  /** Allowed by sensitivity and able to take the request (tools, images, context window). */
  fit: ProviderSlot[];
  /** Allowed, but the request does not fit them: they get nothing. */
  unfit: Unfit[];
  sensitivity: { sensitive: boolean; reason?: string };
}

/**
 * Sensitivity decides which providers may see the request (fallbacks and hedges included), then
 * capability and size fit. Each provider held back for sensitivity is reported as an event.
 */
export function admit(core: EngineCore, input: ChatInput, chatId: string): Admission {
  const sensitivity = classifyRequest(input, core.settings.sensitivity);
  const route = routeFor(core, input);
  const enabled = route.slots.filter((s) => s.enabled);
  const rules = core.settings.sensitivity;
  const allowed = enabled.filter((s) => allowedProvider(s.provider.trust, sensitivity.sensitive, rules));
  const reason = sensitivity.reason ?? 'sensitive';
  for (const s of enabled.filter((x) => !allowed.includes(x))) {
    core.emit({ type: 'sensitivity_blocked', chatId, providerId: s.id, reason, at: core.now() });
  }
  const { fit, unfit } = fitRequest(allowed, input);
  return { route, fit, unfit, sensitivity };
}

/** Why the chat cannot be sent anywhere (nothing is sent), or undefined when some provider may take it. */
export function refusal(core: EngineCore, chat: ChatState, a: Admission): ProviderError | undefined {
  if (chat.allowed.length === 0 && a.unfit.length > 0) {
    const e = unfitError(a.unfit);
    return chat.fail(e.kind, 'switchboard', e.message);
  }
  if (!chat.route.slots.some((s) => s.enabled)) {
    // Not a sensitivity matter: nothing is enabled (every provider disabled or without a key).
    const chain = chat.route.chain;
    const why = chain
      ? `${chain.label}: none of its steps (${chain.steps.map((st) => st.label ?? st.providerId).join(', ')}) is ready; ` +
        'each one is disabled or has no API key'
      : 'no provider is ready: each one is disabled or has no API key';
    return chat.fail('auth', 'switchboard', `${why}. Run "Switchboard: Set API Key" or enable a provider; nothing was sent`);
  }
  if (chat.allowed.length === 0) {
    const trust = core.settings.sensitivity.allowedTrust.join(', ') || 'none';
    return chat.fail(
      'bad_request',
      'sensitivity',
      `this request is sensitive (${a.sensitivity.reason}) and no enabled provider is allowed for sensitive requests ` +
        `(allowed trust: ${trust}); nothing was sent`,
    );
  }
  return undefined;
}
