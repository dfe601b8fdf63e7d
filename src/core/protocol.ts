/**
 * The typed message protocol between the extension host and its two webviews (chat, dashboard),
 * one union per direction, plus runtime validators for everything a webview sends. A webview is
 * untrusted input: `parse*` returns undefined for any unknown, malformed or oversized message.
 */
import {
  ATTACH_SOURCES,
  type AttachmentChip,
  type Attachment,
  type AttachSource,
  type FileChoice,
} from './attachments';
import { redact } from './redact';
import type { StatusKind } from './status';

export const LIMITS = {
  /** A chat message typed by the user. */
  text: 100_000,
  /** A code block sent to Copy / Insert / Apply. */
  code: 1_000_000,
  href: 2_048,
  id: 64,
  /** An absolute path the webview sends back (a file the host offered). */
  path: 4_096,
  /** What follows `#` in the composer. */
  query: 200,
} as const;

// ---------- conversation model (shared by host store and chat webview) ----------

export type NoticeKind =
  | 'skipped'
  | 'fell_back'
  | 'hedge_won'
  | 'continued'
  | 'restarted'
  | 'resumed'
  | 'finish'
  | 'chain_moved'
  | 'chain_back';

/** Pieces of one answer, in the order they happened. Consecutive text is merged. */
export type TurnPart =
  | { type: 'text'; text: string }
  /** The provider answering from here on (first, and again after a failover). */
  | { type: 'provider'; providerId: string; label: string; model: string }
  | { type: 'notice'; kind: NoticeKind; message: string }
  /**
   * Tokens the provider reported for this answer (shown discreetly under it), how many input
   * tokens came from its prompt cache, and the cost by the price table: of the answer and, so far,
   * of the whole chat.
   */
  | {
      type: 'usage';
      inputTokens?: number;
      outputTokens?: number;
      cachedInputTokens?: number;
      costUsd?: number;
      chatCostUsd?: number;
    };

/** Editor code attached to a user turn. `path` feeds the sensitivity globs. */
export interface CodeContext {
  path: string;
  fileName: string;
  language: string;
  startLine: number;
  endLine: number;
  code: string;
}

export type TurnStatus = 'streaming' | 'done' | 'stopped' | 'error' | 'interrupted';
/** Buttons the chat view shows (error actions, and the getting-started actions of the empty state). */
export type ErrorAction = 'setApiKey' | 'switchProvider' | 'showLogs' | 'openDashboard' | 'detectOllama' | 'fireDrill';
export const ERROR_ACTIONS: readonly ErrorAction[] = [
  'setApiKey',
  'switchProvider',
  'showLogs',
  'openDashboard',
  'detectOllama',
  'fireDrill',
];

export interface TurnError {
  kind: string;
  message: string;
  actions: ErrorAction[];
}

export interface UserTurn {
  role: 'user';
  id: string;
  at: number;
  text: string;
  /** Files, selections and problems sent with the message (their content, bounded). */
  attachments?: Attachment[];
  /** The selection of a turn saved before attachments existed (read through attachmentsOf). */
  context?: CodeContext;
}

export interface AssistantTurn {
  role: 'assistant';
  id: string;
  at: number;
  parts: TurnPart[];
  status: TurnStatus;
  error?: TurnError;
}

export type Turn = UserTurn | AssistantTurn;

/** Appends a part in place, merging consecutive text. Host and webview apply the same rule. */
export function appendPart(parts: TurnPart[], part: TurnPart): void {
  const last = parts[parts.length - 1];
  if (part.type === 'text' && last?.type === 'text') last.text += part.text;
  else parts.push({ ...part });
}

// ---------- chat view ----------

export type HostToChat =
  | {
      type: 'init';
      turns: Turn[];
      busy: boolean;
      /** What goes with the next message, and the active file offered as a suggestion. */
      attachments: AttachmentChip[];
      suggestion?: FileChoice;
      /** The unsent message, kept by the host. */ draft?: string;
      /** This chat's provider (undefined = automatic). */ provider?: string;
    }
  /** Add a turn, or replace the turn with the same id. */
  | { type: 'turn'; turn: Turn }
  | { type: 'part'; turnId: string; part: TurnPart }
  | { type: 'busy'; busy: boolean }
  /** What goes with the next message (chips), and the active file offered as a suggestion. */
  | { type: 'attachments'; attachments: AttachmentChip[]; suggestion?: FileChoice }
  /** Workspace files matching what follows `#` in the composer. */
  | { type: 'fileMatches'; query: string; files: FileChoice[] }
  /** Why something could not be attached (shown above the composer). */
  | { type: 'attachError'; message: string }
  | { type: 'focus' }
  /** The providers the chat's picker offers (enabled and usable ones, labels only). */
  | { type: 'providers'; providers: ProviderChoice[] }
  /** Who is answering: demo providers only (the empty state explains demo mode and offers a way out). */
  | { type: 'mode'; demo: boolean }
  /** A code-block Copy / Insert happened (the clicked button confirms it): "Copied 3 lines to the clipboard." */
  | { type: 'codeDone'; action: CodeAction; message: string };

