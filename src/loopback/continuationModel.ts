import type { ProtocolId } from '../core/provider';
import type { Fault, ReplyScript } from './script';

type Message = { role?: string; content?: unknown };

const text = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : Array.isArray(content)
      ? content
          .map((b) => (b && typeof b === 'object' && 'text' in b ? String((b as { text: unknown }).text) : ''))
          .join('')
      : '';

/**
 * The part of a cut-off answer a continuation request shows the model, or undefined when the
 * request is not a continuation. Anthropic: a trailing assistant turn (prefill). OpenAI and
 * Cohere: the assistant turn before the final "continue" instruction (empty when there is none).
 */
export function shownPartial(protocol: ProtocolId, body: Record<string, unknown>): string | undefined {
  const msgs = Array.isArray(body.messages) ? (body.messages as Message[]) : [];
  const last = msgs[msgs.length - 1];
  if (!last) return undefined;
  if (protocol === 'anthropic') return last.role === 'assistant' ? text(last.content) : undefined;
  if (last.role !== 'user' || !text(last.content).startsWith('Your previous answer was cut off')) return undefined;
  const before = msgs[msgs.length - 2];
  return before?.role === 'assistant' ? text(before.content) : '';
}

export interface ContinuationModelOptions {
  /** Repeat the last N characters it was shown before going on, as models often do. */
  repeat?: number;
  /** How the reply is split into stream deltas (default: the format's word tokens). */
  split?: (reply: string) => string[];
  /** Applied to continuation replies (e.g. fail again). */
  fault?: Fault;
  /** Answer a request that is not a continuation with the whole answer (else: undefined). */
  fresh?: boolean;
}

/**
 * A loopback "model" that knows the whole `answer`: asked to continue, it replies with exactly
 * the rest of the answer after what it was shown (optionally repeating the end of that first);
 * asked anything else, the whole answer with `fresh`, else undefined so the server's queue or
 * default applies. A request
 * whose shown text is not a prefix of the answer gets a 400 naming the mismatch.
 */
export function continuationModel(protocol: ProtocolId, answer: () => string, o: ContinuationModelOptions = {}) {
  return (body: Record<string, unknown>): ReplyScript | undefined => {
    const shown = shownPartial(protocol, body) ?? (o.fresh ? '' : undefined);
    if (shown === undefined) return undefined;
    const full = answer();
    if (!full.startsWith(shown)) {
      return { fault: { type: 'status', status: 400, message: `continuation model: shown text ${JSON.stringify(shown.slice(-40))} is not a prefix of the answer` } };
    }
    const reply = (o.repeat ? shown.slice(Math.max(0, shown.length - o.repeat)) : '') + full.slice(shown.length);
    return { text: reply, ...(o.split ? { tokens: o.split(reply) } : {}), ...(o.fault ? { fault: o.fault } : {}) };
  };
}
