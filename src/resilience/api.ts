/**
 * The resilience engine's public contract: what VS Code surfaces, the benchmark and scripts use.
 * Plain TypeScript (no vscode). Implementation: src/resilience/engine.ts (`createEngine`).
 */
import type { ChatMessage, ToolCall, ToolDefinition, ToolMode } from '../core/messages';
import type { FinishReason, RateLimitInfo, Usage } from '../core/chunks';
import type { ErrorKind, ProviderError } from '../core/errors';
import type { Event } from '../core/events';
import type { ChatProvider, ProtocolId, TrustLabel } from '../core/provider';
import type { ModelPrice } from './cost/prices';
import type { SpendRow } from './cost/ledger';
import type { Hold } from './gate';
import type { PacingSettings } from './pacing/limits';

/** Prices and daily budgets (resilience/cost). */
export interface CostSettings {
  /** The user's prices (USD per 1M tokens); they win over the dated defaults. */
  prices: ModelPrice[];
  /** Daily budget in USD by provider id; a provider whose budget is spent is routed around until midnight. */
  dailyBudgetUsd: Record<string, number>;
  /** Warn once a day when a provider's spend passes this fraction of its budget. */
  warnAt: number;
}

export type RoutingPolicy = 'priority' | 'fastest' | 'pinned' | 'cheapest';
export type MidStreamMode = 'continue' | 'restart' | 'stop';

export interface SensitivitySettings {
  /** Treat requests containing secret-looking content (API keys, private keys, tokens) as sensitive. */
  detectSecrets: boolean;
  /** Files matching these globs make a request sensitive (e.g. `**\/.env`, `**\/secrets/**`). */
  fileGlobs: string[];
  /** Trust labels a sensitive request may go to. */
  allowedTrust: TrustLabel[];
}

export interface EngineSettings {
  policy: RoutingPolicy;
  /** Provider id for `pinned`. */
  pinned?: string;
  /** Provider ids in the user's order (priority policy and fallback order). */
  order?: string[];
  hedging: {
    enabled: boolean;
    /** floor of the hedge delay */ minDelayMs: number;
    /** cap of the hedge delay */ maxDelayMs: number;
  };
  midStream: MidStreamMode;
  /** Extra upstream attempts (retries + hedges) at most this fraction of requests in the window. */
  retryBudget: {
    ratio: number;
    windowMs: number;
    /** always-allowed extra attempts per window, so a quiet window can still fail over */ minPerWindow: number;
  };
  /** Max upstream attempts for one chat, hedges included. */
  maxAttemptsPerChat: number;
  breaker: { consecutiveFailures: number; failureRate: number; minRequests: number; cooldownMs: number };
  sensitivity: SensitivitySettings;
  /** Short requests (under maxChars) prefer these providers. */
  fastTier?: { maxChars: number; providers: string[] };
  /**
   * Retrying the same provider when nothing else is usable: jittered exponential backoff
   * (baseMs, maxMs), and at most maxWaitMs of waiting (backoff or retry-after) in one chat.
   */
  retry?: { baseMs: number; maxMs: number; maxWaitMs: number };
  /**
   * Deadlines the engine asks of each adapter's watchdog, on top of the provider's own timeouts
   * (the tighter wins). firstTokenMs counts from response headers. adaptiveStall: stalled after
   * factor x the provider's recent largest inter-token gap, never under floorMs.
   */
  watchdog?: { firstTokenMs?: number; stallMs?: number; adaptiveStall?: { factor: number; floorMs: number } };
  /**
   * Background health probes of providers out of rotation (degraded or breaker open): one tiny
   * request each every `probeEveryMs` (0 = none), so a recovered provider is back within seconds.
   */
  recovery?: { probeEveryMs: number };
  /** How much already-shown text a continuation without prefill may repeat and still have it dropped. */
  seam?: { windowChars: number };
  /** Prices and daily budgets (absent: default prices, no budgets). */
  cost?: CostSettings;
  /** Pacing before the 429 (absent: reported headroom only). */
  pacing?: PacingSettings;
  /** Prompt-cache stickiness: a conversation's next turn goes first where it ran within ttlMs (0: off). */
  cacheAffinity?: { ttlMs: number };
  /** Named fallback chains: a chat that `prefer`s a chain id (or pins one) goes only through its steps. */
  chains?: ChainRoute[];
  /**
   * Providers the user enabled that have no API key: the engine has no slot for them, but a chat
   * that would have tried one first names it ("OpenAI has no API key; Anthropic answered.").
   */
  keyless?: { id: string; label: string }[];
}

