import * as net from 'node:net';

/**
 * What the proxy does with one connection, decided at its first request byte. `afterBodyBytes`
 * counts response bytes after the header block, so a cut lands in the stream whatever the headers.
 */
export type ChaosMode =
  | { type: 'pass' }
  /** Forward every chunk `ms` after it arrived, in order, both ways. */
  | { type: 'latency'; ms: number }
  /** Forward the response in pieces of `chunkBytes`, each `delayMs` after the previous. */
  | { type: 'trickle'; chunkBytes: number; delayMs: number }
  /** Read the request, never forward or answer it. */
  | { type: 'hang' }
  /** Close at once, answering nothing (FIN). A really closed port: `closePort()`. */
  | { type: 'refuse' }
  /** RST at the first request byte, or once the headers + `afterBodyBytes` were delivered. */
  | ({ type: 'reset'; afterBodyBytes?: number } & CutOptions)
  /** Clean close (FIN) once the headers + `afterBodyBytes` were delivered. */
  | ({ type: 'truncate'; afterBodyBytes: number } & CutOptions);

export interface CutOptions {
  /** Send `Connection: close` before the cut: Node's fetch then takes a body cut mid-chunk as a CLEAN end. */
  connectionClose?: boolean;
}

/** Bytes must reach the client before a cut, or it sees a pre-header error (PROVIDERS.md). */
const FLUSH_MS = 30;
const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * A TCP proxy on 127.0.0.1 in front of one port that applies one scripted mode per connection.
 * Whole responses get `Connection: close`, so every request opens a fresh connection and a
 * scripted fault hits exactly one request (cut modes end their connection anyway).
 */
export class ChaosProxy {
  /** The mode each request-carrying connection got, in order. */
  readonly modes: ChaosMode['type'][] = [];
  private readonly queue: ChaosMode[] = [];
  /** Client and upstream sockets of request-carrying connections. */
  private readonly sockets = new Set<net.Socket>();
  /** Accepted connections with no byte yet: fetch opens spares it may never use. */
  private readonly spares = new Set<net.Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server = net.createServer((c) => this.accept(c));
  private port = 0;

  private constructor(
    private readonly targetPort: number,
    private defaultMode: ChaosMode,
  ) {}

  static async start(targetPort: number, defaultMode: ChaosMode = { type: 'pass' }): Promise<ChaosProxy> {
    const p = new ChaosProxy(targetPort, defaultMode);
    await p.reopen();
    return p;
  }

  /** `http://127.0.0.1:PORT` */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  /** Connections that carried a request. */
  get connections(): number {
    return this.modes.length;
  }
  get openSockets(): number {
    return this.sockets.size;
  }
  /** Queue modes for the next connections, in order; then the default applies. */
  script(...modes: ChaosMode[]): this {
    this.queue.push(...modes);
    return this;
  }
  setDefault(mode: ChaosMode): this {
    this.defaultMode = mode;
    return this;
  }
  /** Stops listening: connections get ECONNREFUSED until `reopen`. */
  async closePort(): Promise<void> {
    await new Promise<void>((r) => this.server.close(() => r()));
  }
  /** Listens (again) on the same port. */
  async reopen(): Promise<void> {
    if (this.port) this.server = net.createServer((c) => this.accept(c));
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject).listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as net.AddressInfo).port;
  }
  /** Resolves once no request-carrying socket is open (or rejects after `timeoutMs`). */
  async waitForIdle(timeoutMs = 2000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (this.sockets.size > 0) {
      if (Date.now() > end) throw new Error(`chaos proxy: ${this.sockets.size} socket(s) still open after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    for (const s of [...this.sockets, ...this.spares]) s.destroy();
    if (this.server.listening) await this.closePort();
  }

  private track(s: net.Socket, set: Set<net.Socket>): net.Socket {
    set.add(s);
    s.on('error', () => undefined).once('close', () => set.delete(s));
    return s;
  }

  private wait(ms: number): Promise<void> {
    return new Promise((r) => {
      const t = setTimeout(() => (this.timers.delete(t), r()), Math.max(0, ms));
      this.timers.add(t);
    });
  }

  private accept(client: net.Socket): void {
    this.track(client, this.spares).once('data', (first: Buffer) => {
      this.spares.delete(client);
      this.serve(this.track(client, this.sockets), first, this.queue.shift() ?? this.defaultMode);
    });
  }

  private serve(client: net.Socket, first: Buffer, mode: ChaosMode): void {
    this.modes.push(mode.type);
    if (mode.type === 'refuse') return void client.destroy();
    if (mode.type === 'reset' && mode.afterBodyBytes === undefined) return void client.resetAndDestroy();
    if (mode.type === 'hang') return;
    const upstream = this.track(net.connect(this.targetPort, '127.0.0.1'), this.sockets);
    client.once('close', () => upstream.destroy());
    upstream.once('close', (hadError) => hadError && client.destroy());
    const lag = mode.type === 'latency' ? mode.ms : 0;
    const toUpstream = this.lane(upstream, lag, Infinity, 0);
    const toClient =
      mode.type === 'trickle'
        ? this.lane(client, 0, mode.chunkBytes, mode.delayMs)
        : this.lane(client, lag, Infinity, 0);
    toUpstream(first);
    client.on('data', (b: Buffer) => toUpstream(b)).on('end', () => toUpstream('end'));

    const cut = mode.type === 'reset' || mode.type === 'truncate';
    const limit = cut ? (mode.afterBodyBytes ?? 0) : Infinity;
    let head: Buffer | undefined = Buffer.alloc(0);
    let body = 0;
    upstream.on('data', (b: Buffer) => {
      if (head) {
        head = Buffer.concat([head, b]);
        const at = head.indexOf(HEAD_END);
        if (at < 0) return;
        const close = !cut || mode.connectionClose;
        toClient(close ? connectionClose(head.subarray(0, at + 4)) : head.subarray(0, at + 4));
        [b, head] = [head.subarray(at + 4), undefined];
      }
      const room = limit - body;
      body += b.length;
      if (b.length > 0) toClient(b.length > room ? b.subarray(0, room) : b);
      if (body >= limit) {
        upstream.destroy();
        toClient(mode.type === 'reset' ? 'reset' : 'end');
      }
    });
    upstream.on('end', () => toClient('end'));
  }

  /** An ordered writer to `dst`: each item `lagMs` after it arrived, split into timed pieces. */
  private lane(dst: net.Socket, lagMs: number, pieceBytes: number, pieceDelayMs: number) {
    let chain = Promise.resolve();
    return (item: Buffer | 'end' | 'reset') => {
      const due = Date.now() + lagMs;
      chain = chain.then(async () => {
        await this.wait(due - Date.now());
        if (dst.destroyed) return;
        if (typeof item === 'string') {
          await this.wait(FLUSH_MS);
          return void (item === 'end' ? dst.end() : dst.destroyed || dst.resetAndDestroy());
        }
        for (let i = 0; i < item.length && !dst.destroyed; i += pieceBytes) {
          if (pieceDelayMs > 0) await this.wait(pieceDelayMs);
          dst.write(item.subarray(i, i + pieceBytes));
        }
      });
    };
  }
}

/** `Connection: keep-alive` -> `close` in a response head. */
function connectionClose(head: Buffer): Buffer {
  const text = head.toString('latin1').replace(/\r\nconnection: keep-alive/i, '\r\nConnection: close').replace(/\r\nkeep-alive: [^\r]*/i, '');
  return Buffer.from(text, 'latin1');
}
