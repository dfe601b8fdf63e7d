/**
 * What a command tells the user it did. Every confirmation is also written to the log channel
 * (`notice: ...`), so a toast that faded is still on record and host tests can read it.
 */
import * as vscode from 'vscode';
import type { Logger } from '../core/log';

export type NoticeLevel = 'info' | 'warn' | 'error';

/** Shows `Switchboard: <message>` with optional action buttons; resolves to the button picked. */
export function notify(
  log: Logger,
  level: NoticeLevel,
  message: string,
  ...actions: string[]
): Thenable<string | undefined> {
  const text = `Switchboard: ${message}`;
  if (level === 'info') log.info(`notice: ${message}`);
  else if (level === 'warn') log.warn(`notice: ${message}`);
  else log.error(`notice: ${message}`);
  const show =
    level === 'info'
      ? vscode.window.showInformationMessage
      : level === 'warn'
        ? vscode.window.showWarningMessage
        : vscode.window.showErrorMessage;
  return show(text, ...actions);
}
