import * as vscode from 'vscode';
import { isProviderError } from '../../core/errors';
import { soloName } from '../../core/groups';
import { groupLabelOf, isGroupHead } from '../../config/deployments';
import { ms } from '../../presentation/format';
import { notify } from '../notify';
import type { ServiceHost } from '../serviceHost';

export interface ProbeResult {
  providerId: string;
  label: string;
  ok: boolean;
  ttftMs?: number;
  message: string;
  /** The provider's own error text, for the log. */
  detail?: string;
}

/** Probes every enabled provider with a tiny chat (straight to it, no fallback) and summarises. */
export async function runHealthCheck(host: ServiceHost): Promise<ProbeResult[]> {
  const targets = host.providers().filter((e) => e.enabled && !e.missingKey);
  const results = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Switchboard: checking providers', cancellable: true },
    async (progress, token) => {
      const ctrl = new AbortController();
      token.onCancellationRequested(() => ctrl.abort());
      const step = 100 / Math.max(1, targets.length);
      return Promise.all(
        targets.map(async (entry) => {
          // "OpenAI · gpt-4o" when the entry lists several models: the result says which one.
          const e = { ...entry, label: soloName(entry, host.providers()) };
          const r = await host.engine.probe(e.id, AbortSignal.any([ctrl.signal, AbortSignal.timeout(20_000)]));
          progress.report({ increment: step, message: e.label });
          return {
            providerId: e.id,
            label: e.label,
            ok: r.ok,
            ttftMs: r.ttftMs,
            message: r.ok ? `${e.label}: OK, first token ${ms(r.ttftMs)}` : `${e.label}: failed (${isProviderError(r.error) ? r.error.kind.replace(/_/g, ' ') : 'error'})`,
            detail: r.ok || !isProviderError(r.error) ? undefined : r.error.message,
          };
        }),
      );
    },
  );
  // One line per entry without a key: its models share the key.
  const missing = host
    .providers()
    .filter((e) => e.enabled && e.missingKey && isGroupHead(e))
    .map((e) => `${groupLabelOf(e)}: no API key`);
  for (const r of results) host.log.info(`health check: ${r.message}${r.detail ? ` — ${r.detail}` : ''}`);
  for (const m of missing) host.log.info(`health check: ${m}`);
  const ok = results.filter((r) => r.ok).length;
  // Each provider by name: a count alone does not say which one to look at.
  const summary = `Health check: ${[...results.map((r) => r.message), ...missing].join(' · ') || 'no provider is enabled'}.`;
  const failed = results.some((r) => !r.ok);
  const actions = missing.length ? ['Set API Key', 'Show Logs'] : ['Show Logs'];
  void notify(
    host.log,
    ok === results.length && !missing.length ? 'info' : failed ? 'warn' : 'info',
    summary,
    ...actions,
  ).then((p) => {
    if (p === 'Set API Key') void vscode.commands.executeCommand('switchboard.setApiKey');
    else if (p) void vscode.commands.executeCommand('switchboard.showLogs');
  });
  return results;
}
