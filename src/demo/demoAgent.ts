import { isAbsolute, join } from 'node:path';
import type { ScriptedToolCall } from '../loopback/script';
import type { SeenMessage, SeenRequest } from '../loopback/wireFormat';

/**
 * The demo providers as an agent model, so VS Code's Agent mode (or any `vscode.lm` caller with
 * tools) can do a real tool round trip without keys: name a file and the demo calls the caller's
 * read tool on it, then answers from the content the tool returned; ask to replace text in a file
 * and it calls the caller's edit tool. Deterministic, so a turn continued on another demo provider
 * after a failover is the same answer.
 */
export interface DemoAnswer {
  text: string;
  toolCalls: ScriptedToolCall[];
}

export interface DemoAgentOptions {
  /** Absolute path of a file the user named (relative names resolve in the workspace). */
  resolveFile?: (name: string) => string | undefined;
}

type Tool = SeenRequest['tools'][number];
const FILE_RE = /(?:^|[\s`'"(])((?:[\w.-]+\/)*[\w-][\w.-]*\.[A-Za-z0-9]{1,8})(?=$|[\s`'",.:;!?)])/;
const REPLACE_RE = /replace\s+["'`](.+?)["'`]\s+(?:with|by)\s+["'`](.*?)["'`]/i;

/** The parameter of `tool` that takes a file path (filePath, path, file, uri...). */
function pathParam(tool: Tool): string {
  const props = Object.keys(
    (tool.parameters as { properties?: Record<string, unknown> } | undefined)?.properties ?? {},
  );
  return (
    props.find((p) => /^(filePath|path|file|filename|uri)$/i.test(p)) ??
    props.find((p) => /path|file/i.test(p)) ??
    'filePath'
  );
}

/** The tool named first in `names` that is offered, else the first whose name matches `re`. */
const findTool = (tools: Tool[], names: string[], re: RegExp) =>
  names.map((n) => tools.find((t) => t.name === n)).find((t) => t !== undefined) ?? tools.find((t) => re.test(t.name));

/**
 * `args` plus a plain value for each other parameter the tool requires (VS Code's read_file
 * wants a line range: the whole file is lines 1 to a large number).
 */
function withRequired(tool: Tool, args: Record<string, unknown>): Record<string, unknown> {
  type Prop = { type?: string; enum?: unknown[] };
  const schema = tool.parameters as { properties?: Record<string, Prop>; required?: string[] } | undefined;
  const out = { ...args };
  for (const name of schema?.required ?? []) {
    if (name in out) continue;
    const type = schema?.properties?.[name]?.type;
    const choices = schema?.properties?.[name]?.enum;
    out[name] = choices?.length
      ? choices[0]
      : type === 'number' || type === 'integer'
        ? /end|limit|max|count/i.test(name)
          ? 10_000
          : 1
        : type === 'boolean'
          ? false
          : '';
  }
  return out;
}

/** The answer to the conversation, or undefined when it offers no tools (the demo's usual text then). */
export function demoAgentAnswer(seen: SeenRequest, o: DemoAgentOptions = {}): DemoAnswer | undefined {
  if (seen.tools.length === 0) return undefined;
  const msgs = seen.messages;
  // VS Code's agent wraps what the user typed in <userRequest> among context; tool results may
  // come with more text after them, so the turn the user typed is the anchor.
  const tagged = findLastIndex(msgs, (m) => m.role === 'user' && m.text.includes('<userRequest>'));
  const lastUser = tagged >= 0 ? tagged : findLastIndex(msgs, (m) => m.role === 'user' && m.text.trim() !== '');
  const raw = lastUser >= 0 ? msgs[lastUser].text : '';
  const ask = /<userRequest>([\s\S]*?)<\/userRequest>/.exec(raw)?.[1] ?? raw;
  const results = msgs.slice(lastUser + 1).filter((m) => m.role === 'tool');
  const calls = msgs.slice(lastUser + 1).flatMap((m) => m.toolCalls ?? []);
  const named = FILE_RE.exec(ask)?.[1];
  const file = named ? (isAbsolute(named) ? named : (o.resolveFile?.(named) ?? named)) : undefined;

  if (results.length > 0) return { text: fromResults(calls, results, named), toolCalls: [] };
  if (!file || !named) {
    return {
      text: 'I am a **Switchboard demo model**. Name a file in your workspace (for example "What does hello.txt say?") and I will read it with your tools.',
      toolCalls: [],
    };
  }
  const replace = REPLACE_RE.exec(ask);
  const edit = findTool(seen.tools, ['replace_string_in_file', 'str_replace', 'edit_file'], /replace|edit/i);
  if (replace && edit) {
    return {
      text: `I'll replace "${replace[1]}" in \`${named}\`. `,
      toolCalls: [
        {
          name: edit.name,
          arguments: withRequired(edit, { [pathParam(edit)]: file, oldString: replace[1], newString: replace[2] }),
        },
      ],
    };
  }
  const read = findTool(seen.tools, ['read_file'], /read_?file|read|open_?file|get_?file/i);
  if (!read) return { text: `I would read \`${named}\`, but none of the tools offered reads files.`, toolCalls: [] };
  return {
    text: `I'll read \`${named}\` first. `,
    toolCalls: [{ name: read.name, arguments: withRequired(read, { [pathParam(read)]: file }) }],
  };
}

/** The answer once the tools ran: the file's content, or what the edit tool said. */
function fromResults(calls: { name: string }[], results: SeenMessage[], named: string | undefined): string {
  const body = results
    .map((r) => r.text)
    .join('\n')
    .trim();
  const edited = calls.some((c) => /replace|edit|str_replace/i.test(c.name));
  if (/^error/i.test(body)) return `The ${edited ? 'edit' : 'read'} tool failed: ${body.split('\n')[0].slice(0, 200)}`;
  if (edited) {
    return `Done: \`${named ?? 'the file'}\` was edited (${body.split('\n')[0].slice(0, 120) || 'no message'}).`;
  }
  const lines = body.split('\n');
  const shown = lines.slice(0, 20).join('\n');
  return `\`${named ?? 'The file'}\` has ${lines.length} line${lines.length === 1 ? '' : 's'}. It says:\n\n\`\`\`\n${shown}\n\`\`\`\n${lines.length > 20 ? '\n(first 20 lines shown)\n' : ''}`;
}

function findLastIndex<T>(a: T[], f: (x: T) => boolean): number {
  for (let i = a.length - 1; i >= 0; i--) if (f(a[i])) return i;
  return -1;
}

/** Directory-relative resolution for the demo: the first workspace folder that is given. */
export function resolveIn(folder: string | undefined): (name: string) => string | undefined {
  return (name) => (folder ? join(folder, name) : undefined);
}
