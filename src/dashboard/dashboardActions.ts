/** Validates and carries out what the dashboard webview asks for. Plain TypeScript. */
import type { Logger } from '../core/log';
import { describeRejected, parseDashboardMessage, type ErrorAction } from '../core/protocol';
import type { Engine } from '../resilience/api';

/** A fire drill makes the provider fail in-process for this long. */
export const DRILL_MS = 30_000;

export interface DashboardDeps {
  engine: Engine;
  ready(): void;
  runAction(action: ErrorAction): void;
  /** Tells the user what a provider action did (toast + event log row). */
  confirm(message: string): void;
  log: Logger;
}

const DONE: Record<'reset' | 'isolate' | 'drill' | 'endDrill', (label: string) => string> = {
  reset: (l) => `${l} was reset: breaker closed; cooldown, fire drill and stats cleared.`,
  isolate: (l) => `${l} is isolated: it gets no requests until you reset it.`,
  drill: (l) => `Fire drill: ${l} fails for ${DRILL_MS / 1000} s. The next answers come from other providers, with a notice.`,
  endDrill: (l) => `The fire drill on ${l} ended.`,
};

/** Returns false when the message was invalid (or named an unknown provider) and was dropped. */
export function handleDashboardMessage(raw: unknown, deps: DashboardDeps): boolean {
  const m = parseDashboardMessage(raw);
  if (!m) {
    deps.log.warn(`Dashboard: dropped an invalid message: ${describeRejected(raw)}`);
    return false;
  }
  if (m.type === 'ready') deps.ready();
  else if (m.type === 'action') deps.runAction(m.action);
  else {
    const engine = deps.engine;
    const target = engine.health().find((h) => h.id === m.providerId);
    if (!target) {
      deps.log.warn(`Dashboard: dropped an action for an unknown provider: ${describeRejected(m.providerId, 64)}`);
      return false;
    }
    if (m.action === 'reset') engine.reset(m.providerId);
    else if (m.action === 'isolate') engine.isolate(m.providerId);
    else engine.simulateOutage(m.providerId, m.action === 'drill' ? DRILL_MS : 0);
    deps.confirm(DONE[m.action](target.label));
  }
  return true;
}
