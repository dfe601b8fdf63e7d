/** The chat view contribution: `registerChatView(services)` is all extension.ts calls. */
import * as vscode from 'vscode';
import type { ServiceHost } from '../serviceHost';
import { ChatController } from '../../chat/chatController';
import { ChatViewProvider, CHAT_VIEW_ID } from './chatViewProvider';
import { ConversationStore } from '../../chat/conversationStore';
import { SessionArchive } from '../../chat/sessionArchive';
import { showHistory } from './history';
import { openLinkWithConsent, runCodeAction } from './editorActions';
import { ApplyProposals } from './applyProposal';
import { ACTION_COMMANDS } from '../../chat/errorActions';
import { registerSelectionCommands } from './selectionCommands';
import type { ProviderChoice } from '../../core/protocol';
import { soloName } from '../../core/groups';
import { stepsLine, usableSteps } from '../../presentation/chainView';
import { EditorAttachments } from './attachSource';

export { CHAT_VIEW_ID };

export function registerChatView(services: ServiceHost): vscode.Disposable {
  const { context, log } = services;
  const store = new ConversationStore(context.workspaceState);
  let provider: ChatViewProvider | undefined = undefined;
  // Test runs record which editor/command operations webview messages reached (never in production).
  const dispatched: string[] = [];
  const trace = testHooksEnabled(context) ? (op: string) => void dispatched.push(op) : () => undefined;
  const proposals = new ApplyProposals(log);
  const controller = new ChatController(services.engine, store, {
    post: (m) => provider?.channel.post(m),
    ready: (snapshot) => {
      provider?.channel.markReady(snapshot);
      postMode();
    },
    runAction: (a) => (trace(`action:${a}`), void vscode.commands.executeCommand(ACTION_COMMANDS[a])),
    code: (action, code) => {
      trace(`code:${action}`);
      runCodeAction(action, code, proposals).then(
        (message) => {
          if (!message) return;
          trace(`codeDone:${message}`);
          provider?.channel.post({ type: 'codeDone', action, message });
        },
        (e) => log.warn(`Chat: ${action} failed: ${String(e)}`),
      );
    },
    openLink: (href) => (trace(`openLink:${href}`), void openLinkWithConsent(href, log).catch((e) => log.warn(`Chat: opening a link failed: ${String(e)}`))),
  }, log, new SessionArchive(context.workspaceState), new EditorAttachments());
  provider = new ChatViewProvider(context.extensionUri, (raw) => controller.receive(raw));
  /** What the picker was last offered (for tests). */
  let offered: ProviderChoice[] = [];
  /** Demo mode: every enabled provider is a built-in demo one. */
  function postMode(): void {
    const enabled = services.providers().filter((e) => e.enabled && !e.missingKey);
    provider?.channel.post({ type: 'mode', demo: enabled.length > 0 && enabled.every((e) => e.demo) });
    const chains = services.chains().filter((c) => usableSteps(c, enabled).length > 0);
    const providers: ProviderChoice[] = [
      // "OpenAI · gpt-4o" when the entry lists several models, so the picker tells them apart.
      ...enabled.map((e) => ({ id: e.id, label: soloName(e, enabled), model: e.model })),
      ...chains.map((c) => ({ id: c.id, label: c.label, model: stepsLine(c, services.providers()), chain: true })),
    ];
    offered = providers;
    provider?.channel.post({ type: 'providers', providers });
  }
  const reconfigured = services.onDidReconfigure(postMode);

  const disposables: vscode.Disposable[] = [
    proposals,
    provider,
    { dispose: () => controller.dispose() },
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, provider),
    { dispose: () => reconfigured.dispose() },
    // The suggested chip follows the active file.
    vscode.window.onDidChangeActiveTextEditor(() => controller.tray.refresh()),
    vscode.commands.registerCommand('switchboard.newChat', () => controller.newChat()),
    vscode.commands.registerCommand('switchboard.showHistory', (arg?: unknown) => showHistory(controller, arg)),
    vscode.commands.registerCommand('switchboard.focusChat', async () => {
      await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
      provider?.channel.post({ type: 'focus' });
    }),
    ...registerSelectionCommands(controller),
  ];
  if (testHooksEnabled(context)) {
    disposables.push(
      vscode.commands.registerCommand('switchboard._test.chatState', () => ({
        turns: JSON.parse(JSON.stringify(store.all())),
        busy: controller.busy,
        ready: provider?.channel.ready ?? false,
        rejected: controller.rejected,
        dispatched: [...dispatched],
        providers: offered,
        attachments: controller.tray.state(),
        attachError: controller.tray.lastError,
        attachFailures: controller.tray.failures,
      })),
      vscode.commands.registerCommand('switchboard._test.postToChat', (raw: unknown) => controller.receive(raw)),
    );
  }
  return vscode.Disposable.from(...disposables);
}

/** Test-only commands exist in development/test runs, or when SWITCHBOARD_TEST_HOOKS=1. */
export function testHooksEnabled(context: vscode.ExtensionContext): boolean {
  return context.extensionMode !== vscode.ExtensionMode.Production || process.env.SWITCHBOARD_TEST_HOOKS === '1';
}
