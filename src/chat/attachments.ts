/**
 * Attachments in plain TypeScript: the limits, cutting big content with a note, the problems
 * list, the text a request carries for each attachment, and the checks a file must pass. The
 * VS Code side (src/vscode/chat/attachSource.ts) only reads files and diagnostics.
 */
import type { Attachment } from '../core/attachments';

export const ATTACH_LIMITS = {
  /** Chips on one message. */
  count: 8,
  /** Characters of one attachment sent; the rest is cut with a note. */
  chars: 60_000,
  /** Characters of all of one message's attachments together. */
  totalChars: 200_000,
  /** A file bigger than this on disk is not read at all. */
  fileBytes: 10 * 1024 * 1024,
  /** Problems listed in one attachment (errors first). */
  problems: 200,
} as const;

/** An attachment before the tray numbers it. */
export type NewAttachment = Omit<Attachment, 'id'>;

/** A message for the user when something cannot be attached. */
export class AttachError extends Error {}

const fmt = (n: number) => n.toLocaleString('en-US');

/** Cuts `text` to the per-attachment limit; `truncated` says what was kept. */
export function bounded(text: string, max: number = ATTACH_LIMITS.chars): { content: string; truncated?: string } {
  if (text.length <= max) return { content: text };
  return { content: text.slice(0, max), truncated: `the first ${fmt(max)} of ${fmt(text.length)} characters` };
}

/** Why a new attachment cannot join `pending`, or undefined when it can. */
export function refusal(pending: readonly Attachment[], next: NewAttachment): string | undefined {
  if (pending.some((a) => a.kind === next.kind && a.label === next.label)) return `${next.label} is already attached.`;
  if (pending.length >= ATTACH_LIMITS.count)
    return `At most ${ATTACH_LIMITS.count} attachments per message: remove one (×) before adding ${next.label}.`;
  const total = pending.reduce((n, a) => n + a.content.length, 0) + next.content.length;
  if (total > ATTACH_LIMITS.totalChars)
    return `${next.label} would make this message's attachments ${fmt(total)} characters (at most ${fmt(ATTACH_LIMITS.totalChars)}): remove a chip, or attach a selection instead.`;
  return undefined;
}

/** True for content that is not text: a NUL byte early on, or bytes that are not UTF-8. */
export function looksBinary(bytes: Uint8Array): boolean {
  if (bytes.subarray(0, 8000).includes(0)) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
}

/** A fence that no run of backticks inside `content` can close early. */
function fenceFor(content: string): string {
  const longest = Math.max(2, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

/** The text a request carries for one attachment: where it is from, then its content. */
export function attachmentBlock(a: NewAttachment): string {
  const note = a.truncated ? `\n(Truncated: this is ${a.truncated}.)` : '';
  if (a.kind === 'problems') return `${a.label}:\n${a.content}${note}`;
  const lines = (_: string, range: string) => (range.includes('-') ? ` (lines ${range})` : ` (line ${range})`);
  const what = a.kind === 'file' ? `File ${a.label}` : `Selection from ${a.label.replace(/:(\d+(?:-\d+)?)$/, lines)}`;
  const fence = fenceFor(a.content);
  return `${what}:\n${fence}${a.language ?? ''}\n${a.content}\n${fence}${note}`;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
const ORDER: Severity[] = ['error', 'warning', 'info', 'hint'];

/** One diagnostic, as the problems attachment lists it. */
export interface Problem {
  severity: Severity;
  /** Absolute path (sensitivity) and the path shown. */
  path: string;
  label: string;
  /** 1-based. */
  line: number;
  message: string;
  source?: string;
}

/** The problems of one file or of the workspace as an attachment; AttachError when there are none. */
export function problemsAttachment(problems: readonly Problem[], scope: string): NewAttachment {
  if (!problems.length) throw new AttachError(`No problems to attach: ${scope} has no errors or warnings right now.`);
  const rank = (p: Problem) => ORDER.indexOf(p.severity);
  const sorted = [...problems].sort((a, b) => rank(a) - rank(b) || a.label.localeCompare(b.label) || a.line - b.line);
  const listed = sorted.slice(0, ATTACH_LIMITS.problems);
  const lines = listed.map((p) => `- ${p.severity} ${p.label}:${p.line}: ${p.message.replace(/\s+/g, ' ').trim()}${p.source ? ` (${p.source})` : ''}`);
  if (sorted.length > listed.length) lines.push(`- … and ${sorted.length - listed.length} more`);
  const { content, truncated } = bounded(lines.join('\n'));
  return {
    kind: 'problems',
    label: `Problems in ${scope} (${problems.length})`,
    paths: [...new Set(listed.map((p) => p.path))],
    content,
    ...(truncated ? { truncated } : {}),
  };
}

/** A file's text as an attachment (cut to the limit with a note). */
export function fileAttachment(file: { path: string; label: string; language: string; text: string }): NewAttachment {
  const { content, truncated } = bounded(file.text);
  const cut = truncated ? { truncated } : {};
  return { kind: 'file', label: file.label, paths: [file.path], content, language: file.language, ...cut };
}
