/**
 * VS Code language-model messages -> Switchboard messages, without importing `vscode`: the parts
 * are recognised by shape (as VS Code's own BYOK providers do, since `instanceof` fails for parts
 * made by another extension host's copy of the classes), so this is tested in plain Node.
 */
import { messageOf, type ChatMessage, type ImageData, type MessagePart, type Role } from '../core/messages';

/** LanguageModelChatMessageRole: User = 1, Assistant = 2, System = 3 (newer VS Code). */
export const LM_ROLE = { user: 1, assistant: 2, system: 3 } as const;

/** The `data` mime type VS Code's chat uses for an Anthropic cache breakpoint (data "ephemeral"). */
export const CACHE_CONTROL_MIME = 'cache_control';

export interface LmMessageLike {
  role: number;
  content: ReadonlyArray<unknown>;
}

type Obj = Record<string, unknown>;
const isObj = (p: unknown): p is Obj => typeof p === 'object' && p !== null;
const isText = (p: unknown): p is { value: string } => isObj(p) && typeof p.value === 'string' && !('callId' in p);
const isToolCall = (p: unknown): p is { callId: string; name: string; input: unknown } =>
  isObj(p) && typeof p.callId === 'string' && typeof p.name === 'string' && 'input' in p;
const isToolResult = (p: unknown): p is { callId: string; content: unknown[]; isError?: boolean } =>
  isObj(p) && typeof p.callId === 'string' && Array.isArray(p.content);
const isData = (p: unknown): p is { mimeType: string; data: Uint8Array } =>
  isObj(p) && typeof p.mimeType === 'string' && p.data instanceof Uint8Array;

const decode = (d: Uint8Array) => Buffer.from(d).toString('utf8');
const textual = (mime: string) => mime.startsWith('text/') || mime === 'application/json';

function roleOf(role: number): Role {
  return role === LM_ROLE.assistant ? 'assistant' : role === LM_ROLE.user ? 'user' : 'system';
}

const isImage = (p: unknown): p is { mimeType: string; data: Uint8Array } =>
  isData(p) && p.mimeType.startsWith('image/');

/** A tool result's images (LanguageModelDataPart image/*), base64, in order. */
function resultImages(content: unknown[]): ImageData[] {
  return content.flatMap((p) =>
    isImage(p) ? [{ mimeType: p.mimeType, data: Buffer.from(p.data).toString('base64') }] : [],
  );
}

/** A tool result's content as text: text parts, prompt-tsx parts as JSON, textual data decoded (images go apart). */
function resultText(content: unknown[]): string {
  return content
    .map((p) => {
      if (isText(p)) return p.value;
      if (isData(p)) {
        if (textual(p.mimeType)) return decode(p.data);
        return p.mimeType === CACHE_CONTROL_MIME || p.mimeType.startsWith('image/') ? '' : `[${p.mimeType} omitted]`;
      }
      if (isObj(p) && 'value' in p) return JSON.stringify(p.value);
      return '';
    })
    .join('');
}

/**
 * One part, or undefined for parts that have no meaning on another provider: thinking parts and
 * their signatures, stateful markers and other provider-only data.
 */
function toPart(p: unknown): MessagePart | undefined {
  if (isToolCall(p)) return { type: 'tool_call', id: p.callId, name: p.name, arguments: isObj(p.input) ? p.input : {} };
  if (isToolResult(p)) {
    const images = resultImages(p.content);
    return {
      type: 'tool_result',
      callId: p.callId,
      content: resultText(p.content),
      ...(p.isError ? { isError: true } : {}),
      ...(images.length ? { images } : {}),
    };
  }
  if (isText(p))
    return 'metadata' in p || 'signature' in p ? undefined : p.value ? { type: 'text', text: p.value } : undefined;
  if (isData(p)) {
    if (p.mimeType === CACHE_CONTROL_MIME) return { type: 'cache_point' };
    if (p.mimeType.startsWith('image/'))
      return { type: 'image', mimeType: p.mimeType, data: Buffer.from(p.data).toString('base64') };
    if (textual(p.mimeType)) return { type: 'text', text: decode(p.data) };
  }
  return undefined;
}

/** VS Code LM messages -> Switchboard messages (system messages stay system instructions). */
export function fromLmMessages(messages: readonly LmMessageLike[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const m of messages) {
    const parts = m.content.map(toPart).filter((p): p is MessagePart => p !== undefined);
    if (parts.some((p) => p.type !== 'cache_point')) out.push(messageOf(roleOf(m.role), parts));
  }
  return out;
}
