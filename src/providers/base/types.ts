import type { FinishReason, ResponseMeta, Usage } from '../../core/chunks';
import type { ToolFragment } from './toolCalls';

/** What a protocol hook yields after headers; BaseProvider adds the watchdog and errors. */
export type RawEvent =
  | { type: 'text'; text: string }
  /** A piece of a tool call; BaseProvider assembles them and yields whole calls at the end. */
  | ({ type: 'tool' } & ToolFragment)
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; reason: FinishReason };

export interface OpenedStream {
  meta: ResponseMeta;
  /** The response's content type, to explain a 200 whose body is not a stream. */
  contentType?: string;
  /** How many protocol events the SDK parsed so far (see frames.ts). */
  frames?: () => number;
  events: AsyncIterable<RawEvent>;
}

/** What an SDK or transport error means, before the provider adds its id and redaction. */
export interface MappedError {
  kind: import('../../core/errors').ErrorKind;
  /** The provider's words, not yet redacted. */
  detail?: string;
  status?: number;
  requestId?: string;
  retryAfterMs?: number;
}
