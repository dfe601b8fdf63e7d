import * as vscode from 'vscode';
import type { SettingReader } from '../config/engineSettings';

/**
 * Reads `switchboard.*`. In an untrusted workspace, workspace and folder values are ignored, so a
 * cloned repository cannot redirect keys, weaken sensitivity rules or change routing.
 */
export function settingReader(): SettingReader {
  const cfg = vscode.workspace.getConfiguration('switchboard');
  const trusted = vscode.workspace.isTrusted;
  return (key) => {
    if (trusted) return cfg.get(key);
    const i = cfg.inspect(key);
    return i?.globalValue !== undefined ? i.globalValue : i?.defaultValue;
  };
}

/** Writes a user-level setting (never a workspace one: routing is the user's choice). */
export async function updateUserSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('switchboard').update(key, value, vscode.ConfigurationTarget.Global);
}
