import { appendPart, type TurnPart } from '../core/protocol';
import type { EngineChunk } from './api';

/**
 * One answer as the user sees it, built from engine chunks by the same rule on every surface
 * that can take text back (the chat view, `complete()`, tests): text accumulates; a `restarted`
 * notice takes back the abandoned partial, since the answer starts over on the next provider
 * and only the new text may be shown or sent as history. Surfaces that cannot take text back
 * (VS Code's chat participant and `vscode.lm`) pass `retractable: false` and never get a restart.
 */
export interface Reduced {
  /** Text parts were removed (a restart): re-render the whole turn. */
  retracted: boolean;
  /** Parts appended (text merged into the last text part), in order. */
  added: TurnPart[];
}

/** Applies one engine chunk to an answer's parts, in place. */
export function reduceTurn(parts: TurnPart[], chunk: EngineChunk): Reduced {
  const out: Reduced = { retracted: false, added: [] };
  const add = (part: TurnPart) => {
    appendPart(parts, part);
    out.added.push(part);
  };
  switch (chunk.type) {
    case 'provider':
      add({ type: 'provider', providerId: chunk.providerId, label: chunk.label, model: chunk.model });
      break;
    case 'text':
      if (chunk.text) add({ type: 'text', text: chunk.text });
      break;
    case 'notice':
      if (chunk.kind === 'restarted') {
        for (let i = parts.length - 1; i >= 0; i--) {
          if (parts[i].type !== 'text') continue;
          parts.splice(i, 1);
          out.retracted = true;
        }
      }
      add({ type: 'notice', kind: chunk.kind, message: chunk.message });
      break;
    case 'done':
      if (!parts.some((p) => p.type === 'provider'))
        add({ type: 'provider', providerId: chunk.providerId, label: chunk.providerId, model: chunk.model });
      if (chunk.finishReason === 'length')
        add({ type: 'notice', kind: 'finish', message: 'The answer reached the length limit.' });
      if (chunk.finishReason === 'filtered')
        add({ type: 'notice', kind: 'finish', message: "The provider's content filter stopped the answer." });
      break;
    case 'usage':
      if (chunk.usage.inputTokens !== undefined || chunk.usage.outputTokens !== undefined) {
        const { inputTokens, outputTokens, cachedInputTokens, costUsd } = chunk.usage;
        add({ type: 'usage', inputTokens, outputTokens, cachedInputTokens, costUsd });
      }
      break;
  }
  return out;
}

/** The answer's text as shown. */
export function visibleText(parts: readonly TurnPart[]): string {
  return parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
}
