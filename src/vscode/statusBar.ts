import * as vscode from 'vscode';
import { statusView } from '../presentation/statusModel';
import type { EngineEvent } from '../resilience/api';
import type { ServiceHost } from './serviceHost';
import { settingReader } from './settings';
import { settingsOf } from '../config/engineSettings';

const THROTTLE_MS = 250;

/** The health item: who is answering, a health glyph and its median first-token time. */
export class HealthStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  /** Who answered the last chat (set at its first token, so a live answer shows at once). */
  private lastAnswer?: { providerId: string; at: number };
  private timer?: NodeJS.Timeout;
  private readonly subs: vscode.Disposable[] = [];
  private readonly engineSubs: { dispose(): void }[];

  constructor(private readonly host: ServiceHost) {
    this.item = vscode.window.createStatusBarItem('switchboard.health', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Switchboard Health';
    this.item.command = 'switchboard.switchProvider';
    this.subs.push(this.item);
    this.subs.push(toVs(host.onDidReconfigure(() => this.render())));
    this.engineSubs = [host.engine.onHealth(() => this.schedule()), host.engine.onEvent((e) => this.onEvent(e))];
    this.render();
    this.item.show();
  }

  private onEvent(e: EngineEvent) {
    if (e.type === 'first_token' || e.type === 'chat_completed') {
      this.lastAnswer = { providerId: e.providerId, at: e.at };
      this.schedule();
    }
  }

  /** Throttled (trailing) so a burst of health changes renders once. */
  private schedule() {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.render();
    }, THROTTLE_MS);
  }

  /** Renders now (also used by tests through the command). */
  render() {
    const settings = settingsOf(settingReader());
    const policy = settings.oneOf('routing.policy');
    const pinned = policy === 'pinned' ? settings.str('routing.pinnedProvider') || undefined : undefined;
    const health = this.host.engine.health();
    const answered = this.lastAnswer && health.find((h) => h.id === this.lastAnswer!.providerId);
    const view = statusView({
      health,
      policy,
      pinned,
      chain: this.host.chains().find((c) => c.id === pinned)?.label,
      lastAnswer: answered ? { ...this.lastAnswer!, label: answered.label } : undefined,
      missingKeys: this.host.providers().filter((e) => e.enabled && e.missingKey),
      starting: !this.host.started,
    });
    this.item.text = view.text;
    this.item.accessibilityInformation = { label: view.ariaLabel };
    const md = new vscode.MarkdownString(view.tooltip, true);
    md.isTrusted = {
      enabledCommands: [
        'switchboard.openDashboard',
        'switchboard.switchProvider',
        'switchboard.runHealthCheck',
        'switchboard.setApiKey',
      ],
    };
    this.item.tooltip = md;
    this.item.backgroundColor =
      view.severity === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : view.severity === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    return { text: view.text, tooltip: view.tooltip, severity: view.severity };
  }

  dispose() {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.engineSubs) d.dispose();
    for (const d of this.subs) d.dispose();
  }
}

function toVs(d: { dispose(): void }): vscode.Disposable {
  return new vscode.Disposable(() => d.dispose());
}
