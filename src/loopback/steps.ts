import type { ScriptedToolCall } from './script';
import type { FrameContext, WireFormat } from './wireFormat';

/** Splits text into pieces of `size` chars (at least one piece, possibly empty). */
export function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length > 0 ? out : [''];
}

/** The id a provider of this protocol would give a call. */
export function toolCallId(protocol: string, requestId: string, index: number): string {
  const tag = `${requestId.replace(/[^A-Za-z0-9]/g, '')}${index}`;
  return protocol === 'anthropic' ? `toolu_${tag}` : protocol === 'cohere' ? `${tag}-tool` : `call_${tag}`;
}

/**
 * The streamed body of an answer as steps, each a list of frames written together: one step per
 * text token, then one per piece of each tool call's arguments (the call's opening frames ride
 * with its first piece, its closing frames with its last). A fault's `afterTokens` counts steps.
 */
export function answerSteps(f: WireFormat, ctx: FrameContext, tokens: string[], calls: ScriptedToolCall[]): string[][] {
  const steps = tokens.map((t, i) => [f.token(ctx, t, i)]);
  calls.forEach((c, i) => {
    const json = typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments);
    const args = pieces(json, c.chunkChars ?? 12);
    const id = c.id ?? toolCallId(f.protocol, ctx.requestId, i);
    args.forEach((a, k) => {
      steps.push([
        ...(k === 0 ? f.toolStart(ctx, { id, name: c.name }, i) : []),
        f.toolArgs(ctx, a, i),
        ...(k === args.length - 1 ? f.toolEnd(ctx, i) : []),
      ]);
    });
  });
  return steps;
}

/** Number of argument pieces the calls stream in. */
export function toolSteps(calls: ScriptedToolCall[]): number {
  return calls.reduce(
    (n, c) =>
      n +
      pieces(typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments), c.chunkChars ?? 12).length,
    0,
  );
}
