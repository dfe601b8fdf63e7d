import * as vscode from 'vscode';
import { buildReport, reportMarkdown } from '../../presentation/report';
import type { ReliabilityRecorder } from '../../presentation/recorder';
import type { ServiceHost } from '../serviceHost';

/**
 * Export Reliability Report: markdown + JSON with availability, first-token times, failovers and
 * incidents. Arg `{folder}` (a path) writes there without asking; returns the written file paths.
 */
export async function exportReport(
  host: ServiceHost,
  recorder: ReliabilityRecorder,
  arg?: unknown,
): Promise<string[] | undefined> {
  const report = buildReport(host.engine.health(), recorder, Date.now(), host.engine.spend());
  const stamp = report.generatedAt.replace(/[:.]/g, '-');
  const a = (arg && typeof arg === 'object' ? arg : {}) as { folder?: unknown };
  let folder: vscode.Uri | undefined = typeof a.folder === 'string' ? vscode.Uri.file(a.folder) : undefined;
  if (!folder) {
    const picked = await vscode.window.showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      openLabel: 'Export report here',
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    });
    folder = picked?.[0];
    if (!folder) return undefined;
  }
  const md = vscode.Uri.joinPath(folder, `switchboard-report-${stamp}.md`);
  const json = vscode.Uri.joinPath(folder, `switchboard-report-${stamp}.json`);
  await vscode.workspace.fs.writeFile(md, Buffer.from(reportMarkdown(report), 'utf8'));
  await vscode.workspace.fs.writeFile(json, Buffer.from(JSON.stringify(report, null, 2), 'utf8'));
  host.log.info(`report exported to ${md.fsPath}`);
  if (typeof a.folder !== 'string') {
    void vscode.window
      .showInformationMessage(
        `Switchboard: report saved (${report.providers.length} providers, ${report.incidents.length} incidents).`,
        'Open',
      )
      .then((p) => p && vscode.window.showTextDocument(md));
  }
  return [md.fsPath, json.fsPath];
}
