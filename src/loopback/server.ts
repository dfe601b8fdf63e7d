import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { systemClock, type Clock, type Timer } from '../core/clock';
import type { ProtocolId } from '../core/provider';
import { tokenize, type ReplyScript } from './script';
import type { FrameContext, WireFormat } from './wireFormat';
import { answerSteps, toolSteps } from './steps';
import { PromptCache } from './promptCache';
import { Quota, type QuotaOptions } from './quota';

/** One request as the loopback server saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** Set when the client closed the connection before the response finished. */
  clientClosed: boolean;
  /** Set when the response was fully written. */
  completed: boolean;
}

export interface LoopbackOptions {
  /** Models offered by the listing endpoint; a chat for another model gets 404. Empty = accept any. */
  models?: string[];
  /** When set, requests must carry this key (Bearer / x-api-key / token) or get 401. */
  apiKey?: string;
  /** Default answer when no script is queued. */
  defaultScript?: ReplyScript;
  /**
   * Computes the answer for a chat request from its body (e.g. the remainder of a continued
   * answer); a returned script is used instead of the queue and the default.
   */
  respond?: (body: Record<string, unknown>) => ReplyScript | undefined;
  /** Clock of the scripted delays (tests share a virtual one with the engine). */
  clock?: Clock;
  /** A request quota: answers report the headroom left in rate-limit headers, and 429 once it is spent. */
  quota?: QuotaOptions;
  /** Report input and cached tokens as a prefix prompt cache would (promptCache.ts), unless a script sets them. */
  promptCache?: boolean;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * A provider server on 127.0.0.1 that speaks one wire format faithfully and can be scripted per
 * request. It counts requests and sockets so tests can assert retries and cancellation.
 */
export class LoopbackServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: ReplyScript[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly pending = new Set<Timer>();
  private socketsOpened = 0;
  /** The quota, when the server was started with one. */
  readonly quota?: Quota;
  private readonly cache?: PromptCache;
  private refusing = false;
  private port = 0;
  private seq = 0;

  private constructor(
    readonly format: WireFormat,
    private readonly server: http.Server,
    private readonly options: LoopbackOptions,
  ) {
    if (options.quota) this.quota = new Quota(options.quota);
    if (options.promptCache) this.cache = new PromptCache();
  }

  static async start(format: WireFormat, options: LoopbackOptions = {}): Promise<LoopbackServer> {
    const server = http.createServer();
    const lb = new LoopbackServer(format, server, options);
    server.on('request', (req, res) => void lb.handle(req, res));
    server.on('connection', (s) => lb.track(s));
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    lb.port = (server.address() as AddressInfo).port;
    return lb;
  }

  get protocol(): ProtocolId {
    return this.format.protocol;
  }
  /** `http://127.0.0.1:PORT` */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  /** The base URL as this protocol's SDK wants it. */
  get baseURL(): string {
    return this.format.baseURL(this.origin);
  }
  /** Sockets that carried a request and are still open. */
  get openSockets(): number {
    return this.sockets.size;
  }
  /** Sockets that ever carried a request. */
  get totalSockets(): number {
    return this.socketsOpened;
  }
  /** Chat requests received. */
  get chatRequests(): RecordedRequest[] {
    return this.requests.filter((r) => this.format.isChat(r.method, r.path));
  }

  /** Queue scripts for the next requests, in order; then the default applies. */
  script(...scripts: ReplyScript[]): this {
    this.queue.push(...scripts);
    return this;
  }
  /** The answer used when the queue is empty. */
  get defaultScript(): ReplyScript | undefined {
    return this.options.defaultScript;
  }
  /** Replace the answer used when the queue is empty. */
  setDefault(script: ReplyScript): this {
    this.options.defaultScript = script;
    return this;
  }
  /** Replace the `respond` hook (answers computed from the request body). */
  respondWith(respond: LoopbackOptions['respond']): this {
    this.options.respond = respond;
    return this;
  }
  /** Refuse new connections (closed port semantics: connections are reset at once). */
  refuse(on = true): this {
    this.refusing = on;
    return this;
  }
  /** Forget recorded requests and queued scripts. */
  reset(): this {
    this.requests.length = 0;
    this.queue.length = 0;
    return this;
  }

  /** Resolves once no socket is open (or rejects after `timeoutMs`). */
  async waitForSocketsClosed(timeoutMs = 2000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (this.sockets.size > 0) {
      if (Date.now() > end) throw new Error(`${this.sockets.size} socket(s) still open after ${timeoutMs} ms`);
      await sleep(5);
    }
  }

  async close(): Promise<void> {
    for (const t of this.pending) this.clock.clearTimeout(t);
    for (const s of this.sockets) s.destroy();
    const closed = new Promise<void>((r) => this.server.close(() => r()));
    this.server.closeAllConnections();
    await closed;
  }

  private track(s: Socket) {
    if (this.refusing) s.destroy();
  }

  /** Counts sockets that carried a request (fetch may open spare idle ones after an abort). */
  private trackRequestSocket(s: Socket) {
    if (this.sockets.has(s)) return;
    this.socketsOpened++;
    this.sockets.add(s);
    s.once('close', () => this.sockets.delete(s));
  }

  private get clock(): Clock {
    return this.options.clock ?? systemClock;
  }

  private wait(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((r) => {
      const t = this.clock.setTimeout(() => {
        this.pending.delete(t);
        r();
      }, ms);
      this.pending.add(t);
    });
  }

  private async readBody(req: http.IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    if (!text) return {};
    try {
      const v = JSON.parse(text) as unknown;
      return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
    } catch {
      return { __invalid: text };
    }
  }

  private keyOf(req: http.IncomingMessage): string | undefined {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return auth.slice(7);
    const x = req.headers['x-api-key'];
    return Array.isArray(x) ? x[0] : x;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.trackRequestSocket(req.socket);
    const path = (req.url ?? '/').split('?')[0];
    const body = await this.readBody(req);
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      headers: req.headers,
      body,
      clientClosed: false,
      completed: false,
    };
    this.requests.push(rec);
    res.on('close', () => {
      if (!res.writableFinished) rec.clientClosed = true;
    });
    const f = this.format;
    const requestId = `req_${this.protocol}_${++this.seq}`;
    const sendError = (
      status: number,
      type: string | undefined,
      message: string,
      extra: Record<string, string> = {},
    ) => {
      res.writeHead(status, { 'content-type': 'application/json', ...this.idHeader(requestId), ...extra });
      res.end(JSON.stringify(f.errorBody(status, type, message)));
      rec.completed = true;
    };

    if (this.options.apiKey !== undefined && this.keyOf(req) !== this.options.apiKey) {
      return sendError(401, 'authentication_error', 'invalid x-api-key');
    }
    if (f.isModels(rec.method, path)) {
      res.writeHead(200, { 'content-type': 'application/json', ...this.idHeader(requestId) });
      res.end(JSON.stringify(f.models(this.options.models ?? ['loopback-model'])));
      rec.completed = true;
      return;
    }
    if (!f.isChat(rec.method, path)) return sendError(404, 'not_found_error', `no route ${rec.method} ${path}`);

    const invalid = f.invalid?.(body);
    if (invalid) return sendError(400, undefined, invalid);
    const script: ReplyScript = this.options.respond?.(body) ?? this.queue.shift() ?? this.options.defaultScript ?? {};
    const model = f.modelOf(body);
    const known = this.options.models;
    if (known && known.length > 0 && !known.includes(model)) {
      return sendError(404, 'not_found_error', `model: ${model} does not exist`);
    }
    const calls = script.toolCalls ?? [];
    const text = script.text ?? (calls.length > 0 ? '' : `Hello from the ${this.protocol} loopback server.`);
    const tokens = script.tokens ?? tokenize(text);
    const counts: NonNullable<ReplyScript['usageCounts']> = script.usageCounts ?? this.cache?.measure(body) ?? {};
    const ctx: FrameContext = {
      requestId,
      model,
      body,
      inputTokens: counts.inputTokens ?? 12,
      cachedInputTokens: counts.cachedInputTokens ?? 0,
      cacheWriteTokens: counts.cacheWriteTokens ?? 0,
      outputTokens: tokens.length + toolSteps(calls),
      textBlock: tokens.length > 0 || calls.length === 0,
      toolCount: calls.length,
      stopReason: script.stopReason,
    };
    const fault = script.fault;

    await this.wait(script.headerDelayMs ?? 0);
    const now = this.clock.now();
    const taken = this.quota?.take(now);
    const headroom = taken?.headroom ?? script.rateLimit;
    const rlHeaders =
      headroom && f.rateLimitHeaders ? f.rateLimitHeaders({ ...headroom, ...script.rateLimit }, now) : {};
    if (taken && !taken.ok) {
      return sendError(
        429,
        undefined,
        `this request would exceed your rate limit of ${this.options.quota?.requests} requests per window`,
        {
          ...rlHeaders,
          'retry-after': String(Math.ceil(taken.retryAfterMs / 1000)),
        },
      );
    }
    if (fault?.type === 'hang') return; // never answer; the socket stays open until the client leaves
    if (fault?.type === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.type === 'status') {
      const extra: Record<string, string> = { ...rlHeaders, ...script.headers };
      if (fault.retryAfter !== undefined) extra['retry-after'] = fault.retryAfter;
      if (fault.retryAfterMs !== undefined) extra['retry-after-ms'] = String(fault.retryAfterMs);
      return sendError(fault.status, fault.errorType, fault.message ?? `scripted ${fault.status}`, extra);
    }

    if (fault?.type === 'not-stream') {
      res.writeHead(200, { 'content-type': fault.contentType ?? 'application/json', ...this.idHeader(requestId) });
      res.end(fault.body ?? JSON.stringify(f.completion(ctx, text)));
      rec.completed = true;
      return;
    }
    const stream = f.wantsStream(body);
    res.writeHead(200, { ...f.successHeaders(ctx, stream), ...rlHeaders, ...script.headers });
    if (!stream) {
      res.end(JSON.stringify(f.completion(ctx, text)));
      rec.completed = true;
      return;
    }
    res.flushHeaders();
    const write = (frames: string[]) => {
      for (const fr of frames) if (!res.destroyed) res.write(fr);
    };
    write(f.start(ctx));
    await this.wait(script.firstTokenDelayMs ?? 0);
    const cut = fault && 'afterTokens' in fault ? fault.afterTokens : Infinity;
    const steps = answerSteps(f, ctx, tokens, calls);
    for (let i = 0; i < steps.length && i < cut; i++) {
      if (res.destroyed) return;
      if (i > 0) await this.wait(script.tokenDelayMs ?? 0);
      write(steps[i]);
    }
    if (res.destroyed) return;
    switch (fault?.type) {
      case 'stream-error':
        write(f.streamError(ctx, fault.errorType, fault.message ?? 'scripted stream error'));
        res.end();
        return;
      case 'drop':
        // Let the frames flush before destroying, or the client sees a pre-header error.
        await this.wait(30);
        req.socket.destroy();
        return;
      case 'no-finish':
        res.end();
        return;
      case 'stall':
        return;
      case 'malformed':
        write([f.malformed(ctx)]);
        await this.wait(30);
        res.end();
        return;
    }
    write(f.finish(ctx, script.usage ?? true));
    res.end();
    rec.completed = true;
  }

  private idHeader(requestId: string): Record<string, string> {
    return this.protocol === 'anthropic' ? { 'request-id': requestId } : { 'x-request-id': requestId };
  }
}