/** A fallback chain ("virtual model"): its steps in the order tried (same family first unless listed as-is). */
export interface ChainRoute {
  id: string;
  label: string;
  /** Provider ids with their model family; the first is the chain's primary. */
  steps: { providerId: string; family: string; /** Its provider's label, for messages. */ label?: string }[];
}

/** Why a chat passed over a provider without trying it (shown inline, counted in the report). */
export type SkipReason =
  | 'no_key'
  | 'fire_drill'
  | 'cooldown'
  | 'breaker_open'
  | 'isolated'
  | 'misconfigured'
  | 'sensitivity'
  | 'budget'
  | 'pacing';

export type ProviderState = 'healthy' | 'degraded' | 'cooling_down' | 'open' | 'misconfigured' | 'disabled';
export type BreakerState = 'closed' | 'open' | 'half_open' | 'isolated';

export interface LatencyStats {
  p50?: number;
  p95?: number;
  p99?: number;
  ewma?: number;
}

/** A snapshot of one provider's health. */
export interface ProviderHealth {
  /** The deployment id (config/deployments.ts): the entry id for its first model. */
  id: string;
  label: string;
  model: string;
  /** The configured entry this deployment belongs to; views group deployments under it. Absent: `id`. */
  group?: string;
  /** The entry's label, the group's heading. Absent: `label`. */
  groupLabel?: string;
  protocol: ProtocolId;
  trust: TrustLabel;
  enabled: boolean;
  state: ProviderState;
  breaker: BreakerState;
  /** Epoch ms when a retry-after cooldown ends. */
  cooldownUntil?: number;
  /** Epoch ms when a simulated outage (fire drill) ends. */
  simulatedOutageUntil?: number;
  ttft: LatencyStats;
  interTokenGap: LatencyStats;
  totalMs: LatencyStats;
  tokensPerSec?: number;
  /** Failures / attempts in the window, 0..1. */
  errorRate: number;
  /** Attempts in the window. */
  requests: number;
  rateLimit?: RateLimitInfo;
  lastError?: { kind: ErrorKind; message: string; at: number };
  /** USD spent today by the price table: answers, and attempts cut off after producing tokens. */
  spentTodayUsd?: number;
  /** Of `spentTodayUsd`, what rests on estimated token counts (cut attempts the provider sent no usage for). */
  spentTodayEstimatedUsd?: number;
  /** Attempts cut off today after producing tokens (hedges that lost, dropped streams). */
  cutAttemptsToday?: number;
  /** The daily budget, when one is set. */
  dailyBudgetUsd?: number;
  /** The budget is its provider entry's, shared by the entry's several models (spent together). */
  budgetShared?: boolean;
  /** Why it takes no new requests now though healthy (budget spent, rate-limit headroom). */
  hold?: Hold;
}

/** What the caller of `stream` receives, in order. */
export type EngineChunk =
  /** The provider now answering (sent before its first text, again after a failover). */
  | { type: 'provider'; providerId: string; label: string; model: string }
  | { type: 'text'; text: string }
  /** A tool call of the finished answer: complete, with valid JSON arguments, sent once, just before `done`. */
  | { type: 'tool_call'; call: ToolCall }
  /** An inline notice for the UI: a provider passed over, failover, hedge, continuation. */
  | {
      type: 'notice';
      kind: 'skipped' | 'fell_back' | 'hedge_won' | 'continued' | 'restarted' | 'chain_moved' | 'chain_back';
      message: string;
      providerId: string;
    }
  | { type: 'usage'; usage: Usage }
  | { type: 'done'; providerId: string; model: string; finishReason: FinishReason };

