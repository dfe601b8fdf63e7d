/** What every contender exposes to the scenarios. */
import type { AgentHistory, AgentStepOutcome, AgentTool } from './agentTypes';

/** Where the two loopback providers listen (origin = http://127.0.0.1:PORT) and which model each serves. */
export interface Endpoints {
  primary: { origin: string; model: string };
  fallback: { origin: string; model: string };
}

export interface ChatOutcome {
  /** The call ended without an error (the text may still be truncated: see the mid-stream scenario). */
  ok: boolean;
  text: string;
  /** ms from the call to the first non-empty text delta. */
  ttftMs?: number;
  totalMs: number;
  error?: string;
}

export interface Contender {
  readonly name: string;
  /** The settings it runs with, printed in the report. */
  readonly settings: Record<string, unknown>;
  chat(prompt: string, signal: AbortSignal): Promise<ChatOutcome>;
  /** One model turn of a tool-calling agent (scenario 8), sent the way that library's agents do. */
  agentStep(history: AgentHistory, tools: AgentTool[], signal: AbortSignal): Promise<AgentStepOutcome>;
  close(): Promise<void>;
}

export interface ContenderOptions {
  /** Switchboard only: hedging on (default) or off. */
  hedging?: boolean;
}

export type ContenderFactory = (ep: Endpoints, opts?: ContenderOptions) => Promise<Contender>;

export const FAKE_KEY = 'sk-bench-fake-key-0000';

/** Consumes a stream of text deltas, timing the first one from `start` (performance.now()); `signal` is the caller's deadline. */
export async function measure(
  start: number,
  signal: AbortSignal,
  deltas: () => AsyncIterable<string>,
): Promise<ChatOutcome> {
  let text = '';
  let ttftMs: number | undefined;
  try {
    for await (const d of deltas()) {
      if (!d) continue;
      if (ttftMs === undefined) ttftMs = performance.now() - start;
      text += d;
    }
    // Some SDKs end an aborted stream silently: the benchmark's deadline is a failure.
    if (signal.aborted)
      return { ok: false, text, ttftMs, totalMs: performance.now() - start, error: 'gave up (deadline)' };
    return { ok: true, text, ttftMs, totalMs: performance.now() - start };
  } catch (e) {
    if (signal.aborted)
      return { ok: false, text, ttftMs, totalMs: performance.now() - start, error: 'gave up (deadline)' };
    const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { ok: false, text, ttftMs, totalMs: performance.now() - start, error: error.slice(0, 200) };
  }
}
