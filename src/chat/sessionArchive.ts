/**
 * Earlier chats of this workspace: New Chat files the current conversation here, and the history
 * list opens, renames, deletes and searches them. Kept in workspace state, bounded by count and
 * by size (the oldest go first), never holding a key (turns are already redacted text). Plain
 * TypeScript.
 */
import type { Turn } from '../core/protocol';
import type { StateStorage } from './conversationStore';

export const SESSIONS_KEY = 'switchboard.chat.sessions.v1';

/** What the history list shows of one chat. */
export interface SessionSummary {
  id: string;
  title: string;
  /** Epoch ms of its last message. */
  at: number;
  /** Label of the provider that wrote its last answer. */
  provider?: string;
  messages: number;
}

interface Session extends SessionSummary {
  turns: Turn[];
  /** The chat's picked provider, restored with it. */
  preferred?: string;
}

export interface ArchiveOptions {
  maxSessions?: number;
  /** Bound of the stored JSON, in characters. */
  maxChars?: number;
}

const TITLE_CHARS = 60;

export class SessionArchive {
  private sessions: Session[];
  private readonly maxSessions: number;
  private readonly maxChars: number;

  constructor(private readonly storage: StateStorage, options: ArchiveOptions = {}) {
    this.maxSessions = options.maxSessions ?? 50;
    this.maxChars = options.maxChars ?? 2_000_000;
    const saved = storage.get<{ version?: number; sessions?: unknown }>(SESSIONS_KEY);
    this.sessions = saved?.version === 1 && Array.isArray(saved.sessions) ? (saved.sessions as Session[]) : [];
  }

  /** Newest first; `query` matches the title, the provider or any message text (case-insensitive). */
  list(query = ''): SessionSummary[] {
    const q = query.trim().toLowerCase();
    const texts = (s: Session) => [s.title, s.provider ?? '', ...s.turns.map(textOf)];
    const hit = (s: Session) => !q || texts(s).some((t) => t.toLowerCase().includes(q));
    const summary = ({ id, title, at, provider, messages }: Session): SessionSummary => {
      return { id, title, at, provider, messages };
    };
    return this.sessions.filter(hit).map(summary);
  }

  /** Files a conversation (nothing for an empty one); returns its summary. */
  archive(turns: readonly Turn[], preferred?: string): SessionSummary | undefined {
    if (!turns.length) return undefined;
    const firstUser = turns.find((t) => t.role === 'user');
    const line = (firstUser ? textOf(firstUser) : 'Untitled chat').split('\n')[0].trim() || 'Untitled chat';
    const title = line.length > TITLE_CHARS ? `${line.slice(0, TITLE_CHARS - 1)}…` : line;
    const session: Session = {
      id: `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
      title,
      at: turns[turns.length - 1].at,
      provider: lastProvider(turns),
      messages: turns.length,
      turns: [...turns],
      ...(preferred ? { preferred } : {}),
    };
    this.sessions.unshift(session);
    this.save();
    return this.list().find((s) => s.id === session.id);
  }

  rename(id: string, title: string): boolean {
    const s = this.sessions.find((x) => x.id === id);
    if (!s || !title.trim()) return false;
    s.title = title.trim().slice(0, 200);
    this.save();
    return true;
  }

  delete(id: string): boolean {
    const before = this.sessions.length;
    this.sessions = this.sessions.filter((s) => s.id !== id);
    if (this.sessions.length === before) return false;
    this.save();
    return true;
  }

  /** Takes a chat out of the archive to continue it; undefined when it is not there. */
  take(id: string): { turns: Turn[]; preferred?: string } | undefined {
    const s = this.sessions.find((x) => x.id === id);
    if (!s) return undefined;
    this.delete(id);
    return { turns: s.turns, preferred: s.preferred };
  }

  /** Drops the oldest chats beyond the count and size bounds, then writes. */
  private save(): void {
    if (this.sessions.length > this.maxSessions) this.sessions.length = this.maxSessions;
    while (this.sessions.length > 1 && JSON.stringify(this.sessions).length > this.maxChars) this.sessions.pop();
    void this.storage.update(SESSIONS_KEY, { version: 1, sessions: this.sessions });
  }
}

function textOf(t: Turn): string {
  return t.role === 'user' ? t.text : t.parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
}

function lastProvider(turns: readonly Turn[]): string | undefined {
  for (let i = turns.length - 1; i >= 0; i--) {
    const t = turns[i];
    if (t.role !== 'assistant') continue;
    const p = [...t.parts].reverse().find((x) => x.type === 'provider');
    if (p?.type === 'provider') return p.label;
  }
  return undefined;
}
