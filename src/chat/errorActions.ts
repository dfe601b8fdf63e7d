/** What the user can do about a failed answer (ERROR_POLICY's actions) and the commands behind them. */
import { isProviderError, type ErrorKind } from '../core/errors';
import { ERROR_POLICY } from '../core/errorPolicy';
import type { ErrorAction, TurnError } from '../core/protocol';
import { redact } from '../core/redact';

/** The command each error action runs (contributed by the extension). */
export const ACTION_COMMANDS: Record<ErrorAction, string> = {
  setApiKey: 'switchboard.setApiKey',
  switchProvider: 'switchboard.switchProvider',
  showLogs: 'switchboard.showLogs',
  openDashboard: 'switchboard.openDashboard',
  detectOllama: 'switchboard.detectOllama',
  fireDrill: 'switchboard.simulateOutage',
};

export function actionsFor(kind: ErrorKind): ErrorAction[] {
  return [...ERROR_POLICY[kind].actions];
}

/** The error as the chat shows it: actionable message (redacted) and its actions. */
export function toTurnError(e: unknown): TurnError {
  if (isProviderError(e)) return { kind: e.kind, message: redact(e.message), actions: actionsFor(e.kind) };
  const message = e instanceof Error ? e.message : String(e);
  return { kind: 'internal', message: redact(`Switchboard could not answer: ${message}`), actions: ['showLogs', 'openDashboard'] };
}
