import * as vscode from 'vscode';
import type { ServiceHost } from '../serviceHost';
import { fromLmMessages, toSignal } from './toMessages';

export const AUTO_MODEL_ID = 'switchboard-auto';

/**
 * Exposes the resilient router to VS Code's own chat and to other extensions through `vscode.lm`:
 * "Switchboard (auto)" follows the routing policy; each configured provider is a model that is
 * tried first, with the others as fallback.
 */
export class SwitchboardModelProvider implements vscode.LanguageModelChatProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;

  constructor(private readonly host: ServiceHost) {
    host.onDidReconfigure(() => this.changed.fire());
  }

  provideLanguageModelChatInformation(): vscode.LanguageModelChatInformation[] {
    const base = { version: '1', maxInputTokens: 128_000, maxOutputTokens: 8192, capabilities: {} };
    const usable = this.host.providers().filter((e) => e.enabled && !e.missingKey);
    return [
      {
        ...base,
        id: AUTO_MODEL_ID,
        name: 'Switchboard (auto)',
        family: 'switchboard',
        detail: 'resilient routing',
        tooltip: 'Answers through the healthiest provider, with fallback',
      },
      ...usable.map((e) => ({
        ...base,
        id: `provider:${e.id}`,
        name: `${e.label} · ${e.model}`,
        family: e.model,
        detail: 'via Switchboard',
        tooltip: `${e.label} first, other providers if it fails`,
      })),
    ];
  }

  async provideLanguageModelChatResponse(
    model: vscode.LanguageModelChatInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const prefer = model.id.startsWith('provider:') ? model.id.slice('provider:'.length) : undefined;
    const maxTokens = typeof options.modelOptions?.maxTokens === 'number' ? options.modelOptions.maxTokens : undefined;
    try {
      for await (const chunk of this.host.engine.stream({
        messages: fromLmMessages(messages),
        signal: toSignal(token),
        prefer,
        maxTokens,
        retractable: false,
      })) {
        if (chunk.type === 'text') progress.report(new vscode.LanguageModelTextPart(chunk.text));
      }
    } catch (e) {
      // The caller cancelled: end quietly with what was streamed; every other error is theirs to see.
      if (token.isCancellationRequested) return;
      throw e;
    }
  }

  provideTokenCount(
    _model: vscode.LanguageModelChatInformation,
    text: string | vscode.LanguageModelChatRequestMessage,
  ): Promise<number> {
    const s =
      typeof text === 'string'
        ? text
        : fromLmMessages([text])
            .map((m) => m.content)
            .join('');
    return Promise.resolve(Math.ceil(s.length / 4));
  }
}

export function registerModelProvider(host: ServiceHost): vscode.Disposable {
  return vscode.lm.registerLanguageModelChatProvider('switchboard', new SwitchboardModelProvider(host));
}
