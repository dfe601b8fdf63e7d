import * as vscode from 'vscode';
import type { Logger } from '../core/log';
import { redact } from '../core/redact';

/** The "Switchboard" log channel. Every line is redacted: known keys and anything key-shaped. */
export class ChannelLogger implements Logger, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  private secrets = new Set<string>();
  /** The last lines written (already redacted), for tests and bug reports. */
  private readonly ring: string[] = [];

  constructor() {
    this.channel = vscode.window.createOutputChannel('Switchboard', { log: true });
  }

  /** Keys currently in use, so they are scrubbed even when they do not look like keys. */
  setSecrets(keys: Iterable<string>): void {
    this.secrets = new Set(keys);
  }

  private clean(m: string) {
    const line = redact(m, this.secrets);
    this.ring.push(line);
    if (this.ring.length > 1000) this.ring.shift();
    return line;
  }

  recent(): string[] {
    return [...this.ring];
  }
  trace(m: string) {
    this.channel.trace(this.clean(m));
  }
  debug(m: string) {
    this.channel.debug(this.clean(m));
  }
  info(m: string) {
    this.channel.info(this.clean(m));
  }
  warn(m: string) {
    this.channel.warn(this.clean(m));
  }
  error(m: string) {
    this.channel.error(this.clean(m));
  }
  dispose() {
    this.channel.dispose();
  }
}
