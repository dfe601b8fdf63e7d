// Shared by the per-protocol provider harnesses: drain a stream, check for leaked keys, wait.
import type { StreamChunk } from '../../../src/core/chunks';
import { ProviderError } from '../../../src/core/errors';

export interface Collected {
  chunks: StreamChunk[];
  /** Concatenated text deltas, as the user saw them. */
  text: string;
  error?: ProviderError;
}

/** Drains a stream; a thrown ProviderError is captured, anything else fails the test. */
export async function collect(
  stream: AsyncIterable<StreamChunk>,
  onChunk?: (c: StreamChunk) => void,
): Promise<Collected> {
  const out: Collected = { chunks: [], text: '' };
  try {
    for await (const c of stream) {
      out.chunks.push(c);
      if (c.type === 'text') out.text += c.text;
      onChunk?.(c);
    }
  } catch (e) {
    if (!(e instanceof ProviderError)) throw e;
    out.error = e;
  }
  return out;
}

/** Fails if `key` (or any fake key) shows up anywhere a user or a log could see it. */
export function assertNoKeyIn(err: ProviderError, key: string): void {
  for (const s of [err.message, err.detail ?? '', String(err), JSON.stringify(err), err.stack ?? '']) {
    if (s.includes(key) || s.includes('FAKEKEY')) throw new Error('key leaked in error text (not shown)');
  }
}

export { until } from '../../support/wait';
