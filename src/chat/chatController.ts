/**
 * The chat view's logic, independent of VS Code: validates every webview message, runs one
 * streamed answer at a time through the engine (an AbortController per answer, so Stop is
 * immediate), records it in the store and mirrors each change to the webview.
 */
import type { Logger } from '../core/log';
import {
  describeRejected,
  parseChatMessage,
  type ChatToHost,
  type CodeAction,
  type ErrorAction,
  type HostToChat,
  type AssistantTurn,
  type TurnPart,
  type TurnError,
} from '../core/protocol';
import type { ChatMessage } from '../core/messages';
import type { Engine, EngineChunk } from '../resilience/api';
import { reduceTurn } from '../resilience/visibleTurn';
import type { ConversationStore } from './conversationStore';
import type { SessionArchive } from './sessionArchive';
import { toTurnError } from './errorActions';
import { assistantText, buildMessages, filesOf } from './requestBuilder';
import { attachmentsOf, viewTurn, type Attachment } from '../core/attachments';
import { AttachmentTray, type AttachmentSource } from './attachmentTray';

/** What the controller asks of its surroundings (the webview channel and the editor). */
export interface ChatOps {
  post(message: HostToChat): void;
  /** The webview (re)loaded: send it `snapshot` first. */
  ready(snapshot: HostToChat): void;
  runAction(action: ErrorAction): void;
  code(action: CodeAction, code: string): void;
  openLink(href: string): void;
}

interface Run {
  turn: AssistantTurn;
  controller: AbortController;
}

export class ChatController {
  private run: Run | undefined;
  /** The chips above the composer: what goes with the next message. */
  readonly tray: AttachmentTray;
  /** Messages from the webview that failed validation (for tests and diagnostics). */
  rejected = 0;

  constructor(
    private readonly engine: Engine,
    readonly store: ConversationStore,
    private readonly ops: ChatOps,
    private readonly log: Logger,
    /** Earlier chats: New Chat files the current one here, and openSession brings one back. */
    readonly archive?: SessionArchive,
    /** Files, selection and problems from the editor (none: attaching says it needs an editor). */
    attachments?: AttachmentSource,
  ) {
    this.tray = new AttachmentTray(attachments, (m) => this.ops.post(m), log);
  }

  get busy(): boolean {
    return this.run !== undefined;
  }

  snapshot(): HostToChat {
    const { attachments, suggestion } = this.tray.state();
    return {
      type: 'init',
      turns: this.store.all().map(viewTurn),
      busy: this.busy,
      attachments,
      suggestion,
      draft: this.store.draft,
      provider: this.store.provider,
    };
  }

  /** Entry point for anything the webview posts. Returns false when the message was dropped. */
  receive(raw: unknown): boolean {
    const message = parseChatMessage(raw);
    if (!message) {
      this.rejected++;
      this.log.warn(`Chat view: dropped an invalid message: ${describeRejected(raw)}`);
      return false;
    }
    this.handle(message);
    return true;
  }

  /** Adds editor context (Ask About Selection) to the next message and puts the cursor in the composer. */
  attachToNext(a: Attachment): void {
    if (this.tray.add(a)) this.ops.post({ type: 'focus' });
  }

  /** Sends a user message with its attachments (stopping an answer still streaming) and streams the reply. */
  async send(text: string, attachments: readonly Attachment[] = []): Promise<void> {
    if (this.run) this.stop();
    this.ops.post({ type: 'turn', turn: viewTurn(this.store.addUser(text, attachments)) });
    const turn = this.store.startAssistant();
    this.ops.post({ type: 'turn', turn });
    await this.stream(turn, buildMessages(this.store.all(), turn));
  }

  /** Asks for the rest of the last answer when it was cut off (interrupted, stopped, failed). */
  async continueTurn(turnId: string): Promise<void> {
    const turn = this.store.last();
    if (
      this.run ||
      !turn ||
      turn.id !== turnId ||
      turn.role !== 'assistant' ||
      turn.status === 'done' ||
      turn.status === 'streaming'
    )
      return;
    // The engine continues the shown text by the same seam rule as a mid-stream failover.
    const continueFrom = assistantText(turn);
    this.append(turn, { type: 'notice', kind: 'resumed', message: 'Continuing the cut-off answer.' });
    this.store.setStatus(turn, 'streaming');
    this.ops.post({ type: 'turn', turn });
    await this.stream(turn, buildMessages(this.store.all(), turn), continueFrom || undefined);
  }

  /** Answers the last message again, on `providerId` if given (else the chat's provider); replaces the old answer. */
  async regenerate(turnId: string, providerId?: string): Promise<void> {
    const turn = this.store.last();
    if (!turn || turn.id !== turnId || turn.role !== 'assistant') return;
    this.stop();
    this.store.truncateFrom(turnId);
    const next = this.store.startAssistant();
    this.ops.post(this.snapshot());
    await this.stream(next, buildMessages(this.store.all(), next), undefined, providerId ?? this.store.provider);
  }

