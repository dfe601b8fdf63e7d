import * as vscode from 'vscode';
import type { ChatMessage } from '../../core/messages';

/** A chat participant's history + prompt -> Switchboard messages. */
export function fromChatContext(context: vscode.ChatContext, prompt: string): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const turn of context.history) {
    if (turn instanceof vscode.ChatRequestTurn) out.push({ role: 'user', content: turn.prompt });
    else if (turn instanceof vscode.ChatResponseTurn) {
      const text = turn.response
        .map((r) => (r instanceof vscode.ChatResponseMarkdownPart ? r.value.value : ''))
        .join('');
      if (text) out.push({ role: 'assistant', content: text });
    }
  }
  out.push({ role: 'user', content: prompt });
  return out;
}

/** A CancellationToken as an AbortSignal (at the edge only). */
export function toSignal(token: vscode.CancellationToken): AbortSignal {
  const ctrl = new AbortController();
  if (token.isCancellationRequested) ctrl.abort();
  else token.onCancellationRequested(() => ctrl.abort());
  return ctrl.signal;
}
