import * as vscode from 'vscode';
import { healthLine } from '../../presentation/format';
import type { ServiceHost } from '../serviceHost';
import type { ProviderEntry } from '../../config/providers';
import { groupRows, hasHeading, rowName } from '../../core/groups';

/** Quick-pick detail for a provider: its live state, or why it has none. */
export function providerDetail(host: ServiceHost, e: ProviderEntry): string {
  const h = host.engine.health().find((x) => x.id === e.id);
  const demo = e.demo ? 'demo (runs inside Switchboard, no key) · ' : '';
  return e.missingKey ? '$(key) no API key' : h ? `${demo}${healthLine(h)}` : 'disabled';
}

export type ProviderItem = vscode.QuickPickItem & { id?: string };

/**
 * Quick-pick rows for deployments: an entry with several models gets a separator with its label,
 * then one row per model (its own state); a single-model entry is one row under its label.
 */
export function providerItems(host: ServiceHost, entries: readonly ProviderEntry[]): ProviderItem[] {
  const groups = groupRows(entries);
  return groups.flatMap((g, i) => [
    // A headed entry gets its label; the entry after it a plain line, so it is not read as one of its models.
    ...(hasHeading(g) || (i > 0 && hasHeading(groups[i - 1]))
      ? [{ label: hasHeading(g) ? g.label : '', kind: vscode.QuickPickItemKind.Separator }]
      : []),
    ...g.rows.map((e) => ({
      label: rowName(g, e),
      description: hasHeading(g) ? g.label : e.model,
      detail: providerDetail(host, e),
      id: e.id,
    })),
  ]);
}

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
  const items = providerItems(host, entries);
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Choose a provider' });
  return picked?.id;
}