/** One entry of the chat's provider picker: a provider, or a fallback chain (`model`: its steps). */
export interface ProviderChoice {
  id: string;
  label: string;
  model: string;
  chain?: boolean;
}

export type CodeAction = 'copy' | 'insert' | 'apply';

export type ChatToHost =
  | { type: 'ready' }
  | { type: 'send'; text: string }
  /** The unsent message as typed (debounced), so it survives a reload even before VS Code saves webview state. */
  | { type: 'draft'; text: string }
  | { type: 'stop' }
  | { type: 'newChat' }
  | { type: 'continue'; turnId: string }
  | { type: 'code'; action: CodeAction; code: string }
  | { type: 'openLink'; href: string }
  | { type: 'action'; action: ErrorAction }
  /** Attach the active file, the selection, problems, or open the "+" quick pick. */
  | { type: 'attach'; source: AttachSource }
  /** Attach a file the host offered (by its absolute path); anything else is refused. */
  | { type: 'attachFile'; path: string }
  | { type: 'detach'; id: string }
  /** Workspace files for the `#` completion. */
  | { type: 'findFiles'; query: string }
  /** Who answers this chat: a provider id first (others only if it fails), or undefined for automatic routing. */
  | { type: 'setProvider'; providerId?: string }
  /** Answer the last message again (on `providerId`, or the chat's provider). */
  | { type: 'regenerate'; turnId: string; providerId?: string }
  /** Replace a message of yours (and everything after it) with `text`, and answer it. */
  | { type: 'resend'; turnId: string; text: string };

// ---------- dashboard ----------

export interface ProviderCard {
  /** The deployment id (one model of a configured provider entry). */
  id: string;
  label: string;
  model: string;
  /** The configured entry and its label: cards of one entry's models sit under its heading. */
  group: string;
  groupLabel: string;
  trust: string;
  enabled: boolean;
  /** The one state every surface shows (see core/status.ts), and when it ends by itself. */
  status: StatusKind;
  statusUntil?: number;
  statusDetail?: string;
  /** The breaker in words ("closed", "half-open (testing)"). */
  breaker: string;
  outageUntil?: number;
  ttftP50?: number;
  ttftP95?: number;
  /** 0..1 */
  errorRate: number;
  requests: number;
  remainingRequests?: number;
  limitRequests?: number;
  remainingTokens?: number;
  limitTokens?: number;
  lastError?: { kind: string; message: string; at: number };
  /** USD spent today by the price table, and the daily budget when one is set. */
  spentTodayUsd?: number;
  dailyBudgetUsd?: number;
  /** The budget is shared by every model of the card's provider entry (its heading shows it). */
  budgetShared?: boolean;
  /** Of today's spend, the estimated part and the cut attempts it comes from (see ProviderHealth). */
  spentTodayEstimatedUsd?: number;
  cutAttemptsToday?: number;
  /** Why it takes no new requests though healthy ("paced: no request headroom left until 12:01:30"). */
  hold?: string;
}

export interface EventRow {
  at: number;
  kind: string;
  text: string;
}

/** One chart sample: a first-token time (ms) or a failed attempt (value 1). */
export interface ChartPoint {
  at: number;
  series: 'ttft' | 'error';
  providerId: string;
  value: number;
}

export type HostToDashboard =
  /** `now` is the host clock, so countdowns survive a skewed webview clock. */
  | { type: 'init'; now: number; cards: ProviderCard[]; events: EventRow[]; points: ChartPoint[] }
  | { type: 'health'; now: number; cards: ProviderCard[] }
  | { type: 'event'; row: EventRow }
  | { type: 'point'; point: ChartPoint };

export type ProviderAction = 'reset' | 'isolate' | 'drill' | 'endDrill';

export type DashboardToHost =
  | { type: 'ready' }
  | { type: 'provider'; action: ProviderAction; providerId: string }
  | { type: 'action'; action: ErrorAction };

// ---------- validators ----------

type Rec = Record<string, unknown>;

function record(v: unknown, ...allowed: string[]): Rec | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const keys = Object.keys(v);
  return keys.every((k) => k === 'type' || allowed.includes(k)) ? (v as Rec) : undefined;
}

function str(v: unknown, max: number, min = 0): v is string {
  return typeof v === 'string' && v.length >= min && v.length <= max;
}

function oneOf<T extends string>(v: unknown, values: readonly T[]): v is T {
  return typeof v === 'string' && (values as readonly string[]).includes(v);
}

