/**
 * Context attached to a chat message (a file, a selection, the current problems), shared by the
 * host and the chat webview. A sent message keeps its attachments' content, so regenerate, edit
 * and resend, and a restored chat send exactly what was attached; the webview shows only chips.
 */
import type { CodeContext, Turn, UserTurn } from './protocol';

export type AttachmentKind = 'file' | 'selection' | 'problems';

export interface Attachment {
  /** Unique among one message's attachments (`c1`, `c2`, ...): Remove names it. */
  id: string;
  kind: AttachmentKind;
  /** What the chip shows: `src/a.ts`, `src/a.ts:3-9`, `Problems: src/a.ts (2)`. */
  label: string;
  /** Files whose content or problems it carries (absolute paths): the sensitivity globs read them. */
  paths: string[];
  /** The text sent to the model, already cut to the attachment limit. */
  content: string;
  /** Fence tag of a file or selection (a language id or file extension). */
  language?: string;
  /** Why the content is shorter than the file ("the first 60,000 of 182,340 characters"). */
  truncated?: string;
}

/** What the composer shows of a pending attachment (its content stays on the host). */
export interface AttachmentChip {
  id: string;
  kind: AttachmentKind;
  label: string;
  truncated?: string;
}

/** A workspace file the host offers (the `#` completion, the suggested active file). */
export interface FileChoice {
  /** Absolute path: the only thing the webview sends back to attach it. */
  path: string;
  /** Path relative to the workspace, as shown. */
  label: string;
}

/** What the "+" menu and the composer can ask the host to attach (besides a file by path). */
export type AttachSource = 'pick' | 'activeFile' | 'selection' | 'problems' | 'workspaceProblems';
export const ATTACH_SOURCES: readonly AttachSource[] = [
  'pick',
  'activeFile',
  'selection',
  'problems',
  'workspaceProblems',
];

export function chipOf(a: Attachment): AttachmentChip {
  return { id: a.id, kind: a.kind, label: a.label, ...(a.truncated ? { truncated: a.truncated } : {}) };
}

/** A selection as an attachment (also how a turn saved before attachments existed reads its code). */
export function selectionAttachment(c: CodeContext, id = 'c1'): Attachment {
  const lines = c.startLine === c.endLine ? `${c.startLine}` : `${c.startLine}-${c.endLine}`;
  return {
    id,
    kind: 'selection',
    label: `${c.fileName}:${lines}`,
    paths: [c.path],
    content: c.code,
    language: c.language,
  };
}

/** A user turn's attachments, including the code of a turn saved before attachments existed. */
export function attachmentsOf(turn: UserTurn): Attachment[] {
  if (turn.attachments?.length) return turn.attachments;
  return turn.context ? [selectionAttachment(turn.context)] : [];
}

/**
 * A turn as the webview gets it: attachments without their content (the view shows chips only,
 * and a chat full of attached files stays small to post).
 */
export function viewTurn(turn: Turn): Turn {
  if (turn.role !== 'user' || (!turn.attachments?.length && !turn.context)) return turn;
  const { context: _legacy, ...rest } = turn;
  return { ...rest, attachments: attachmentsOf(turn).map((a) => ({ ...a, content: '' })) };
}