export type EngineEvent =
  | { type: 'attempt_started'; chatId: string; providerId: string; attempt: number; hedge: boolean; at: number }
  | { type: 'first_token'; chatId: string; providerId: string; ttftMs: number; at: number }
  | {
      type: 'attempt_failed';
      chatId: string;
      providerId: string;
      kind: ErrorKind;
      message: string;
      streamed: boolean;
      at: number;
    }
  | { type: 'fell_back'; chatId: string; from: string; to: string; kind: ErrorKind; at: number }
  | { type: 'hedge_fired'; chatId: string; primary: string; hedge: string; afterMs: number; at: number }
  | { type: 'hedge_won'; chatId: string; winner: string; loser: string; at: number }
  | { type: 'breaker'; providerId: string; state: BreakerState; at: number }
  | { type: 'cooldown'; providerId: string; until: number; at: number }
  | { type: 'continued'; chatId: string; from: string; to: string; keptChars: number; at: number }
  /** The chat passed over a provider ranked ahead of the one it tried first. */
  | { type: 'skipped'; chatId: string; providerId: string; reason: SkipReason; at: number }
  /** A fire drill started (`until` in the future) or ended (`until` = at). */
  | { type: 'fire_drill'; providerId: string; until: number; at: number }
  | { type: 'sensitivity_blocked'; chatId: string; providerId: string; reason: string; at: number }
  | { type: 'health_changed'; providerId: string; state: ProviderState; previous: ProviderState; at: number }
  | { type: 'chat_completed'; chatId: string; providerId: string; attempts: number; at: number }
  /** A provider reported an answer's usage; `usage.costUsd` is its price (undefined: model has no price). */
  | { type: 'usage'; providerId: string; model: string; usage: Usage; at: number }
  /** Today's spend of a provider passed `warnAt` of its budget (`near`) or all of it (`spent`): once a day each. */
  | { type: 'budget'; providerId: string; level: 'near' | 'spent'; spentUsd: number; budgetUsd: number; at: number }
  | { type: 'chat_failed'; chatId: string; kind: ErrorKind; attempts: number; at: number }
  /** A chain answered from a model family other than its primary step's (`why`: what kept the primary out). */
  | {
      type: 'chain_moved';
      chatId: string;
      chainId: string;
      chainLabel: string;
      from: string;
      to: string;
      why: string;
      at: number;
    }
  /** A chain's primary step answered again after the chain had answered elsewhere. */
  | { type: 'chain_back'; chatId: string; chainId: string; chainLabel: string; providerId: string; at: number };

export interface ChatInput {
  messages: ChatMessage[];
  signal?: AbortSignal;
  /** Caller's id for events; generated when absent. */
  chatId?: string;
  /** Explicitly sensitive (the user flagged it). */
  sensitive?: boolean;
  /** Files whose content is in the request (for the sensitivity globs). */
  files?: string[];
  maxTokens?: number;
  temperature?: number;
  /** Tools the model may call; only providers that support tool calling get the request. */
  tools?: ToolDefinition[];
  toolMode?: ToolMode;
  /**
   * Try this provider first for this chat (others only when it fails), whatever the policy. A
   * chain id routes the chat through that chain's steps only.
   */
  prefer?: string;
  /**
   * The caller already shows this start of the answer (e.g. a cut-off answer resumed after a
   * reload): the first provider continues it by the seam rule of core/continuation.ts.
   */
  continueFrom?: string;
  /**
   * False for surfaces that cannot take back text they showed (VS Code's chat participant,
   * `vscode.lm`): a `restart` mid-stream setting then continues instead. Default true.
   */
  retractable?: boolean;
}

export interface Engine {
  /** Replace providers and settings; health of providers with the same id is kept. */
  configure(providers: ChatProvider[], settings: EngineSettings): void;
  /**
   * Stream one chat through the router. Throws ProviderError (kind of the last failure, with
   * `partialText` = everything already yielded) when no provider could finish it.
   */
  stream(input: ChatInput): AsyncIterable<EngineChunk>;
  /** Health of every configured provider, in the user's order. */
  health(): ProviderHealth[];
  readonly onEvent: Event<EngineEvent>;
  /** Fires (not more than the caller needs) whenever any provider's health snapshot changes. */
  readonly onHealth: Event<ProviderHealth[]>;
  /** Close the breaker, clear cooldown/misconfigured and stats of a provider. */
  reset(providerId: string): void;
  /** Force the breaker open until reset. */
  isolate(providerId: string): void;
  setEnabled(providerId: string, enabled: boolean): void;
  /**
   * Health check: a tiny chat straight to one provider (no fallback, no hedging, no budget), its
   * outcome recorded in that provider's health like any attempt.
   */
  probe(providerId: string, signal?: AbortSignal): Promise<{ ok: boolean; ttftMs?: number; error?: ProviderError }>;
  /** Fire drill: the provider fails in-process (as `overloaded`) until the time passes. 0 ends it. */
  simulateOutage(providerId: string, durationMs: number): void;
  /** Spend per provider per day (newest first), from reported usage and the price table. */
  spend(): SpendRow[];
  /** Restores spend saved from `spend()` (across a restart, so daily budgets hold). */
  restoreSpend(rows: unknown): void;
  dispose(): void;
}
