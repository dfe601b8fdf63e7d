import * as vscode from 'vscode';
import { healthLine } from '../../presentation/format';
import type { ServiceHost } from '../serviceHost';
import { updateUserSetting } from '../settings';
import { pickProvider } from './pickProvider';

type Pick = vscode.QuickPickItem & { policy: 'fastest' | 'priority' | 'pinned'; id?: string };

/** Switch Provider: pin one provider, or go back to automatic routing. Arg: provider id, 'auto:fastest' or 'auto:priority'. */
export async function switchProvider(host: ServiceHost, arg?: unknown): Promise<string | undefined> {
  let choice: Pick | undefined;
  if (typeof arg === 'string') {
    if (arg === 'auto:fastest' || arg === 'auto:priority') choice = { label: arg, policy: arg.slice(5) as Pick['policy'] };
    else if (host.providers().some((e) => e.id === arg)) choice = { label: arg, policy: 'pinned', id: arg };
    else {
      void vscode.window.showErrorMessage(`Switchboard: no provider "${arg}".`);
      return undefined;
    }
  } else {
    const health = new Map(host.engine.health().map((h) => [h.id, h]));
    const items: Pick[] = [
      { label: '$(zap) Automatic (fastest)', description: 'lowest live first-token time', policy: 'fastest' },
      { label: '$(list-ordered) Automatic (my order)', description: 'first healthy provider in settings order', policy: 'priority' },
      { label: '', kind: vscode.QuickPickItemKind.Separator, policy: 'pinned' },
      ...host.providers().map((e) => {
        const h = health.get(e.id);
        return { label: e.label, description: e.model, detail: e.missingKey ? '$(key) no API key' : h ? healthLine(h) : 'disabled', policy: 'pinned' as const, id: e.id };
      }),
    ];
    choice = await vscode.window.showQuickPick(items, { title: 'Switchboard: Switch Provider', placeHolder: 'Who should answer?' });
  }
  if (!choice) return undefined;
  await updateUserSetting('routing.policy', choice.policy);
  await updateUserSetting('routing.pinnedProvider', choice.id ?? '');
  await host.reconfigure();
  host.log.info(`routing: ${choice.policy}${choice.id ? ` (${choice.id})` : ''}`);
  return choice.id ?? `auto:${choice.policy}`;
}

export async function resetProvider(host: ServiceHost, arg?: unknown) {
  const id = await pickProvider(host, arg, 'Switchboard: Reset Provider');
  if (!id) return;
  host.engine.reset(id);
  host.log.info(`${id}: reset (breaker closed, cooldown and stats cleared)`);
  void vscode.window.showInformationMessage(`Switchboard: ${id} was reset.`);
}

export async function setProviderEnabled(host: ServiceHost, enabled: boolean, arg?: unknown) {
  const id = await pickProvider(host, arg, `Switchboard: ${enabled ? 'Enable' : 'Disable'} Provider`, (pid) => host.isDisabled(pid) === enabled);
  if (!id) return;
  await host.setDisabled(id, !enabled);
  host.log.info(`${id}: ${enabled ? 'enabled' : 'disabled'}`);
}

/** The fire drill: one provider fails in-process for N minutes; arg `{providerId, minutes}` skips the prompts. */
export async function simulateOutage(host: ServiceHost, arg?: unknown) {
  const a = (arg && typeof arg === 'object' ? arg : {}) as { providerId?: unknown; minutes?: unknown };
  const id = await pickProvider(host, a.providerId, 'Switchboard: Simulate Outage — which provider fails?');
  if (!id) return;
  let minutes = typeof a.minutes === 'number' ? a.minutes : undefined;
  if (minutes === undefined) {
    const input = await vscode.window.showInputBox({
      title: `Simulate an outage of ${id}`,
      prompt: 'Minutes (0 ends a running drill)',
      value: '5',
      validateInput: (v) => (/^\d+(\.\d+)?$/.test(v.trim()) && Number(v) <= 240 ? undefined : 'Enter a number of minutes from 0 to 240'),
    });
    if (input === undefined) return;
    minutes = Number(input);
  }
  minutes = Math.max(0, Math.min(240, minutes));
  host.engine.simulateOutage(id, minutes * 60_000);
  const h = host.engine.health().find((x) => x.id === id);
  const msg = minutes > 0 ? `Fire drill: ${id} fails for ${minutes} min. Watch the next answer fall back.` : `Fire drill for ${id} ended.`;
  host.log.warn(`${msg}${h ? ` (${healthLine(h)})` : ''}`);
  void vscode.window.showWarningMessage(`Switchboard: ${msg}`);
}
