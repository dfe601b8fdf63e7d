import * as vscode from 'vscode';
import { ReliabilityRecorder } from './presentation/recorder';
import { registerCommands } from './vscode/commands';
import { ChannelLogger } from './vscode/log';
import { KeyStore } from './vscode/secrets';
import { ServiceHost } from './vscode/serviceHost';
import { HealthStatusBar } from './vscode/statusBar';
import { registerModelProvider } from './vscode/lm/modelProvider';
import { registerParticipant } from './vscode/lm/participant';
import { registerChatView } from './vscode/chat';
import { registerDashboard } from './vscode/dashboard';
import { SpendKeeper } from './vscode/spendKeeper';
import { TelemetryExport } from './vscode/telemetryExport';

/**
 * Composition root: build the services, register the contributions, and return at once. Reading
 * keys, detecting Ollama and starting the demo servers happen after (the status bar says
 * "starting" until then; a chat sent meanwhile waits for the engine's first configuration).
 */
export function activate(context: vscode.ExtensionContext) {
  const started = performance.now();
  const log = new ChannelLogger();
  const host = new ServiceHost(context, log, new KeyStore(context.secrets));
  const recorder = new ReliabilityRecorder();
  context.subscriptions.push(log, host);
  const status = new HealthStatusBar(host);
  const spend = new SpendKeeper(
    host.engine,
    context.globalState,
    log,
    (id) => host.providers().find((p) => p.id === id)?.label ?? id,
  );
  const telemetry = new TelemetryExport(host, String(context.extension.packageJSON.version ?? 'dev'));
  context.subscriptions.push(
    status,
    spend,
    telemetry,
    toVs(host.engine.onEvent((e) => {
      recorder.record(e);
      log.debug(`event ${JSON.stringify(e)}`);
    })),
    ...registerCommands(host, log, recorder, status),
    registerModelProvider(host),
    registerParticipant(host),
    registerChatView(host),
    registerDashboard(host),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('switchboard') && void host.reconfigure()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void host.reconfigure()),
    host.keys.onDidChange(() => void host.reconfigure()),
  );
  const activationMs = performance.now() - started;
  log.info(`activated in ${activationMs.toFixed(1)} ms`);
  // Keys, Ollama detection and demo servers: after activate has returned (apply runs on a later tick).
  const ready = host.reconfigure();
  return { activationMs, host, recorder, ready, logLines: () => log.recent() };
}

export function deactivate(): void {}

function toVs(d: { dispose(): void }): vscode.Disposable {
  return new vscode.Disposable(() => d.dispose());
}
