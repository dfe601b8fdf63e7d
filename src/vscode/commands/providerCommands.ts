import * as vscode from 'vscode';
import { notify } from '../notify';
import type { ServiceHost } from '../serviceHost';
import { updateUserSetting } from '../settings';
import { chainDetail, stepsLine } from '../../presentation/chainView';
import { pickProvider, providerItems } from './pickProvider';

type Pick = vscode.QuickPickItem & { policy: 'fastest' | 'priority' | 'pinned' | 'cheapest'; id?: string };

const labelOf = (host: ServiceHost, id: string) => host.providers().find((e) => e.id === id)?.label ?? id;

/** The Switch Provider choices: automatic policies, each provider (pins it), each fallback chain (pins it). */
export function switchItems(host: ServiceHost): Pick[] {
  const entries = host.providers();
  const pinnable = providerItems(host, entries).map((item) => ({ ...item, policy: 'pinned' as const }));
  return [
    { label: '$(zap) Automatic (fastest)', description: 'lowest live first-token time', policy: 'fastest' },
    {
      label: '$(list-ordered) Automatic (my order)',
      description: 'first healthy provider in settings order',
      policy: 'priority',
    },
    {
      label: '$(credit-card) Automatic (cheapest)',
      description: 'lowest expected cost by the price table',
      policy: 'cheapest',
    },
    // The providers' own separator (an entry with several models is headed by its label) or a plain one.
    ...(pinnable[0]?.kind === vscode.QuickPickItemKind.Separator
      ? []
      : [{ label: '', kind: vscode.QuickPickItemKind.Separator, policy: 'pinned' as const }]),
    ...pinnable,
    ...(host.chains().length ? [{ label: 'Fallback chains', kind: vscode.QuickPickItemKind.Separator, policy: 'pinned' as const }] : []),
    ...host.chains().map((c) => ({
      label: `$(layers) ${c.label}`,
      description: stepsLine(c, entries),
      detail: chainDetail(c, entries, host.engine.health()),
      policy: 'pinned' as const,
      id: c.id,
    })),
  ];
}

/** Switch Provider: pin one provider or chain, or go back to automatic routing. Arg: an id, 'auto:fastest' or 'auto:priority'. */
export async function switchProvider(host: ServiceHost, arg?: unknown): Promise<string | undefined> {
  let choice: Pick | undefined;
  if (typeof arg === 'string') {
    if (arg === 'auto:fastest' || arg === 'auto:priority' || arg === 'auto:cheapest') choice = { label: arg, policy: arg.slice(5) as Pick['policy'] };
    else if (host.providers().some((e) => e.id === arg) || host.chains().some((c) => c.id === arg))
      choice = { label: arg, policy: 'pinned', id: arg };
    else {
      void notify(host.log, 'error', `no provider or chain "${arg}".`);
      return undefined;
    }
  } else {
    choice = await vscode.window.showQuickPick(switchItems(host), {
      title: 'Switchboard: Switch Provider',
      placeHolder: 'Who should answer?',
    });
  }
  if (!choice) return undefined;
  await updateUserSetting('routing.policy', choice.policy);
  await updateUserSetting('routing.pinnedProvider', choice.id ?? '');
  await host.reconfigure();
  const entry = host.providers().find((e) => e.id === choice.id);
  const chain = host.chains().find((c) => c.id === choice.id);
  if (chain) {
    void notify(host.log, 'info', `pinned to the chain ${chain.label}: answers go through its steps only (${stepsLine(chain, host.providers())}).`);
  } else if (entry?.missingKey) {
    // Pinned, but it cannot answer: say so now rather than let every answer quietly come from elsewhere.
    void notify(host.log, 'warn', `pinned to ${entry.label}, but it has no API key: other providers answer until you set one.`, 'Set API Key').then(
      (p) => p && vscode.commands.executeCommand('switchboard.setApiKey', entry.id),
    );
  } else if (entry) {
    void notify(host.log, 'info', `pinned to ${entry.label}${entry.demo ? ' (a demo provider)' : ''}; other providers answer only when it fails.`);
  } else {
    const how =
      choice.policy === 'fastest' ? 'fastest first' : choice.policy === 'cheapest' ? 'cheapest first' : 'your order';
    void notify(host.log, 'info', `automatic routing (${how}).`);
  }
  return choice.id ?? `auto:${choice.policy}`;
}

export async function resetProvider(host: ServiceHost, arg?: unknown) {
  const id = await pickProvider(host, arg, 'Switchboard: Reset Provider');
  if (!id) return;
  host.engine.reset(id);
  void notify(host.log, 'info', `${labelOf(host, id)} was reset: breaker closed; cooldown, fire drill and stats cleared.`);
}

export async function setProviderEnabled(host: ServiceHost, enabled: boolean, arg?: unknown) {
  const id = await pickProvider(host, arg, `Switchboard: ${enabled ? 'Enable' : 'Disable'} Provider`, (pid) => host.isDisabled(pid) === enabled);
  if (!id) return;
  await host.setDisabled(id, !enabled);
  void notify(host.log, 'info', enabled ? `${labelOf(host, id)} is enabled again.` : `${labelOf(host, id)} is disabled: it gets no requests until you enable it.`);
}

/** The fire drill: one provider fails in-process for N minutes; arg `{providerId, minutes}` skips the prompts. */
export async function simulateOutage(host: ServiceHost, arg?: unknown) {
  const a = (arg && typeof arg === 'object' ? arg : {}) as { providerId?: unknown; minutes?: unknown };
  const id = await pickProvider(host, a.providerId, 'Switchboard: Simulate Outage — which provider fails?');
  if (!id) return;
  const label = labelOf(host, id);
  let minutes = typeof a.minutes === 'number' ? a.minutes : undefined;
  if (minutes === undefined) {
    const input = await vscode.window.showInputBox({
      title: `Simulate an outage of ${label}`,
      prompt: 'Minutes (0 ends a running drill)',
      value: '5',
      validateInput: (v) => (/^\d+(\.\d+)?$/.test(v.trim()) && Number(v) <= 240 ? undefined : 'Enter a number of minutes from 0 to 240'),
    });
    if (input === undefined) return;
    minutes = Number(input);
  }
  minutes = Math.max(0, Math.min(240, minutes));
  host.engine.simulateOutage(id, minutes * 60_000);
  const msg = minutes > 0 ? `fire drill: ${label} fails for ${minutes} min. The next answers come from other providers, with a notice.` : `the fire drill on ${label} ended.`;
  void notify(host.log, 'warn', msg);
}
