import type { ToolCall } from '../../core/messages';

/** A fragment of one streamed tool call, as each protocol's convert.ts reports it. */
export interface ToolFragment {
  /** Position of the call in this response (OpenAI's `index`, Anthropic's block index, ...). */
  index: number;
  id?: string;
  name?: string;
  /** A piece of the JSON arguments text. */
  args?: string;
}

/** A call whose arguments are not a JSON object: the stream is unusable, fail over. */
export class InvalidToolCallError extends Error {
  constructor(readonly toolName: string, reason: string) {
    super(`tool call "${toolName}" ${reason}`);
    this.name = 'InvalidToolCallError';
  }
}

/**
 * Collects streamed tool-call fragments and hands out whole calls only at the end, so a stream
 * that breaks inside a call's arguments never yields a partial call.
 */
export class ToolCallAssembler {
  private readonly calls = new Map<number, { id: string; name: string; args: string }>();

  get size(): number {
    return this.calls.size;
  }

  add(f: ToolFragment): void {
    const c = this.calls.get(f.index) ?? { id: '', name: '', args: '' };
    if (f.id) c.id = f.id;
    // The name comes whole with the call's first fragment; some servers repeat it later.
    if (f.name && !c.name) c.name = f.name;
    if (f.args) c.args += f.args;
    this.calls.set(f.index, c);
  }

  /** The calls in index order; throws InvalidToolCallError for a nameless call or arguments that are not a JSON object. */
  complete(): ToolCall[] {
    return [...this.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, c]) => {
        if (!c.name) throw new InvalidToolCallError(`#${index}`, 'has no name');
        let args: unknown;
        try {
          args = c.args.trim() === '' ? {} : JSON.parse(c.args);
        } catch {
          throw new InvalidToolCallError(c.name, `ended with arguments that are not valid JSON (${c.args.length} chars)`);
        }
        if (!args || typeof args !== 'object' || Array.isArray(args)) throw new InvalidToolCallError(c.name, 'has arguments that are not a JSON object');
        return { id: c.id || `call_${index}`, name: c.name, arguments: args as Record<string, unknown> };
      });
  }
}
