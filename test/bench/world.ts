import { LoopbackServer, type LoopbackOptions } from '../../src/loopback/server';
import { anthropicFormat } from '../../src/loopback/formats/anthropic';
import { openAiFormat } from '../../src/loopback/formats/openai';
import type { ReplyScript } from '../../src/loopback/script';
import type { Endpoints } from './contenders/types';

export const PRIMARY_MODEL = 'primary-model';
export const FALLBACK_MODEL = 'fallback-model';

/**
 * One loopback server plus the chat requests it saw across phases (`phase()` clears the queue,
 * which also clears the server's own record, so the count is carried over here).
 */
export class Upstream {
  private carried = 0;
  constructor(readonly server: LoopbackServer) {}

  /** Chat requests received so far. */
  get chats(): number {
    return this.carried + this.server.chatRequests.length;
  }

  /** Switches to a new behaviour: `script` for every request, after the `queued` ones. */
  phase(script: ReplyScript, queued: ReplyScript[] = []): void {
    this.carried += this.server.chatRequests.length;
    this.server.reset();
    this.server.setDefault(script);
    this.server.script(...queued);
  }
}

/** The provider pair every contender streams through: OpenAI-format primary, Anthropic-format fallback. */
export class World {
  private constructor(
    readonly primary: Upstream,
    readonly fallback: Upstream,
  ) {}

  /** `fallbackOptions` gives the fallback e.g. a request quota (the quota scenario). */
  static async start(
    primary: ReplyScript,
    fallback: ReplyScript,
    fallbackOptions: LoopbackOptions = {},
  ): Promise<World> {
    const p = await LoopbackServer.start(openAiFormat(), { defaultScript: primary });
    const f = await LoopbackServer.start(anthropicFormat(), { ...fallbackOptions, defaultScript: fallback });
    return new World(new Upstream(p), new Upstream(f));
  }

  get endpoints(): Endpoints {
    return {
      primary: { origin: this.primary.server.origin, model: PRIMARY_MODEL },
      fallback: { origin: this.fallback.server.origin, model: FALLBACK_MODEL },
    };
  }

  /** Upstream chat requests at both providers. */
  get attempts(): number {
    return this.primary.chats + this.fallback.chats;
  }

  /**
   * Closes both servers. Waits at most 200 ms: LoopbackServer.close() also waits for sockets that
   * a client pool opened but never used (undici keeps them ~4 s); those end on their own.
   */
  async close(): Promise<void> {
    const closed = Promise.allSettled([this.primary.server.close(), this.fallback.server.close()]);
    await Promise.race([closed, new Promise((r) => setTimeout(r, 200).unref())]);
  }
}

/** The assistant prefill of an Anthropic request body (mid-stream continuation), if any. */
function prefillOf(body: Record<string, unknown>): string | undefined {
  const msgs = body.messages as { role?: string; content?: unknown }[] | undefined;
  const last = msgs?.[msgs.length - 1];
  if (!last || last.role !== 'assistant') return undefined;
  if (typeof last.content === 'string') return last.content;
  if (Array.isArray(last.content)) return last.content.map((b: { text?: string }) => b.text ?? '').join('');
  return undefined;
}

/**
 * Makes `server` behave like a model asked to continue: a request with an assistant prefill that
 * is a prefix of `full` is answered with the rest of `full` (as a real model would go on from
 * there). Hooks the record of the request, which the server makes just before picking its script.
 */
export function answerContinuations(server: LoopbackServer, full: string, base: ReplyScript): void {
  const push = server.requests.push.bind(server.requests);
  server.requests.push = (...recs) => {
    for (const r of recs) {
      const prefill = prefillOf(r.body);
      if (prefill !== undefined && server.format.isChat(r.method, r.path) && full.startsWith(prefill)) {
        server.script({ ...base, text: full.slice(prefill.length) });
      }
    }
    return push(...recs);
  };
}
