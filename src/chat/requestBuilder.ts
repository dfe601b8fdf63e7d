/**
 * Turns the conversation into the messages the engine sends: a short system prompt, each user
 * turn with its attachments (files, selections, problems), and each answer's text so far. Plain
 * TypeScript.
 */
import { attachmentsOf } from '../core/attachments';
import type { ChatMessage } from '../core/messages';
import type { AssistantTurn, Turn, UserTurn } from '../core/protocol';
import { attachmentBlock } from './attachments';

export const SYSTEM_PROMPT =
  'You are Switchboard, a coding assistant inside VS Code. Answer concisely in Markdown. ' +
  'Put code in fenced code blocks tagged with their language.';

export function assistantText(turn: AssistantTurn): string {
  return turn.parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
}

/** The user's text, then each attachment's block (the model reads the question first). */
export function userContent(turn: UserTurn): string {
  return [turn.text, ...attachmentsOf(turn).map(attachmentBlock)].join('\n\n');
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

/**
 * Files whose content is in the conversation (ChatInput.files): the sensitivity globs read them,
 * so one attached file that matches makes the whole chat sensitive.
 */
export function filesOf(turns: readonly Turn[]): string[] {
  const files = new Set<string>();
  for (const t of turns) if (t.role === 'user') for (const a of attachmentsOf(t)) for (const p of a.paths) files.add(p);
  return [...files];
}
