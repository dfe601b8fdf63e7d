import { ProviderError } from '../../core/errors';
import { Attempt } from './attempt';
import { attemptLimits } from './attemptLimits';
import type { EngineCore } from './engineCore';
import { applyOutcome, noteFirstToken } from './outcome';
import type { ProviderSlot } from './slot';
import { Waker } from './waker';

/** What a health check asks (tiny, so probing a provider costs next to nothing). */
export const PROBE_PROMPT = 'Reply with the single word OK.';
const PROBE_MESSAGES = [{ role: 'user' as const, content: PROBE_PROMPT }];

/**
 * A health check: one tiny chat straight to one provider, outside routing (no fallback, hedge or
 * budget). Its outcome feeds health and the breaker like any attempt; aborting it blames nobody.
 */
export async function probeProvider(
  core: EngineCore,
  slot: ProviderSlot,
  signal?: AbortSignal,
): Promise<{ ok: boolean; ttftMs?: number; error?: ProviderError }> {
  const waker = new Waker(core.clock);
  const ctrl = new AbortController();
  const onAbort = () => ctrl.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) ctrl.abort();
  let ttftMs: number | undefined;
  const a = new Attempt({
    slot,
    n: 1,
    hedge: false,
    messages: PROBE_MESSAGES,
    options: { maxTokens: 5 },
    limits: attemptLimits(core.settings, core.tracker, slot.id),
    clock: core.clock,
    onProgress: () => waker.wake(),
    onFirstToken: (started, ms) => {
      ttftMs = ms;
      noteFirstToken(core, started, ms);
    },
    onSettled: (ended) => applyOutcome(core, ended),
  });
  try {
    a.start();
    while (a.status === 'running') {
      while (a.take() !== undefined);
      if ((await waker.wait(ctrl.signal)) === 'aborted') {
        a.abort();
        return { ok: false, error: new ProviderError({ kind: 'cancelled', providerId: slot.id }) };
      }
    }
    return a.status === 'done' ? { ok: true, ttftMs } : { ok: false, ttftMs, error: a.error };
  } finally {
    a.abort();
    signal?.removeEventListener('abort', onAbort);
  }
}
