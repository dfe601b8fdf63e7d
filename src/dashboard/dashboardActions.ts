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
  log: Logger;
}

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
    if (!engine.health().some((h) => h.id === m.providerId)) {
      deps.log.warn(`Dashboard: dropped an action for an unknown provider: ${describeRejected(m.providerId, 64)}`);
      return false;
    }
    if (m.action === 'reset') engine.reset(m.providerId);
    else if (m.action === 'isolate') engine.isolate(m.providerId);
    else engine.simulateOutage(m.providerId, m.action === 'drill' ? DRILL_MS : 0);
    deps.log.info(`Dashboard: ${m.action} ${m.providerId}`);
  }
  return true;
}
