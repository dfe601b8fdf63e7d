/** The health dashboard contribution: `registerDashboard(services)` is all extension.ts calls. */
import * as vscode from 'vscode';
import type { ServiceHost } from '../serviceHost';
import { testHooksEnabled } from '../chat';
import { DashboardFeed } from '../../dashboard/dashboardFeed';
import { DashboardPanel } from './dashboardPanel';

export function registerDashboard(services: ServiceHost): vscode.Disposable {
  const feed = new DashboardFeed(services.engine);
  let panel: DashboardPanel | undefined;

  const disposables: vscode.Disposable[] = [
    { dispose: () => (panel?.dispose(), feed.dispose()) },
    vscode.commands.registerCommand('switchboard.openDashboard', () => {
      if (panel) panel.reveal();
      else panel = new DashboardPanel(services, feed, () => (panel = undefined));
    }),
  ];
  if (testHooksEnabled(services.context)) {
    disposables.push(
      vscode.commands.registerCommand('switchboard._test.dashboardState', () => ({
        open: panel !== undefined,
        ready: panel?.channel.ready ?? false,
        cards: panel?.cards() ?? [],
        events: feed.rows(),
        points: feed.points(),
      })),
      vscode.commands.registerCommand(
        'switchboard._test.postToDashboard',
        (raw: unknown) => panel?.receive(raw) ?? false,
      ),
    );
  }
  return vscode.Disposable.from(...disposables);
}
