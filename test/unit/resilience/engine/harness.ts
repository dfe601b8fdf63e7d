import { ProviderError } from '../../../../src/core/errors';
import type { ChatProvider, ProtocolId, ProviderConfig } from '../../../../src/core/provider';
import { anthropicFormat } from '../../../../src/loopback/formats/anthropic';
import { cohereFormat } from '../../../../src/loopback/formats/cohere';
import { openAiFormat } from '../../../../src/loopback/formats/openai';
import { LoopbackServer, type LoopbackOptions } from '../../../../src/loopback/server';
import { createProvider } from '../../../../src/providers/registry';
import type { ChatInput, Engine, EngineChunk, EngineEvent } from '../../../../src/resilience/api';
import { createSwitchboard, type SettingsOverride } from '../../../../src/resilience';
import type { EngineOptions } from '../../../../src/resilience/engine';
import { VirtualClock } from '../../../support/clock';
export { sleep, until } from '../../../support/wait';

/**
 * Engine tests run on virtual time: the engine, its adapters' watchdog and the loopback servers'
 * scripted delays share this clock. `Servers.closeAll` (afterEach) stops it and starts a new one.
 */
let current = new VirtualClock();
export const clock = (): VirtualClock => current;

export const PROTOCOLS: ProtocolId[] = ['openai', 'anthropic', 'cohere'];
export const KEY = 'sk-test-FAKEKEY-engine-0001';
export const MODEL = 'loopback-model';

export function formatFor(p: ProtocolId) {
  return p === 'openai' ? openAiFormat() : p === 'anthropic' ? anthropicFormat() : cohereFormat();
}

/** Servers started by a test; `closeAll` closes them and checks no socket stayed open. */
export class Servers {
  readonly all: LoopbackServer[] = [];
  async start(protocol: ProtocolId = 'openai', options: LoopbackOptions = {}): Promise<LoopbackServer> {
    const s = await LoopbackServer.start(formatFor(protocol), { clock: current, ...options });
    this.all.push(s);
    return s;
  }
  /** Every chat request either finished or was closed by the client: nothing left hanging. */
  unsettled(): number {
    return this.all.reduce((n, s) => n + s.chatRequests.filter((r) => !r.completed && !r.clientClosed).length, 0);
  }
  async closeAll(): Promise<void> {
    // Idle spare sockets that fetch opens after an abort would hold server.close() for ~1 s each.
    for (const s of this.all)
      (s as unknown as { server: { closeAllConnections(): void } }).server.closeAllConnections();
    await Promise.all(this.all.splice(0).map((s) => s.close()));
    current.stop();
    current = new VirtualClock();
  }
}

/** A real adapter pointed at a loopback server, with test-sized timeouts. */
export function providerFor(server: LoopbackServer, id: string, over: Partial<ProviderConfig> = {}): ChatProvider {
  return createProvider({
    id,
    label: id.toUpperCase(),
    protocol: server.protocol,
    baseURL: server.baseURL,
    model: MODEL,
    apiKey: KEY,
    trust: 'cloud',
    ...over,
    timeouts: { headersMs: 400, firstTokenMs: 250, stallMs: 250, ...over.timeouts },
  });
}

/**
 * Settings for tests: no hedging unless asked, tiny backoff, a budget that does not get in the
 * way, no background recovery probes (they would add requests the tests count) unless asked.
 */
export const TEST_SETTINGS: SettingsOverride = {
  recovery: { probeEveryMs: 0 },
  hedging: { enabled: false, minDelayMs: 50, maxDelayMs: 200 },
  retry: { baseMs: 5, maxMs: 20, maxWaitMs: 600 },
  retryBudget: { ratio: 1, windowMs: 60_000, minPerWindow: 1000 },
  maxAttemptsPerChat: 4,
};

export interface Harness {
  engine: Engine;
  events: EngineEvent[];
}

export function engineFor(
  providers: ChatProvider[],
  settings: SettingsOverride = {},
  opts: Partial<EngineOptions> = {},
): Harness {
  const merged: SettingsOverride = { ...TEST_SETTINGS, ...settings };
  for (const k of ['hedging', 'retry', 'retryBudget'] as const) {
    if (settings[k]) (merged as Record<string, unknown>)[k] = { ...TEST_SETTINGS[k], ...settings[k] };
  }
  const engine = createSwitchboard({ providers, settings: merged, clock: current, ...opts });
  const events: EngineEvent[] = [];
  engine.onEvent((e) => events.push(e));
  return { engine, events };
}

export interface Run {
  chunks: EngineChunk[];
  /** Text as the user sees it (cleared by a `restarted` notice). */
  text: string;
  /** Every text chunk concatenated, restarts ignored. */
  allText: string;
  error?: ProviderError;
  /** Virtual ms from the first request to the end. */
  ms: number;
  /** Virtual clock time of the first text chunk. */
  firstTextAt?: number;
}

export const ask = (content = 'Say hello', extra: Partial<ChatInput> = {}): ChatInput => ({ messages: [{ role: 'user', content }], ...extra });

export async function run(engine: Engine, input: ChatInput = ask(), onChunk?: (c: EngineChunk) => void): Promise<Run> {
  const t0 = current.now();
  const out: Run = { chunks: [], text: '', allText: '', ms: 0 };
  try {
    for await (const c of engine.stream(input)) {
      out.chunks.push(c);
      if (c.type === 'text') {
        out.firstTextAt ??= current.now();
        out.text += c.text;
        out.allText += c.text;
      }
      if (c.type === 'notice' && c.kind === 'restarted') out.text = '';
      onChunk?.(c);
    }
  } catch (e) {
    if (!(e instanceof ProviderError)) throw e;
    out.error = e;
  }
  out.ms = current.now() - t0;
  return out;
}

export const types = (events: EngineEvent[]) => events.map((e) => e.type);
export const ofType = <T extends EngineEvent['type']>(events: EngineEvent[], t: T) =>
  events.filter((e): e is Extract<EngineEvent, { type: T }> => e.type === t);
/** Fails if the fake key shows up in an error a user or log could see. */
export function assertNoKey(err: ProviderError | undefined): void {
  if (!err) return;
  for (const s of [err.message, err.detail ?? '', String(err)]) {
    if (s.includes(KEY) || s.includes('FAKEKEY')) throw new Error(`key leaked in error text: ${s}`);
  }
}

/** Chunk types in order, collapsing runs of text. */
export function shape(chunks: EngineChunk[]): string[] {
  const out: string[] = [];
  for (const c of chunks) {
    const t = c.type === 'notice' ? `notice:${c.kind}` : c.type;
    if (t === 'text' && out[out.length - 1] === 'text') continue;
    out.push(t);
  }
  return out;
}
