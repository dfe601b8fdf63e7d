/** Minimal typed event emitter and disposables (VS Code-style, no vscode import). */
export interface Disposable {
  dispose(): void;
}

export type Listener<T> = (e: T) => void;
export type Event<T> = (listener: Listener<T>) => Disposable;

export class Emitter<T> {
  private listeners = new Set<Listener<T>>();

  /** Subscribe; the returned disposable unsubscribes. */
  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(e: T): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        // A listener's failure must not break the stream that fired it.
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}

/** Holds disposables and disposes them together (copilot-chat's Disposable base with _register). */
export class DisposableStore implements Disposable {
  private items: Disposable[] = [];
  add<D extends Disposable>(d: D): D {
    this.items.push(d);
    return d;
  }
  dispose(): void {
    for (const d of this.items.splice(0).reverse()) d.dispose();
  }
}
