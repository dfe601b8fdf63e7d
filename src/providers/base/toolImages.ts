import type { ChatMessage, ImageData } from '../../core/messages';

/**
 * Images a tool returned do not make a request need an image-capable model (unlike images the
 * user attached): a text-only model still gets the turn, with each image replaced by a note that
 * says it was left out and why, so the model knows the tool produced something it cannot see.
 */
export function imagePlaceholder(images: readonly ImageData[], why: string): string {
  return images.map((i) => `[${i.mimeType} image from the tool left out: ${why}]`).join('\n');
}

/** `text` followed by the placeholders of `images` (none: `text` as it is). */
export function withPlaceholders(text: string, images: readonly ImageData[] | undefined, why: string): string {
  if (!images?.length) return text;
  return [text, imagePlaceholder(images, why)].filter(Boolean).join('\n');
}

/** The messages with every tool result's images turned into placeholders in its text. */
export function withoutToolImages(messages: ChatMessage[], why: string): ChatMessage[] {
  return messages.map((m) =>
    m.parts?.some((p) => p.type === 'tool_result' && p.images?.length)
      ? {
          ...m,
          parts: m.parts.map((p) =>
            p.type === 'tool_result' && p.images?.length
              ? {
                  type: 'tool_result',
                  callId: p.callId,
                  content: withPlaceholders(p.content, p.images, why),
                  ...(p.isError ? { isError: true } : {}),
                }
              : p,
          ),
        }
      : m,
  );
}
