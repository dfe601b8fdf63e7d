/**
 * The conversation of the chat view, persisted in workspace state (text and provider labels only,
 * never a key). While an answer streams, saves are throttled; a turn still `streaming` when the
 * window reloads comes back `interrupted` so the user can continue it. Plain TypeScript.
 */
import {
  appendPart,
  type AssistantTurn,
  type Turn,
  type TurnError,
  type TurnPart,
  type TurnStatus,
  type UserTurn,
} from '../core/protocol';
import { systemClock, type Clock, type Timer } from '../core/clock';
import type { Attachment } from '../core/attachments';

/** The slice of vscode.Memento the store needs. */
export interface StateStorage {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface StoreOptions {
  key?: string;
  throttleMs?: number;
  /** Oldest turns are dropped beyond this. */
  maxTurns?: number;
  /** Time and the save throttle's timer (tests pass a virtual clock). */
  clock?: Clock;
}

export const CONVERSATION_KEY = 'switchboard.chat.conversation.v1';
export const DRAFT_KEY = 'switchboard.chat.draft.v1';

export class ConversationStore {
  private turns: Turn[] = [];
  private seq = 0;
  /** The provider picked for this chat (undefined = automatic routing). */
  private preferred: string | undefined;
  private timer: Timer | undefined;
  private readonly key: string;
  private readonly throttleMs: number;
  private readonly maxTurns: number;
  private readonly clock: Clock;

  constructor(private readonly storage: StateStorage, options: StoreOptions = {}) {
    this.key = options.key ?? CONVERSATION_KEY;
    this.throttleMs = options.throttleMs ?? 400;
    this.maxTurns = options.maxTurns ?? 200;
    this.clock = options.clock ?? systemClock;
    this.load();
  }

  all(): readonly Turn[] {
    return this.turns;
  }

  /** The unsent message (saved at once: it is small and typed slowly). */
  get draft(): string {
    const d = this.storage.get<unknown>(DRAFT_KEY);
    return typeof d === 'string' ? d : '';
  }

  setDraft(text: string): void {
    void this.storage.update(DRAFT_KEY, text || undefined);
  }

  get provider(): string | undefined {
    return this.preferred;
  }

  setProvider(id: string | undefined): void {
    this.preferred = id;
    void this.flush();
  }

  /** Removes the turn `id` and every turn after it (regenerate, edit and resend); false when absent. */
  truncateFrom(id: string): boolean {
    const i = this.turns.findIndex((t) => t.id === id);
    if (i < 0) return false;
    this.turns.splice(i);
    void this.flush();
    return true;
  }

  get(id: string): Turn | undefined {
    return this.turns.find((t) => t.id === id);
  }

  last(): Turn | undefined {
    return this.turns[this.turns.length - 1];
  }

  addUser(text: string, attachments: readonly Attachment[] = []): UserTurn {
    const turn: UserTurn = {
      role: 'user',
      id: this.nextId('u'),
      at: this.clock.now(),
      text,
      ...(attachments.length ? { attachments: [...attachments] } : {}),
    };
    this.push(turn);
    return turn;
  }

  startAssistant(): AssistantTurn {
    const turn: AssistantTurn = {
      role: 'assistant',
      id: this.nextId('a'),
      at: this.clock.now(),
      parts: [],
      status: 'streaming',
    };
    this.push(turn);
    return turn;
  }

  /** Appends streamed output; saved within `throttleMs`. */
  append(turn: AssistantTurn, part: TurnPart): void {
    appendPart(turn.parts, part);
    this.scheduleSave();
  }

  /** A turn's parts were changed in place (see resilience/visibleTurn.ts); saved within `throttleMs`. */
  changed(): void {
    this.scheduleSave();
  }

  /** Status changes are saved at once. */
  setStatus(turn: AssistantTurn, status: TurnStatus, error?: TurnError): void {
    turn.status = status;
    if (error) turn.error = error;
    else delete turn.error;
    void this.flush();
  }

  /** Continues an earlier chat (opened from the history): its turns and its picked provider. */
  replace(turns: Turn[], provider?: string): void {
    this.turns = [...turns];
    this.preferred = provider;
    // New ids must not collide with the restored ones (u12, a13, ...).
    for (const t of turns) this.seq = Math.max(this.seq, Number(t.id.slice(1)) || 0);
    void this.flush();
  }

  /** A new chat: no turns, and automatic routing until a provider is picked for it. */
  clear(): void {
    this.turns = [];
    this.preferred = undefined;
    void this.flush();
  }

  /** Writes now (cancels a pending throttled save). */
  flush(): PromiseLike<void> {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const provider = this.preferred ? { provider: this.preferred } : {};
    return this.storage.update(this.key, { version: 1, seq: this.seq, turns: this.turns, ...provider });
  }

  dispose(): void {
    if (this.timer) void this.flush();
  }

  private push(turn: Turn): void {
    this.turns.push(turn);
    if (this.turns.length > this.maxTurns) this.turns.splice(0, this.turns.length - this.maxTurns);
    void this.flush();
  }

  private scheduleSave(): void {
    this.timer ??= this.clock.setTimeout(() => void this.flush(), this.throttleMs);
  }

  private nextId(prefix: string): string {
    return `${prefix}${++this.seq}`;
  }

  private load(): void {
    const saved = this.storage.get<{ version?: number; seq?: number; turns?: unknown; provider?: unknown }>(this.key);
    if (!saved || saved.version !== 1 || !Array.isArray(saved.turns)) return;
    if (typeof saved.provider === 'string') this.preferred = saved.provider;
    this.seq = typeof saved.seq === 'number' ? saved.seq : saved.turns.length;
    this.turns = (saved.turns as Turn[]).filter((t) => t && (t.role === 'user' || t.role === 'assistant'));
    for (const t of this.turns) {
      if (t.role === 'assistant' && t.status === 'streaming') t.status = 'interrupted';
    }
  }
}
