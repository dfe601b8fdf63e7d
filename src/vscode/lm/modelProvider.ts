import * as vscode from 'vscode';
import type { ToolDefinition } from '../../core/messages';
import { fromLmMessages, type LmMessageLike } from '../../lm/fromLm';
import { chainOfModel, lmModels } from '../../lm/chainModels';
import { infoSignature, missingModel, preferredProvider } from '../../lm/modelInfo';
import { usableSteps } from '../../presentation/chainView';
import { countRequest } from '../../providers/models/tokens';
import type { ServiceHost } from '../serviceHost';
import { toLanguageModelError } from './lmError';
import { toSignal } from './toMessages';

export { AUTO_MODEL_ID } from '../../lm/modelInfo';

/**
 * Exposes the resilient router to VS Code's own chat (Agent, Ask and Plan modes list only models
 * that declare tool calling) and to other extensions through `vscode.lm`: "Switchboard (auto)"
 * follows the routing policy; each configured provider is a model that is tried first, with the
 * others as fallback; each fallback chain is a model that answers through its steps only. Tool
 * calls reach the caller only whole, from the provider that finished the turn; failovers show in
 * Switchboard's status bar and event log (the caller sees only the answer).
 */
export class SwitchboardModelProvider implements vscode.LanguageModelChatProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  private readonly subs: vscode.Disposable[] = [];
  private signature = '';

  constructor(private readonly host: ServiceHost) {
    this.subs.push(
      this.changed,
      host.onDidReconfigure(() => this.changed.fire()),
      // Live health in each model's detail: tell VS Code when a state changes (not every sample).
      host.engine.onHealth(() => this.refresh()),
    );
  }

  provideLanguageModelChatInformation(): vscode.LanguageModelChatInformation[] {
    const infos = this.infos();
    this.signature = infoSignature(infos);
    return infos;
  }

  async provideLanguageModelChatResponse(
    model: vscode.LanguageModelChatInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const gone = missingModel(model.id, this.host.providers());
    if (gone) throw vscode.LanguageModelError.NotFound(gone);
    const maxTokens = typeof options.modelOptions?.maxTokens === 'number' ? options.modelOptions.maxTokens : undefined;
    const tools: ToolDefinition[] = (options.tools ?? []).map((t) => ({
      name: t.name,
      description: t.description,
      parameters: t.inputSchema as Record<string, unknown> | undefined,
    }));
    try {
      const stream = this.host.engine.stream({
        messages: fromLmMessages(messages as readonly LmMessageLike[]),
        signal: toSignal(token),
        // A chain model routes through the chain's steps only (the engine knows chains by id).
        prefer: preferredProvider(model.id) ?? chainOfModel(model.id),
        maxTokens,
        retractable: false,
        ...(tools.length
          ? {
              tools,
              toolMode:
                options.toolMode === vscode.LanguageModelChatToolMode.Required
                  ? ('required' as const)
                  : ('auto' as const),
            }
          : {}),
      });
      for await (const chunk of stream) {
        if (chunk.type === 'text') progress.report(new vscode.LanguageModelTextPart(chunk.text));
        else if (chunk.type === 'tool_call')
          progress.report(new vscode.LanguageModelToolCallPart(chunk.call.id, chunk.call.name, chunk.call.arguments));
      }
    } catch (e) {
      // The caller cancelled: end quietly with what was streamed; every other error is theirs to see.
      if (token.isCancellationRequested) return;
      this.host.log.warn(`vscode.lm (${model.id}): ${e instanceof Error ? e.message : String(e)}`);
      throw toLanguageModelError(e);
    }
  }

  /** Counted as the provider that would answer first counts (OpenAI models exactly, others estimated). */
  provideTokenCount(
    model: vscode.LanguageModelChatInformation,
    text: string | vscode.LanguageModelChatRequestMessage,
  ): Promise<number> {
    const usable = this.host.providers().filter((e) => e.enabled && !e.missingKey);
    const chain = this.host.chains().find((c) => c.id === chainOfModel(model.id));
    const first = chain ? usableSteps(chain, usable)[0] : usable.find((e) => e.id === preferredProvider(model.id));
    const p = first ?? usable[0];
    const messages =
      typeof text === 'string' ? [{ role: 'user' as const, content: text }] : fromLmMessages([text as LmMessageLike]);
    return Promise.resolve(countRequest(p?.protocol ?? 'anthropic', p?.model ?? '', messages));
  }

  private refresh(): void {
    const next = infoSignature(this.infos());
    if (next !== this.signature) this.changed.fire();
  }

  private infos() {
    return lmModels(this.host.providers(), this.host.engine.health(), this.host.chains());
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
  }
}

export function registerModelProvider(host: ServiceHost): vscode.Disposable {
  const provider = new SwitchboardModelProvider(host);
  return vscode.Disposable.from(vscode.lm.registerLanguageModelChatProvider('switchboard', provider), provider);
}
