import { ProviderError } from '../../../src/core/errors';
import type { ProtocolId } from '../../../src/core/provider';
import type { Fault, ReplyScript } from '../../../src/loopback/script';
import { LoopbackServer } from '../../../src/loopback/server';
import { createSwitchboard, type Engine, type SettingsOverride } from '../../../src/resilience';
import { adapterAt, formatFor, PROTOCOLS } from './helpers';

/** One answer for every provider: numbered words, so a seam can never look like a repeat. */
export const ANSWER = Array.from({ length: 40 }, (_, i) => `w${String(i).padStart(3, '0')}${i % 7 === 6 ? '.\n' : ' '}`).join('') + 'end 🎉';

/** Every fault src/loopback/script.ts lists, drawn at random (afterTokens inside the answer). */
function randomFault(rand: () => number): Fault {
  const after = Math.floor(rand() * 30);
  const all: Fault[] = [
    { type: 'status', status: 429 },
    { type: 'status', status: 500 },
    { type: 'status', status: 503 },
    { type: 'status', status: 529 },
    { type: 'stream-error', afterTokens: after },
    { type: 'drop', afterTokens: after },
    { type: 'no-finish', afterTokens: after },
    { type: 'stall', afterTokens: after },
    { type: 'malformed', afterTokens: after },
    { type: 'hang' },
    { type: 'reset' },
  ];
  return all[Math.floor(rand() * all.length)];
}

/** The text a continuation request already has: the last assistant turn (Anthropic's is the trimmed prefill). */
function continuedFrom(body: Record<string, unknown>): string {
  const msgs = (body.messages ?? []) as { role?: string; content?: unknown }[];
  const last = [...msgs].reverse().find((m) => m.role === 'assistant');
  return typeof last?.content === 'string' ? last.content : '';
}

export interface RigOptions {
  /** Share of upstream requests that fail (each with a random fault). */
  failRate: number;
  rand: () => number;
  settings?: SettingsOverride;
}

export interface LoadResult {
  chats: number;
  answered: number;
  failed: Record<string, number>;
  /** Chats whose text was not exactly ANSWER (answered) or not a prefix of it (failed). */
  wrongText: string[];
  /** Errors without a clear kind and message. */
  unclear: string[];
  upstream: number;
  faultsInjected: number;
  continued: number;
  /** One error message per failed kind, to read what users saw. */
  samples: Record<string, string>;
  /** Failed upstream attempts by kind (engine events). */
  attemptFailures: Record<string, number>;
  ms: number;
}

/**
 * One engine over three loopback providers (one per protocol), long-lived like the extension's:
 * `round(n)` runs n concurrent chats through it; `close()` disposes everything.
 */
export class LoadRig {
  private faults = 0;
  private continued = 0;
  private attemptFailures: Record<string, number> = {};

  private constructor(
    private readonly servers: LoopbackServer[],
    private readonly engine: Engine,
  ) {
    engine.onEvent((e) => {
      if (e.type === 'continued') this.continued++;
      if (e.type === 'attempt_failed') this.attemptFailures[e.kind] = (this.attemptFailures[e.kind] ?? 0) + 1;
    });
  }

  static async start(o: RigOptions): Promise<LoadRig> {
    let rig: LoadRig | undefined;
    const respond = (body: Record<string, unknown>): ReplyScript => {
      const done = continuedFrom(body);
      if (!ANSWER.startsWith(done))
        return { fault: { type: 'status', status: 400, message: 'continuation of unknown text' } };
      const failing = o.rand() < o.failRate;
      if (failing && rig) rig.faults++;
      return { text: ANSWER.slice(done.length), tokenDelayMs: 1, ...(failing ? { fault: randomFault(o.rand) } : {}) };
    };
    const servers = await Promise.all(
      PROTOCOLS.map((p: ProtocolId) => LoopbackServer.start(formatFor(p), { respond })),
    );
    // Roomy enough for 200 concurrent streams on a busy 2-core box; hang and stall faults cost this much.
    const timeouts = { headersMs: 5000, firstTokenMs: 4000, stallMs: 2000 };
    const engine = createSwitchboard({
      providers: servers.map((s) => adapterAt(s.protocol, s.origin, s.protocol, timeouts)),
      settings: {
        hedging: { enabled: true, minDelayMs: 100, maxDelayMs: 300 },
        retry: { baseMs: 5, maxMs: 50, maxWaitMs: 300 },
        breaker: { consecutiveFailures: 1000, failureRate: 1, minRequests: 1_000_000, cooldownMs: 100 },
        ...o.settings,
      },
    });
    rig = new LoadRig(servers, engine);
    return rig;
  }

  /** Runs `chats` concurrent chats and checks each one's text. */
  async round(chats: number): Promise<LoadResult> {
    this.faults = 0;
    this.continued = 0;
    this.attemptFailures = {};
    const res: LoadResult = {
      chats,
      answered: 0,
      failed: {},
      wrongText: [],
      unclear: [],
      upstream: 0,
      faultsInjected: 0,
      continued: 0,
      attemptFailures: {},
      samples: {},
      ms: 0,
    };
    const t0 = performance.now();
    const one = async (i: number) => {
      let text = '';
      try {
        const input = { messages: [{ role: 'user' as const, content: `chat ${i}` }], prefer: PROTOCOLS[i % 3] };
        for await (const c of this.engine.stream(input)) if (c.type === 'text') text += c.text;
        res.answered++;
        if (text !== ANSWER) res.wrongText.push(`chat ${i} answered ${JSON.stringify(text.slice(0, 80))}...`);
      } catch (e) {
        if (!(e instanceof ProviderError)) throw e;
        res.failed[e.kind] = (res.failed[e.kind] ?? 0) + 1;
        res.samples[e.kind] ??= e.message;
        if (e.partialText !== text || !ANSWER.startsWith(text))
          res.wrongText.push(`chat ${i} failed with a wrong partial text`);
        if (!/^\S+: .{20,}/.test(e.message)) res.unclear.push(`chat ${i}: ${e.message}`);
      }
    };
    await Promise.all(Array.from({ length: chats }, (_, i) => one(i)));
    res.ms = performance.now() - t0;
    res.upstream = this.servers.reduce((n, s) => n + s.chatRequests.length, 0);
    for (const s of this.servers) s.reset(); // recorded requests would grow forever in a soak
    Object.assign(res, {
      faultsInjected: this.faults,
      continued: this.continued,
      attemptFailures: this.attemptFailures,
    });
    return res;
  }

  async close(): Promise<void> {
    this.engine.dispose();
    await Promise.all(this.servers.map((s) => s.close()));
  }
}

/** A rig for one round. */
export async function runLoad(o: RigOptions & { chats: number }): Promise<LoadResult> {
  const rig = await LoadRig.start(o);
  try {
    return await rig.round(o.chats);
  } finally {
    await rig.close();
  }
}
