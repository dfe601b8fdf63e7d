import * as vscode from 'vscode';
import { lmModels } from '../../lm/chainModels';
import type { ReliabilityRecorder } from '../../presentation/recorder';
import type { ChannelLogger } from '../log';
import type { ServiceHost } from '../serviceHost';
import type { HealthStatusBar } from '../statusBar';
import { exportReport } from './exportReport';
import { runHealthCheck } from './healthCheck';
import { removeApiKey, setApiKey } from './keyCommands';
import { resetProvider, setProviderEnabled, simulateOutage, switchItems, switchProvider } from './providerCommands';
import { injectDemoFault } from './demoFault';
import { detectOllamaCommand } from './detectOllama';

/** Registers the palette commands. Each returns a value so tests and scripts can drive it. */
export function registerCommands(
  host: ServiceHost,
  log: ChannelLogger,
  recorder: ReliabilityRecorder,
  status: HealthStatusBar,
): vscode.Disposable[] {
  const reg = (id: string, fn: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, fn);
  return [
    reg('switchboard.switchProvider', (a) => switchProvider(host, a)),
    reg('switchboard.setApiKey', (a) => setApiKey(host, a)),
    reg('switchboard.removeApiKey', (a) => removeApiKey(host, a)),
    reg('switchboard.runHealthCheck', () => runHealthCheck(host)),
    reg('switchboard.resetProvider', (a) => resetProvider(host, a)),
    reg('switchboard.disableProvider', (a) => setProviderEnabled(host, false, a)),
    reg('switchboard.enableProvider', (a) => setProviderEnabled(host, true, a)),
    reg('switchboard.simulateOutage', (a) => simulateOutage(host, a)),
    reg('switchboard.injectDemoFault', (a) => injectDemoFault(host, a)),
    reg('switchboard.exportReport', (a) => exportReport(host, recorder, a)),
    reg('switchboard.detectOllama', (a) => detectOllamaCommand(host, a)),
    reg('switchboard.showLogs', () => log.channel.show(true)),
    // For tests and scripts: the status item as rendered now, and the provider list (no keys).
    reg('switchboard._test.statusBar', () => status.render()),
    reg('switchboard._test.providers', () => host.providers()),
    // Resolves once the current settings and keys are applied to the engine (tests wait on this).
    reg('switchboard._test.applied', () => host.reconfigure()),
    // The Switch Provider quick pick's items as offered now (label, description, detail, id).
    reg('switchboard._test.switchItems', () =>
      switchItems(host).map(({ label, description, detail, id }) => ({ label, description, detail, id })),
    ),
    // What Switchboard's vscode.lm models declare (capabilities, limits, live health).
    reg('switchboard._test.lmModels', () => lmModels(host.providers(), host.engine.health(), host.chains())),
  ];
}
