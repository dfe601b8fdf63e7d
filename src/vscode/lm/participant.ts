import * as vscode from 'vscode';
import { isProviderError } from '../../core/errors';
import type { ServiceHost } from '../serviceHost';
import { fromChatContext, toSignal } from './toMessages';

/** `@switchboard` in VS Code's chat: answers through the resilient router. */
export function registerParticipant(host: ServiceHost): vscode.Disposable {
  const handler: vscode.ChatRequestHandler = async (request, context, stream, token) => {
    const prefer =
      request.model?.vendor === 'switchboard' && request.model.id.startsWith('provider:')
        ? request.model.id.slice(9)
        : undefined;
    let answeredBy = '';
    try {
      for await (const chunk of host.engine.stream({
        messages: fromChatContext(context, request.prompt),
        signal: toSignal(token),
        prefer,
        retractable: false,
      })) {
        if (chunk.type === 'text') stream.markdown(chunk.text);
        else if (chunk.type === 'provider') answeredBy = `${chunk.label} · ${chunk.model}`;
        else if (chunk.type === 'notice') stream.progress(chunk.message);
      }
      return { metadata: { answeredBy } };
    } catch (e) {
      const message = isProviderError(e) ? e.message : 'Switchboard could not answer.';
      if (isProviderError(e) && e.kind === 'auth')
        stream.button({ command: 'switchboard.setApiKey', arguments: [e.providerId], title: 'Set API Key' });
      stream.button({ command: 'switchboard.showLogs', title: 'Show Logs' });
      host.log.warn(`@switchboard: ${message}`);
      return { errorDetails: { message }, metadata: { answeredBy } };
    }
  };
  const participant = vscode.chat.createChatParticipant('switchboard.participant', handler);
  participant.iconPath = vscode.Uri.joinPath(host.context.extensionUri, 'media', 'icon.svg');
  return participant;
}
