import * as vscode from 'vscode';
import { healthLine } from '../../presentation/format';
import type { ServiceHost } from '../serviceHost';

/** Resolves a provider id from a command argument, or asks with a quick pick showing live health. */
export async function pickProvider(
  host: ServiceHost,
  arg: unknown,
  title: string,
  filter: (id: string) => boolean = () => true,
): Promise<string | undefined> {
  const entries = host.providers().filter((e) => filter(e.id));
  if (typeof arg === 'string') {
    if (entries.some((e) => e.id === arg)) return arg;
    void vscode.window.showErrorMessage(`Switchboard: no provider "${arg}". Check "switchboard.providers" in settings.`);
    return undefined;
  }
  if (!entries.length) {
    void vscode.window.showInformationMessage('Switchboard: no provider fits. Add one in "switchboard.providers".');
    return undefined;
  }
  const health = new Map(host.engine.health().map((h) => [h.id, h]));
  const picked = await vscode.window.showQuickPick(
    entries.map((e) => {
      const h = health.get(e.id);
      return { label: e.label, description: e.model, detail: e.missingKey ? 'no API key' : h ? healthLine(h) : e.enabled ? '' : 'disabled', id: e.id };
    }),
    { title, placeHolder: 'Choose a provider' },
  );
  return picked?.id;
}
