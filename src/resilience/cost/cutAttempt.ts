import type { StreamChunk, Usage } from '../../core/chunks';
import type { ChatRequest } from '../../core/messages';
import type { ChatProvider } from '../../core/provider';
import { countRequest, countText } from '../../providers/models/tokens';

/**
 * What an attempt produced before it was cut off (a hedge that lost, a dropped or failed stream):
 * the provider bills the input and every token it generated, though most providers send usage
 * only at the end of a stream.
 */
export class CutWatch {
  private text = '';
  private toolFragments = 0;
  private reportedUsage = false;
  private finished = false;

  see(c: StreamChunk): void {
    if (c.type === 'text') this.text += c.text;
    else if (c.type === 'tool_delta') this.toolFragments++;
    else if (c.type === 'usage') this.reportedUsage = true;
    else if (c.type === 'finish') this.finished = true;
  }

  /**
   * The attempt ended before its finish with no usage booked for it, after producing tokens or
   * after its provider reported usage for it (`reported`: a hedge that lost on Anthropic has
   * been billed its input already).
   */
  billedUnreported(reported?: Usage): boolean {
    if (this.finished || this.reportedUsage) return false;
    return this.text.length > 0 || this.toolFragments > 0 || (reported?.inputTokens ?? 0) > 0;
  }

  /**
   * Its usage: what the provider reported before the break (`reported`, e.g. Anthropic's input
   * tokens at the start), the rest estimated, and then marked `estimated`: input from the request,
   * output from the text received with the model's tokenizer (exact for OpenAI models), plus one
   * token per streamed fragment of tool-call arguments (whose text the engine does not keep).
   */
  usage(p: ChatProvider, req: ChatRequest, reported: Usage = {}): Usage {
    const inputTokens = reported.inputTokens ?? countRequest(p.protocol, p.model, req.messages, req.options);
    const outputTokens = reported.outputTokens ?? countText(p.protocol, p.model, this.text) + this.toolFragments;
    const estimated = reported.inputTokens === undefined || reported.outputTokens === undefined;
    return { ...reported, inputTokens, outputTokens, ...(estimated ? { estimated: true } : {}) };
  }
}
