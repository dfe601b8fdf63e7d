import { partsOf, visibleText, type ChatMessage } from '../../core/messages';
import type { TrustLabel } from '../../core/provider';
import type { ChatInput, SensitivitySettings } from '../api';
import { matchesGlob } from './glob';
import { findSecrets } from './secrets';

export { findSecrets } from './secrets';
export { matchesGlob } from './glob';

export interface Sensitivity {
  sensitive: boolean;
  /** Why, for events and the UI; names the kind of secret or the glob, never the secret. */
  reason?: string;
}

/** Is this chat sensitive: flagged by the user, containing a secret, or carrying a matching file? */
export function classifyRequest(input: ChatInput, s: SensitivitySettings): Sensitivity {
  if (input.sensitive) return { sensitive: true, reason: 'marked sensitive' };
  for (const file of [...(input.files ?? []), ...toolFiles(input.messages)]) {
    const glob = s.fileGlobs.find((g) => matchesGlob(file, g));
    if (glob) return { sensitive: true, reason: `file ${file} matches ${glob}` };
  }
  if (s.detectSecrets) {
    for (const m of input.messages) {
      // Tool results count: an agent that read a .env file carries its content.
      const found = findSecrets(visibleText(m));
      if (found.length) return { sensitive: true, reason: `message contains a secret (${found.join(', ')})` };
    }
  }
  return { sensitive: false };
}

/** Paths an agent's tool calls touched (arguments named like `filePath`, `path`, `file`). */
function toolFiles(messages: ChatMessage[]): string[] {
  const out: string[] = [];
  for (const m of messages) {
    for (const p of partsOf(m)) {
      if (p.type !== 'tool_call') continue;
      for (const [k, v] of Object.entries(p.arguments)) if (typeof v === 'string' && /path|file/i.test(k)) out.push(v);
    }
  }
  return out;
}

/** May a request of this sensitivity go to a provider with this trust label? */
export function allowedProvider(trust: TrustLabel, sensitive: boolean, s: SensitivitySettings): boolean {
  return !sensitive || s.allowedTrust.includes(trust);
}
