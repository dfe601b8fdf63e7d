import * as vscode from 'vscode';
import type { Logger } from '../core/log';
import { redact } from '../core/redact';

/** The "Switchboard" log channel. Every line is redacted: known keys and anything key-shaped. */
export class ChannelLogger implements Logger, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  private secrets = new Set<string>();

  constructor() {
    this.channel = vscode.window.createOutputChannel('Switchboard', { log: true });
  }

  /** Keys currently in use, so they are scrubbed even when they do not look like keys. */
  setSecrets(keys: Iterable<string>): void {
    this.secrets = new Set(keys);
  }

  private clean(m: string) {
    return redact(m, this.secrets);
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
