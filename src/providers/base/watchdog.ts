/** Races an iterator step against a deadline and an abort signal. */
export type StepResult<T> =
  | { kind: 'value'; result: IteratorResult<T> }
  | { kind: 'timeout' }
  | { kind: 'aborted' };

export function raceStep<T>(
  step: Promise<IteratorResult<T>>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<StepResult<T>> {
  if (signal.aborted) {
    step.catch(() => undefined);
    return Promise.resolve({ kind: 'aborted' });
  }
  return new Promise<StepResult<T>>((resolve, reject) => {
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    const onAbort = () => finish({ kind: 'aborted' });
    signal.addEventListener('abort', onAbort, { once: true });
    let done = false;
    function finish(r: StepResult<T> | Error) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      if (r instanceof Error) reject(r);
      else resolve(r);
    }
    step.then(
      (result) => finish({ kind: 'value', result }),
      (err: unknown) => finish(err instanceof Error ? err : new Error(String(err))),
    );
  });
}
