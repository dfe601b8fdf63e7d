import * as vscode from 'vscode';
import { isProviderError } from '../../core/errors';
import { ms } from '../../presentation/format';
import type { ServiceHost } from '../serviceHost';

export interface ProbeResult {
  providerId: string;
  ok: boolean;
  ttftMs?: number;
  message: string;
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
        targets.map(async (e) => {
          const r = await host.engine.probe(e.id, AbortSignal.any([ctrl.signal, AbortSignal.timeout(20_000)]));
          progress.report({ increment: step, message: e.label });
          return {
            providerId: e.id,
            ok: r.ok,
            ttftMs: r.ttftMs,
            message: r.ok ? `${e.label}: OK, first token ${ms(r.ttftMs)}` : `${e.label}: ${isProviderError(r.error) ? r.error.message : 'failed'}`,
          };
        }),
      );
    },
  );
  const missing = host.providers().filter((e) => e.enabled && e.missingKey).map((e) => `${e.label}: no API key`);
  const lines = [...results.map((r) => r.message), ...missing];
  for (const l of lines) host.log.info(`health check: ${l}`);
  const ok = results.filter((r) => r.ok).length;
  const summary = `Health check: ${ok}/${results.length} providers answered${missing.length ? `, ${missing.length} without a key` : ''}.`;
  const show = ok === results.length && !missing.length ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(`Switchboard: ${summary}`, 'Show Logs').then((p) => p && vscode.commands.executeCommand('switchboard.showLogs'));
  return results;
}