  /** Replaces one of the user's messages (and everything after it) with `text`, and answers it. */
  async resend(turnId: string, text: string): Promise<void> {
    const turn = this.store.get(turnId);
    if (!turn || turn.role !== 'user') return;
    this.stop();
    this.store.truncateFrom(turnId);
    this.ops.post(this.snapshot());
    await this.send(text, attachmentsOf(turn));
  }

  /** Stops the answer now: the UI settles at once, the engine is aborted in the background. */
  stop(): void {
    const run = this.run;
    if (!run) return;
    run.controller.abort();
    this.finish(run, 'stopped');
  }

  /** Starts an empty chat; the current one is kept in the history. */
  newChat(): void {
    this.stop();
    this.archive?.archive(this.store.all(), this.store.provider);
    this.store.clear();
    this.ops.post(this.snapshot());
  }

  /** Continues an earlier chat from the history (the current one goes into the history). */
  openSession(id: string): boolean {
    const session = this.archive?.take(id);
    if (!session) return false;
    this.stop();
    this.archive?.archive(this.store.all(), this.store.provider);
    this.store.replace(session.turns, session.preferred);
    this.ops.post(this.snapshot());
    return true;
  }

  dispose(): void {
    this.stop();
    this.store.dispose();
  }

  private handle(m: ChatToHost): void {
    switch (m.type) {
      case 'ready':
        return this.ops.ready(this.snapshot());
      case 'send':
        this.store.setDraft('');
        return void this.send(m.text, this.tray.take());
      case 'draft':
        return this.store.setDraft(m.text);
      case 'stop':
        return this.stop();
      case 'newChat':
        return this.newChat();
      case 'continue':
        return void this.continueTurn(m.turnId);
      case 'code':
        return this.ops.code(m.action, m.code);
      case 'openLink':
        return this.ops.openLink(m.href);
      case 'action':
        return this.ops.runAction(m.action);
      case 'setProvider':
        return this.store.setProvider(m.providerId);
      case 'regenerate':
        return void this.regenerate(m.turnId, m.providerId);
      case 'resend':
        return void this.resend(m.turnId, m.text);
      case 'attach':
        return void this.tray.attach(m.source);
      case 'attachFile':
        return void this.tray.attachFile(m.path);
      case 'detach':
        return this.tray.detach(m.id);
      case 'findFiles':
        return void this.tray.findFiles(m.query);
    }
  }

  private async stream(
    turn: AssistantTurn,
    messages: ChatMessage[],
    continueFrom?: string,
    prefer = this.store.provider,
  ): Promise<void> {
    const run: Run = { turn, controller: new AbortController() };
    const signal = run.controller.signal;
    this.run = run;
    this.ops.post({ type: 'busy', busy: true });
    try {
      const chatId = `${turn.id}-${Date.now().toString(36)}`;
      for await (const chunk of this.engine.stream({
        messages,
        signal,
        chatId,
        files: filesOf(this.store.all()),
        continueFrom,
        prefer,
      })) {
        if (signal.aborted) break;
        this.applyChunk(turn, chunk);
      }
      this.finish(run, 'done');
    } catch (e) {
      if (signal.aborted) return;
      const error = toTurnError(e);
      this.log.warn(`Chat: answer failed (${error.kind}): ${error.message}`);
      this.finish(
        run,
        error.kind === 'cancelled' ? 'stopped' : 'error',
        error.kind === 'cancelled' ? undefined : error,
      );
    }
  }

  /** The shared reducer decides what the user sees; a restart re-sends the whole turn. */
  private applyChunk(turn: AssistantTurn, chunk: EngineChunk): void {
    const r = reduceTurn(turn.parts, chunk);
    if (!r.retracted && r.added.length === 0) return;
    for (const part of r.added) if (part.type === 'usage') this.addChatCost(turn, part);
    this.store.changed();
    if (r.retracted) this.ops.post({ type: 'turn', turn });
    else for (const part of r.added) this.ops.post({ type: 'part', turnId: turn.id, part });
  }

  /** The chat's cost so far goes with its latest answer's usage (the stored part and the one posted). */
  private addChatCost(turn: AssistantTurn, posted: Extract<TurnPart, { type: 'usage' }>): void {
    if (posted.costUsd === undefined) return;
    let total = 0;
    for (const t of this.store.all()) {
      if (t.role === 'assistant') for (const p of t.parts) if (p.type === 'usage') total += p.costUsd ?? 0;
    }
    const stored = [...turn.parts].reverse().find((p) => p.type === 'usage');
    if (stored?.type === 'usage') stored.chatCostUsd = total;
    posted.chatCostUsd = total;
  }

  private append(turn: AssistantTurn, part: TurnPart): void {
    this.store.append(turn, part);
    this.ops.post({ type: 'part', turnId: turn.id, part });
  }

  private finish(run: Run, status: 'done' | 'stopped' | 'error', error?: TurnError): void {
    if (this.run !== run) return;
    this.run = undefined;
    this.store.setStatus(run.turn, status, error);
    this.ops.post({ type: 'turn', turn: run.turn });
    this.ops.post({ type: 'busy', busy: false });
  }
}
