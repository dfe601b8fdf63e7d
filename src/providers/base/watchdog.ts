import type { Clock } from '../../core/clock';

/** Races one step (headers, the next stream event) against a deadline on `clock` and an abort signal. */
export type StepResult<T> = { kind: 'value'; value: T } | { kind: 'timeout' } | { kind: 'aborted' };

export function raceStep<T>(
  step: Promise<T>,
  timeoutMs: number,
  signal: AbortSignal,
  clock: Clock,
): Promise<StepResult<T>> {
  if (signal.aborted) {
    step.catch(() => undefined);
    return Promise.resolve({ kind: 'aborted' });
  }
  return new Promise<StepResult<T>>((resolve, reject) => {
    const timer = clock.setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    const onAbort = () => finish({ kind: 'aborted' });
    signal.addEventListener('abort', onAbort, { once: true });
    let done = false;
    function finish(r: StepResult<T> | Error) {
      if (done) return;
      done = true;
      clock.clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      if (r instanceof Error) reject(r);
      else resolve(r);
    }
    step.then(
      (value) => finish({ kind: 'value', value }),
      (err: unknown) => finish(err instanceof Error ? err : new Error(String(err))),
    );
  });
}

/** Deadline of the next step: before headers, before the first token, or between tokens. */
export type WatchPhase = 'headers' | 'first token' | 'tokens';

/** The one wording of a missed deadline, whoever set it (adapter settings or the engine). */
export function stallMessage(phase: WatchPhase, ms: number): string {
  return phase === 'headers' ? `no response headers for ${Math.round(ms)} ms` : `no ${phase === 'first token' ? 'first token' : 'tokens'} for ${Math.round(ms)} ms`;
}
