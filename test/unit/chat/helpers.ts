import type { Logger } from '../../../src/core/log';
import type { HostToChat } from '../../../src/core/protocol';
import type { ProtocolId } from '../../../src/core/provider';
import { anthropicFormat } from '../../../src/loopback/formats/anthropic';
import { openAiFormat } from '../../../src/loopback/formats/openai';
import { LoopbackServer } from '../../../src/loopback/server';
import { createProvider } from '../../../src/providers/registry';
import { createSwitchboard, type SettingsOverride } from '../../../src/resilience';
import type { Engine } from '../../../src/resilience/api';
import type { ChatOps } from '../../../src/chat/chatController';
import type { StateStorage } from '../../../src/chat/conversationStore';
import { until as untilIn } from '../../support/wait';

export const KEY = 'sk-test-FAKEKEY-chatview-0001';

/** workspaceState stand-in that keeps JSON copies, like the real Memento. */
export class MemoryStorage implements StateStorage {
  readonly data = new Map<string, string>();
  writes = 0;
  get<T>(key: string): T | undefined {
    const v = this.data.get(key);
    return v === undefined ? undefined : (JSON.parse(v) as T);
  }
  update(key: string, value: unknown): Promise<void> {
    this.writes++;
    this.data.set(key, JSON.stringify(value));
    return Promise.resolve();
  }
}

export function captureLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const add = (m: string) => void lines.push(m);
  return { lines, trace: add, debug: add, info: add, warn: add, error: add };
}

/** Records what the controller asks of the webview and the editor. */
export function fakeOps() {
  const posted: HostToChat[] = [];
  const calls: string[] = [];
  const ops: ChatOps = {
    post: (m) => void posted.push(JSON.parse(JSON.stringify(m)) as HostToChat),
    ready: (s) => void posted.push(JSON.parse(JSON.stringify(s)) as HostToChat),
    runAction: (a) => void calls.push(`action:${a}`),
    code: (a, c) => void calls.push(`code:${a}:${c}`),
    openLink: (h) => void calls.push(`link:${h}`),
  };
  return { posted, calls, ops };
}

export class Servers {
  readonly all: LoopbackServer[] = [];
  async start(protocol: ProtocolId = 'openai'): Promise<LoopbackServer> {
    const s = await LoopbackServer.start(protocol === 'anthropic' ? anthropicFormat() : openAiFormat());
    this.all.push(s);
    return s;
  }
  async closeAll(): Promise<void> {
    // fetch keeps a spare idle connection after an abort, which http.Server.close() waits out
    // (~4 s): close those too. (LoopbackServer.close() could do this itself.)
    for (const s of this.all)
      (s as unknown as { server: { closeAllConnections(): void } }).server.closeAllConnections();
    await Promise.all(this.all.splice(0).map((s) => s.close()));
  }
}

/** The real engine over real adapters pointed at loopback servers (trust `cloud`). */
export function engineOver(servers: { server: LoopbackServer; id: string }[], settings: SettingsOverride = {}): Engine {
  const providers = servers.map(({ server, id }) =>
    createProvider({
      id,
      label: id.toUpperCase(),
      protocol: server.protocol,
      baseURL: server.baseURL,
      model: 'loopback-model',
      apiKey: KEY,
      trust: 'cloud',
      timeouts: { headersMs: 400, firstTokenMs: 300, stallMs: 300 },
    }),
  );
  return createSwitchboard({
    providers,
    settings: {
      hedging: { enabled: false, minDelayMs: 50, maxDelayMs: 200 },
      retry: { baseMs: 5, maxMs: 20, maxWaitMs: 300 },
      retryBudget: { ratio: 1, windowMs: 60_000, minPerWindow: 100 },
      ...settings,
    },
  });
}

export { sleep } from '../../support/wait';

/** Chat-view tests wait for whole turns: a longer default than the shared helper's. */
export const until = (cond: () => boolean, timeoutMs = 5000) => untilIn(cond, timeoutMs);

/** Loopback servers and engines for one suite, all closed after each test. */
export function perTest(): { servers: Servers; engine: typeof engineOver } {
  const servers = new Servers();
  const engines: Engine[] = [];
  afterEach(async () => {
    for (const e of engines.splice(0)) e.dispose();
    await servers.closeAll();
  });
  const engine: typeof engineOver = (...args) => {
    const e = engineOver(...args);
    engines.push(e);
    return e;
  };
  return { servers, engine };
}
