import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One OTLP/HTTP export as a collector receives it: the path and the decoded JSON body. */
export interface Received {
  path: string;
  contentType: string;
  body: unknown;
}

/** A minimal OTLP/HTTP (JSON) receiver on 127.0.0.1, like a collector's `otlp` receiver. */
export class OtlpReceiver {
  readonly received: Received[] = [];
  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<OtlpReceiver> {
    const server = http.createServer();
    const r = new OtlpReceiver(server);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        r.received.push({
          path: req.url ?? '',
          contentType: String(req.headers['content-type']),
          body: JSON.parse(text) as unknown,
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return r;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The raw text of everything received (to prove what is absent). */
  text(): string {
    return JSON.stringify(this.received);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
