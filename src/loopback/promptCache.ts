import { createHash } from 'node:crypto';

/**
 * A provider's prompt cache as the loopback server plays it: the input of a request is cached
 * when an earlier request to the same server began with the same messages (providers cache by
 * prefix), so a conversation's next turn on the server that answered its last one reports cached
 * input tokens, and the same turn on another server reports none. Tokens are counted as 4
 * characters each; real providers also need a minimum prefix (e.g. 1024 tokens), left out here so
 * tests stay small.
 */
export class PromptCache {
  private readonly seen = new Set<string>();

  /** Input and cached tokens of `body` (any wire format: system + messages), then caches its prefixes. */
  measure(body: Record<string, unknown>): { inputTokens: number; cachedInputTokens: number } {
    const items = [body.system, ...(Array.isArray(body.messages) ? body.messages : [])].filter((x) => x !== undefined);
    const hash = createHash('sha256');
    let chars = 0;
    let cachedChars = 0;
    const prefixes: string[] = [];
    for (const item of items) {
      const json = JSON.stringify(item);
      chars += json.length;
      hash.update(json);
      const key = hash.copy().digest('hex');
      prefixes.push(key);
      if (this.seen.has(key)) cachedChars = chars;
    }
    for (const k of prefixes) this.seen.add(k);
    return { inputTokens: Math.ceil(chars / 4), cachedInputTokens: Math.ceil(cachedChars / 4) };
  }
}
