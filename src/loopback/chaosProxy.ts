import * as net from 'node:net';

/**
 * What the proxy does with one TCP connection. Byte offsets count response BODY bytes (after the
 * header block), so a test can cut a stream after its first frames whatever the header size.
 */
export type ChaosMode =
  /** Forward both ways untouched. */
  | { type: 'pass' }
  /** Forward every chunk `ms` after it arrived, in order, both ways. */
  | { type: 'latency'; ms: number }
  /** Forward the response in pieces of `chunkBytes`, `delayMs` apart. */
  | { type: 'trickle'; chunkBytes: number; delayMs: number }
  /** Accept and read the request, never forward it or answer. */
  | { type: 'hang' }
  /** Close the connection at its first request byte, answering nothing (FIN). */
  | { type: 'refuse' }
  /**
   * RST: at the first request byte, or after headers + `afterBodyBytes` response bytes were
   * delivered. `connectionClose`: also send `Connection: close` (see CutOptions).
   */
  | ({ type: 'reset'; afterBodyBytes?: number } & CutOptions)
  /** Clean close (FIN) after headers + `afterBodyBytes` response bytes. */
  | ({ type: 'truncate'; afterBodyBytes: number } & CutOptions);

export interface CutOptions {
  /**
   * Rewrite the header to `Connection: close` before cutting (default false). Node's fetch
   * (undici) then takes a chunked body cut mid-chunk as a CLEAN end, not as `terminated`.
   */
  connectionClose?: boolean;
}

export interface ChaosProxyOptions {
  /** Mode for connections when no scripted mode is queued (default pass). */
  defaultMode?: ChaosMode;
  /**
   * Rewrite `Connection: keep-alive` to `close` in responses that are forwarded whole (pass,
   * latency, trickle; default true), so the client opens a fresh connection per request and each
   * scripted mode hits exactly one request. Cut modes end their connection anyway and keep the
   * header, unless they ask for `connectionClose`.
   */
  forceClose?: boolean;
}

/** Bytes must reach the client before a cut, or it sees a pre-header error (PROVIDERS.md). */
const FLUSH_MS = 30;
const HEAD_END = Buffer.from('\r\n\r\n');

/** A loopback TCP proxy in front of one port that injects a scripted fault per connection. */
export class ChaosProxy {
  /** The mode each accepted connection got, in order. */
  readonly modes: ChaosMode['type'][] = [];
  private readonly queue: ChaosMode[] = [];
  /** Sockets of connections that carried a request (client and upstream side). */
  private readonly sockets = new Set<net.Socket>();
  /** Accepted connections that have not sent a byte yet. */
  private readonly spares = new Set<net.Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: net.Server;
  private port = 0;

  private constructor(
    private readonly targetPort: number,
    private readonly options: ChaosProxyOptions,
  ) {
    this.server = this.makeServer();
  }

  /** Starts a proxy on 127.0.0.1 in front of `127.0.0.1:targetPort`. */
  static async start(targetPort: number, options: ChaosProxyOptions = {}): Promise<ChaosProxy> {
    const p = new ChaosProxy(targetPort, options);
    await p.listen();
    return p;
  }

  /** `http://127.0.0.1:PORT` */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  /** Connections that carried a request so far (each got one mode). */
  get connections(): number {
    return this.modes.length;
  }
  /** Client and upstream sockets of request-carrying connections still open. */
  get openSockets(): number {
    return this.sockets.size;
  }

  /** Queue modes for the next connections, in order; then the default applies. */
  script(...modes: ChaosMode[]): this {
    this.queue.push(...modes);
    return this;
  }
  setDefault(mode: ChaosMode): this {
    this.options.defaultMode = mode;
    return this;
  }

  /** Stops listening: new connections get ECONNREFUSED until `reopen`. */
  async closePort(): Promise<void> {
    await new Promise<void>((r) => this.server.close(() => r()));
  }
  /** Listens again on the same port. */
  async reopen(): Promise<void> {
    this.server = this.makeServer();
    await this.listen(this.port);
  }

  /** Resolves once every socket closed (or rejects after `timeoutMs`). */
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

