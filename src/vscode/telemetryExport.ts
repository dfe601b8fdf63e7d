import type * as vscode from 'vscode';
import { readTelemetrySettings } from '../config/telemetrySettings';
import type { Disposable } from '../core/events';
import { TeamTelemetry } from '../telemetry/teamTelemetry';
import { notify } from './notify';
import type { ServiceHost } from './serviceHost';
import { settingReader } from './settings';

/**
 * Starts, moves or stops the opt-in OpenTelemetry export when `switchboard.telemetry.otlp.*`
 * changes. Off by default; OpenTelemetry is not even loaded until it is switched on.
 */
export class TelemetryExport implements vscode.Disposable {
  private running?: { endpoint: string; telemetry: TeamTelemetry };
  private readonly sub: Disposable;
  private warned?: string;

  constructor(
    private readonly host: ServiceHost,
    private readonly version: string,
  ) {
    this.sub = host.onDidReconfigure(() => this.apply());
    this.apply();
  }

  private apply(): void {
    const { endpoint, problem } = readTelemetrySettings(settingReader());
    if (problem && problem !== this.warned) void notify(this.host.log, 'warn', problem);
    this.warned = problem;
    if (this.running?.endpoint === endpoint) return;
    void this.running?.telemetry.shutdown();
    this.running = undefined;
    if (!endpoint) return;
    try {
      const telemetry = new TeamTelemetry({
        endpoint,
        events: this.host.engine.onEvent,
        modelOf: (id) => this.host.providers().find((p) => p.id === id)?.model,
        version: this.version,
      });
      this.running = { endpoint, telemetry };
      this.host.log.info(`team telemetry: exporting OTLP to ${endpoint}`);
    } catch (e) {
      void notify(this.host.log, 'error', `team telemetry could not start: ${String(e)}`);
    }
  }

  dispose(): void {
    this.sub.dispose();
    void this.running?.telemetry.shutdown();
  }
}
