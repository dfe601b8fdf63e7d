/** The health dashboard: one WebviewPanel at a time, fed by the engine's health and the event feed. */
import * as vscode from 'vscode';
import type { HostToDashboard } from '../../core/protocol';
import type { ServiceHost } from '../serviceHost';
import { WebviewChannel } from '../webviewChannel';
import { renderWebviewHtml, webviewOptions } from '../webviewHtml';
import { handleDashboardMessage } from '../../dashboard/dashboardActions';
import type { DashboardFeed } from '../../dashboard/dashboardFeed';
import { ACTION_COMMANDS } from '../../chat/errorActions';
import { toCard } from '../../dashboard/dashboardModel';
import { notify } from '../notify';

const BODY = `<div id="app" class="dashboard">
  <header><h1>Provider health</h1><span id="clock" class="muted" aria-live="off"></span></header>
  <section id="cards" class="cards" aria-label="Providers"></section>
  <section class="charts" aria-label="Charts">
    <figure>
      <figcaption>First-token time (ms), last 5 minutes</figcaption><div id="chart-ttft" class="chart"></div>
    </figure>
    <figure>
      <figcaption>Failed attempts per 15 s, last 5 minutes</figcaption><div id="chart-errors" class="chart"></div>
    </figure>
  </section>
  <section aria-label="Event log"><h2>Events</h2><ol id="events" class="events"></ol></section>
</div>`;

export class DashboardPanel implements vscode.Disposable {
  readonly channel = new WebviewChannel<HostToDashboard>();
  private readonly panel: vscode.WebviewPanel;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly healthSub: { dispose(): void };
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(private readonly services: ServiceHost, private readonly feed: DashboardFeed, onDispose: () => void) {
    const uri = services.context.extensionUri;
    this.panel = vscode.window.createWebviewPanel(
      'switchboard.dashboard',
      'Switchboard Health',
      vscode.ViewColumn.Active,
      {
        ...webviewOptions(uri),
        retainContextWhenHidden: false,
      },
    );
    this.panel.iconPath = vscode.Uri.joinPath(uri, 'media', 'icon.svg');
    this.channel.attach(this.panel.webview);
    this.panel.webview.html = renderWebviewHtml(this.panel.webview, uri, 'dashboard', 'Switchboard Health', BODY);
    this.healthSub = services.engine.onHealth(() => this.postHealth());
    this.postHealth();
    this.subscriptions.push(
      this.panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      this.panel.onDidChangeViewState(() => {
        if (!this.panel.visible) this.channel.attach(this.panel.webview);
      }),
      this.panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
    );
    const subs = [feed.onRow((row) => this.channel.post({ type: 'event', row })), feed.onPoint((point) => this.channel.post({ type: 'point', point })), services.onDidReconfigure(() => this.postHealth())];
    this.subscriptions.push(...subs.map((d) => ({ dispose: () => d.dispose() })));
    // Health also refreshes on a slow tick, so counters stay current between events.
    this.timer = setInterval(() => this.panel.visible && this.postHealth(), 2000);
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Same path as a webview message (test hook). */
  receive(raw: unknown): boolean {
    return handleDashboardMessage(raw, {
      engine: this.services.engine,
      ready: () =>
        this.channel.markReady({
          type: 'init',
          now: Date.now(),
          cards: this.cards(),
          events: this.feed.rows(),
          points: this.feed.points(),
        }),
      runAction: (a) => void vscode.commands.executeCommand(ACTION_COMMANDS[a]),
      confirm: (message) => {
        void notify(this.services.log, 'info', message);
        this.channel.post({ type: 'event', row: { at: Date.now(), kind: 'action', text: message } });
      },
      log: this.services.log,
    });
  }

  cards() {
    return this.services.engine.health().map(toCard);
  }

  dispose(): void {
    clearInterval(this.timer);
    this.healthSub.dispose();
    this.channel.detach();
    for (const d of this.subscriptions.splice(0)) d.dispose();
    this.panel.dispose();
  }

  private postHealth(): void {
    this.channel.post({ type: 'health', now: Date.now(), cards: this.cards() });
  }
}