  private makeServer(): net.Server {
    return net.createServer((c) => this.accept(c));
  }

  private async listen(port = 0): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  private track(s: net.Socket): net.Socket {
    this.sockets.add(s);
    s.on('error', () => undefined);
    s.once('close', () => this.sockets.delete(s));
    return s;
  }

  private wait(ms: number): Promise<void> {
    return new Promise((r) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        r();
      }, Math.max(0, ms));
      this.timers.add(t);
    });
  }

  /**
   * The mode is decided at the connection's first request byte, not at accept: fetch (undici)
   * sometimes opens a spare connection it never uses, which must not eat a scripted fault.
   */
  private accept(client: net.Socket): void {
    this.spares.add(client);
    client.on('error', () => undefined);
    client.once('close', () => this.spares.delete(client));
    client.once('data', (first: Buffer) => {
      this.spares.delete(client);
      this.serve(client, first);
    });
  }

  private serve(client: net.Socket, first: Buffer): void {
    const mode = this.queue.shift() ?? this.options.defaultMode ?? { type: 'pass' };
    this.modes.push(mode.type);
    this.track(client);
    if (mode.type === 'refuse') return void client.destroy();
    if (mode.type === 'reset' && mode.afterBodyBytes === undefined) return void client.resetAndDestroy();
    if (mode.type === 'hang') return void client.resume();

    const upstream = this.track(net.connect(this.targetPort, '127.0.0.1'));
    const closeBoth = () => (client.destroy(), upstream.destroy());
    client.once('close', closeBoth);
    upstream.once('close', (hadError) => hadError && closeBoth());
    const lag = mode.type === 'latency' ? mode.ms : 0;
    const toUpstream = this.lane(upstream, lag, Infinity, 0);
    const toClient =
      mode.type === 'trickle' ? this.lane(client, 0, mode.chunkBytes, mode.delayMs) : this.lane(client, lag, Infinity, 0);
    toUpstream(first);
    client.on('data', (b: Buffer) => toUpstream(b));
    client.on('end', () => toUpstream('end'));

    const limit = mode.type === 'reset' || mode.type === 'truncate' ? (mode.afterBodyBytes ?? 0) : Infinity;
    let head: Buffer | undefined = Buffer.alloc(0);
    let body = 0;
    upstream.on('data', (b: Buffer) => {
      if (head) {
        head = Buffer.concat([head, b]);
        const at = head.indexOf(HEAD_END);
        if (at < 0) return;
        const rest = head.subarray(at + 4);
        toClient(this.rewriteHead(head.subarray(0, at + 4), mode));
        head = undefined;
        b = rest;
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

  /** `Connection: keep-alive` -> `close`, so one connection carries one request. */
  private rewriteHead(head: Buffer, mode: ChaosMode): Buffer {
    const cut = mode.type === 'reset' || mode.type === 'truncate';
    if (cut ? !mode.connectionClose : this.options.forceClose === false) return head;
    const text = head.toString('latin1').replace(/\r\nconnection: keep-alive/i, '\r\nConnection: close').replace(/\r\nkeep-alive: [^\r]*/i, '');
    return Buffer.from(text, 'latin1');
  }

  /** An ordered writer to `dst`: delays each chunk `lagMs` after arrival, or splits it into timed pieces. */
  private lane(dst: net.Socket, lagMs: number, pieceBytes: number, pieceDelayMs: number) {
    let chain = Promise.resolve();
    return (item: Buffer | 'end' | 'reset') => {
      const due = Date.now() + lagMs;
      chain = chain.then(async () => {
        await this.wait(due - Date.now());
        if (dst.destroyed) return;
        if (item === 'end' || item === 'reset') {
          await this.wait(FLUSH_MS);
          if (item === 'end') dst.end();
          else if (!dst.destroyed) dst.resetAndDestroy();
          return;
        }
        for (let i = 0; i < item.length; i += pieceBytes) {
          if (pieceDelayMs > 0) await this.wait(pieceDelayMs);
          if (dst.destroyed) return;
          dst.write(item.subarray(i, i + pieceBytes));
        }
      });
    };
  }
}
