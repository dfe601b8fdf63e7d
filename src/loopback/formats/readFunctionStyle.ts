import type { SeenMessage, SeenRequest } from '../wireFormat';

type Json = Record<string, unknown>;

/** Text of a `content` that is a string or a list of parts. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((p: Json) => (p.type === 'text' ? String(p.text ?? '') : '')).join('');
}

/**
 * A request in the function-calling shape OpenAI Chat Completions and Cohere v2 share on the wire
 * (snake_case): `tool` turns with `tool_call_id`, assistant `tool_calls` with JSON text
 * arguments, `image_url` parts, `tools[].function`.
 */
export function readFunctionStyleRequest(body: Json): SeenRequest {
  const messages = ((body.messages as Json[] | undefined) ?? []).map((m): SeenMessage => {
    const calls = (m.tool_calls as Json[] | undefined)?.map((c) => {
      const fn = c.function as Json;
      return { id: String(c.id), name: String(fn.name), arguments: String(fn.arguments) };
    });
    const images = Array.isArray(m.content) ? (m.content as Json[]).filter((p) => p.type === 'image_url').length : 0;
    return {
      role: m.role as SeenMessage['role'],
      text: textOf(m.content),
      ...(calls ? { toolCalls: calls } : {}),
      ...(m.tool_call_id !== undefined ? { toolCallId: String(m.tool_call_id) } : {}),
      ...(images ? { images } : {}),
    };
  });
  const tools = ((body.tools as Json[] | undefined) ?? []).map((t) => {
    const fn = t.function as Json;
    return { name: String(fn.name), parameters: fn.parameters };
  });
  return { messages, tools };
}
