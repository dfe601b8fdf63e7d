/** Hosts the chat webview: HTML + CSP, the ready handshake, and routing messages to the controller. */
import * as vscode from 'vscode';
import type { HostToChat } from '../../core/protocol';
import { WebviewChannel } from '../webviewChannel';
import { renderWebviewHtml, webviewOptions } from '../webviewHtml';

export const CHAT_VIEW_ID = 'switchboard.chat';

const BODY = `<div id="app" class="chat">
  <main id="transcript" class="transcript" tabindex="-1" aria-label="Conversation"></main>
  <div id="announcer" class="visually-hidden" aria-live="polite"></div>
  <form id="composer" class="composer" aria-label="Message composer">
    <div id="attachments" class="attachments" role="group" aria-label="Context for the next message"></div>
    <div id="attach-error" class="attach-error" role="alert" hidden></div>
    <ul id="file-matches" class="file-matches" role="listbox" aria-label="Workspace files" hidden></ul>
    <textarea id="input" rows="3" aria-label="Message to Switchboard" aria-autocomplete="list" aria-controls="file-matches" aria-expanded="false" placeholder="Ask Switchboard (Enter to send, Shift+Enter for a new line, # to attach a file)"></textarea>
    <div class="composer-actions">
      <button type="button" id="new-chat" class="secondary" aria-label="Start a new chat (Ctrl+Alt+N)">New Chat</button>
      <select id="provider" class="provider-picker" aria-label="Provider for this chat" title="Who answers this chat (the others only when it fails)"></select>
      <span class="spacer"></span>
      <button type="button" id="stop" class="secondary" aria-label="Stop the answer (Escape)" hidden>Stop</button>
      <button type="submit" id="send" aria-label="Send message">Send</button>
    </div>
  </form>
</div>`;

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  readonly channel = new WebviewChannel<HostToChat>((m) => m.type === 'focus');
  private view: vscode.WebviewView | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onMessage: (raw: unknown) => void,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = webviewOptions(this.extensionUri);
    this.channel.attach(view.webview);
    view.webview.html = renderWebviewHtml(view.webview, this.extensionUri, 'chat', 'Switchboard Chat', BODY);
    this.subscriptions.push(
      view.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
      // A hidden view's document is torn down; it says ready again when shown.
      view.onDidChangeVisibility(() => {
        if (!view.visible) this.channel.attach(view.webview);
      }),
      view.onDidDispose(() => {
        this.view = undefined;
        this.channel.detach();
      }),
    );
  }

  get visible(): boolean {
    return this.view?.visible ?? false;
  }

  dispose(): void {
    this.channel.detach();
    for (const d of this.subscriptions.splice(0)) d.dispose();
  }
}
