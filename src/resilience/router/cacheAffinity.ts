import type { ChatMessage } from '../../core/messages';
import type { ChatInput } from '../api';
import type { Attempt } from './attempt';
import type { ChatState } from './chatState';
import type { EngineCore } from './engineCore';

/** How many conversations the engine remembers (oldest forgotten first): memory stays flat. */
const MAX_CONVERSATIONS = 500;

/**
 * Prompt-cache stickiness. Providers cache a prompt by its prefix (Anthropic `cache_control`,
 * OpenAI's automatic caching, a local server's KV cache): the next turn of a conversation is
 * cheaper and quicker where the previous turn ran. So a conversation is remembered with the
 * provider that answered it, and its next turn goes there first while the cache can still be warm
 * (`ttlMs` since the last answer; Anthropic's default cache lives 5 minutes, OpenAI's 5–10 idle)
 * — unless health forces a move: the caller prefers the remembered provider only when it is
 * usable, not degraded and not short of headroom.
 *
 * A conversation is named by what stays fixed from turn to turn: its system instructions and its
 * first user message. Two chats that share both share a cacheable prefix too.
 */
export class CacheAffinity {
  private readonly warm = new Map<string, { providerId: string; until: number }>();

  /** The provider where the conversation `key` (conversationKey) has a warm prompt cache, if any. */
  lookup(key: string, now: number): string | undefined {
    const hit = this.warm.get(key);
    return hit && hit.until > now ? hit.providerId : undefined;
  }

  /** `providerId` just answered the conversation `key`: its cache holds the prompt for `ttlMs`. */
  remember(key: string, providerId: string, ttlMs: number, now: number): void {
    this.warm.delete(key);
    this.warm.set(key, { providerId, until: now + ttlMs });
    if (this.warm.size > MAX_CONVERSATIONS) this.warm.delete(this.warm.keys().next().value as string);
  }

  get size(): number {
    return this.warm.size;
  }
}

/** System text + first user message, hashed (FNV-1a, 52 bits): the key never holds the prompt itself. */
export function conversationKey(messages: readonly ChatMessage[]): string | undefined {
  const firstUser = messages.find((m) => m.role === 'user');
  if (!firstUser) return undefined;
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content);
  return fnv1a([...system, '\u0000', firstUser.content, ...(firstUser.parts ?? []).map((p) => p.type)].join('\u0001'));
}

function fnv1a(s: string): string {
  // Two 32-bit FNV-1a lanes with different offsets: collisions between conversations are negligible.
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return `${a.toString(36)}.${b.toString(36)}`;
}

const ttlOf = (core: EngineCore) => core.settings.cacheAffinity?.ttlMs ?? 0;

/** The chat's conversation key, computed once per chat; undefined when stickiness is off. */
export function cacheKeyFor(core: EngineCore, input: ChatInput): string | undefined {
  return ttlOf(core) > 0 ? conversationKey(input.messages) : undefined;
}

/** The provider where this conversation's prompt cache is warm, when it can take the chat now. */
export function warmProvider(core: EngineCore, chat: ChatState): string | undefined {
  const id = chat.cacheKey === undefined ? undefined : core.affinity.lookup(chat.cacheKey, core.now());
  return chat.allowed.find((s) => s.id === id)?.usable() ? id : undefined;
}

/**
 * The winner now holds this conversation in its cache. Only the chat's first choice counts: a
 * fallback after a failure, a provider chosen because others were skipped, or a hedge that beat a
 * slow primary is not where the conversation belongs once its first choice is back.
 */
export function rememberWarm(core: EngineCore, chat: ChatState, w: Attempt): void {
  if (w.n !== 1 || chat.skipped?.length || chat.cacheKey === undefined) return;
  core.affinity.remember(chat.cacheKey, w.providerId, ttlOf(core), core.now());
}
