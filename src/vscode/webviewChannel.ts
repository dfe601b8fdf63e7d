/**
 * Posts to a webview only after it said `ready` (messages posted earlier are lost otherwise, see
 * vscode-pull-request-github's common/webview.ts). Until then posts are queued; on `ready` the
 * owner's snapshot goes first, and queued messages the snapshot already covers are dropped.
 * Plain TypeScript: the webview is reached through `target`.
 */
export interface PostTarget<T> {
  postMessage(message: T): PromiseLike<boolean>;
}

export class WebviewChannel<T> {
  private target: PostTarget<T> | undefined;
  private isReady = false;
  private queue: T[] = [];

  /** @param keepAfterSnapshot queued messages for which this is true are still sent after the snapshot. */
  constructor(private readonly keepAfterSnapshot: (message: T) => boolean = () => false) {}

  /** A (new) webview document is loading: hold posts until it says ready. */
  attach(target: PostTarget<T>): void {
    this.target = target;
    this.isReady = false;
  }

  /** The webview went away (disposed, or hidden and torn down). */
  detach(): void {
    this.target = undefined;
    this.isReady = false;
    this.queue = [];
  }

  get ready(): boolean {
    return this.isReady && this.target !== undefined;
  }

  /** The webview said ready: send `snapshot`, then what is still worth sending from the queue. */
  markReady(snapshot: T): void {
    this.isReady = true;
    const later = this.queue.filter(this.keepAfterSnapshot);
    this.queue = [];
    this.send(snapshot);
    for (const m of later) this.send(m);
  }

  post(message: T): void {
    if (this.ready) this.send(message);
    else if (this.queue.length < 1000) this.queue.push(message);
  }

  private send(message: T): void {
    this.target?.postMessage(message).then(undefined, () => undefined);
  }
}
