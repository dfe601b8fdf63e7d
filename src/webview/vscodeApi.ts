/** The webview's handle to its host: typed postMessage and persisted state. */
interface VsCodeApi<S, M> {
  postMessage(message: M): void;
  getState(): S | undefined;
  setState(state: S): void;
}

declare function acquireVsCodeApi<S, M>(): VsCodeApi<S, M>;

let api: unknown;

/** acquireVsCodeApi may be called only once per document. */
export function vscodeApi<S, M>(): VsCodeApi<S, M> {
  api ??= acquireVsCodeApi<S, M>();
  return api as VsCodeApi<S, M>;
}

/**
 * Says `ready` now and whenever the document becomes visible again, so the host (re)sends its
 * snapshot even if it missed the first ready.
 */
export function announceReady(post: () => void): void {
  post();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') post();
  });
}