/** Only web and mail links may be opened, and only through the host. */
export function isOpenableHref(href: string): boolean {
  return /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i.test(href) && href.length <= LIMITS.href;
}

/** Validates a message from the chat webview. */
export function parseChatMessage(raw: unknown): ChatToHost | undefined {
  const type = typeof raw === 'object' && raw !== null ? (raw as Rec).type : undefined;
  switch (type) {
    case 'ready':
    case 'stop':
    case 'newChat':
      return record(raw) ? { type } : undefined;
    case 'attach': {
      const m = record(raw, 'source');
      return m && oneOf(m.source, ATTACH_SOURCES) ? { type, source: m.source } : undefined;
    }
    case 'attachFile': {
      const m = record(raw, 'path');
      return m && str(m.path, LIMITS.path, 1) && !m.path.includes('\0') ? { type, path: m.path } : undefined;
    }
    case 'detach': {
      const m = record(raw, 'id');
      return m && str(m.id, LIMITS.id, 1) ? { type, id: m.id } : undefined;
    }
    case 'findFiles': {
      const m = record(raw, 'query');
      return m && str(m.query, LIMITS.query) ? { type, query: m.query } : undefined;
    }
    case 'send': {
      const m = record(raw, 'text');
      return m && str(m.text, LIMITS.text, 1) && m.text.trim() ? { type, text: m.text } : undefined;
    }
    case 'draft': {
      const m = record(raw, 'text');
      return m && str(m.text, LIMITS.text) ? { type, text: m.text } : undefined;
    }
    case 'setProvider': {
      const m = record(raw, 'providerId');
      if (!m) return undefined;
      if (m.providerId === undefined) return { type };
      return str(m.providerId, LIMITS.id, 1) ? { type, providerId: m.providerId } : undefined;
    }
    case 'regenerate': {
      const m = record(raw, 'turnId', 'providerId');
      if (!m || !str(m.turnId, LIMITS.id, 1)) return undefined;
      if (m.providerId === undefined) return { type, turnId: m.turnId };
      return str(m.providerId, LIMITS.id, 1) ? { type, turnId: m.turnId, providerId: m.providerId } : undefined;
    }
    case 'resend': {
      const m = record(raw, 'turnId', 'text');
      const ok = m && str(m.turnId, LIMITS.id, 1) && str(m.text, LIMITS.text, 1) && m.text.trim();
      return ok ? { type, turnId: m.turnId as string, text: m.text as string } : undefined;
    }
    case 'continue': {
      const m = record(raw, 'turnId');
      return m && str(m.turnId, LIMITS.id, 1) ? { type, turnId: m.turnId } : undefined;
    }
    case 'code': {
      const m = record(raw, 'action', 'code');
      const actions: readonly CodeAction[] = ['copy', 'insert', 'apply'];
      return m && oneOf(m.action, actions) && str(m.code, LIMITS.code)
        ? { type, action: m.action, code: m.code }
        : undefined;
    }
    case 'openLink': {
      const m = record(raw, 'href');
      return m && str(m.href, LIMITS.href) && isOpenableHref(m.href) ? { type, href: m.href } : undefined;
    }
    case 'action': {
      const m = record(raw, 'action');
      return m && oneOf(m.action, ERROR_ACTIONS) ? { type, action: m.action } : undefined;
    }
    default:
      return undefined;
  }
}

/** Validates a message from the dashboard webview. */
export function parseDashboardMessage(raw: unknown): DashboardToHost | undefined {
  const type = typeof raw === 'object' && raw !== null ? (raw as Rec).type : undefined;
  if (type === 'ready') return record(raw) ? { type } : undefined;
  if (type === 'provider') {
    const m = record(raw, 'action', 'providerId');
    const actions: readonly ProviderAction[] = ['reset', 'isolate', 'drill', 'endDrill'];
    return m && oneOf(m.action, actions) && str(m.providerId, LIMITS.id, 1)
      ? { type, action: m.action, providerId: m.providerId }
      : undefined;
  }
  if (type === 'action') {
    const m = record(raw, 'action');
    return m && oneOf(m.action, ERROR_ACTIONS) ? { type, action: m.action } : undefined;
  }
  return undefined;
}

/** A short, redacted description of a rejected message for the log. */
export function describeRejected(raw: unknown, max = 200): string {
  let text: string;
  try {
    text = typeof raw === 'string' ? raw.slice(0, max * 4) : JSON.stringify(raw, (_k, v) => (typeof v === 'string' && v.length > max ? `${v.slice(0, max)}…` : v)) ?? String(raw);
  } catch {
    text = Object.prototype.toString.call(raw);
  }
  const clean = redact(text);
  return clean.length > max ? `${clean.slice(0, max)}… (${clean.length} chars)` : clean;
}
