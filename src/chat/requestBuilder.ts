/**
 * Turns the conversation into the messages the engine sends: a short system prompt, each user
 * turn with its attached code, and each answer's text so far. Plain TypeScript.
 */
import type { ChatMessage } from '../core/messages';
import type { AssistantTurn, CodeContext, Turn, UserTurn } from '../core/protocol';

export const SYSTEM_PROMPT =
  'You are Switchboard, a coding assistant inside VS Code. Answer concisely in Markdown. ' +
  'Put code in fenced code blocks tagged with their language.';

export function assistantText(turn: AssistantTurn): string {
  return turn.parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
}

export function contextBlock(c: CodeContext): string {
  const fence = c.code.includes('```') ? '~~~~' : '```';
  return `Code from ${c.fileName} (lines ${c.startLine}-${c.endLine}, ${c.language}):\n${fence}${c.language}\n${c.code}\n${fence}`;
}

export function userContent(turn: UserTurn): string {
  return turn.context ? `${turn.text}\n\n${contextBlock(turn.context)}` : turn.text;
}

/** Messages for answering the conversation up to (not including) `upTo`, or all of it. */
export function buildMessages(turns: readonly Turn[], upTo?: AssistantTurn): ChatMessage[] {
  const out: ChatMessage[] = [{ role: 'system', content: SYSTEM_PROMPT }];
  for (const t of turns) {
    if (t === upTo) break;
    if (t.role === 'user') out.push({ role: 'user', content: userContent(t) });
    else {
      const text = assistantText(t);
      if (text) out.push({ role: 'assistant', content: text });
    }
  }
  return out;
}

/** Files whose content is in the conversation (ChatInput.files, for the sensitivity globs). */
export function filesOf(turns: readonly Turn[]): string[] {
  const files = new Set<string>();
  for (const t of turns) if (t.role === 'user' && t.context) files.add(t.context.path);
  return [...files];
}
