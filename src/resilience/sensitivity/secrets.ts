/** Sensitivity's secret detector: the shared secret shapes plus generic `api_key = "..."` assignments. */
import { SECRET_PATTERNS } from '../../core/secretPatterns';

/**
 * `name = "value"` or a `NAME=value` line (.env, YAML) where the name ends in key/secret/token/
 * password and the value is a literal of 16+ key characters with both letters and digits, so
 * `token = getToken()`, `password: string` and `tokenizer = "bert-base-v2"` are ignored.
 */
const NAME = String.raw`[\w.-]*(?:api[_-]?key|secret(?:[_-]?key)?|token|passw(?:or)?d|access[_-]?key|auth[_-]?key|private[_-]?key)`;
const VALUE = String.raw`[\w+/=.~-]{16,}`;
const QUOTED = new RegExp(String.raw`(?<![\w.-])["']?${NAME}["']?\s*[:=]\s*(["'\`])(${VALUE})\1`, 'gi');
const ENV_LINE = new RegExp(String.raw`^\s*(?:export\s+)?${NAME}\s*[:=]\s*()(${VALUE})\s*$`, 'gim');

function hasGenericAssignment(text: string): boolean {
  for (const re of [QUOTED, ENV_LINE]) {
    for (const m of text.matchAll(re)) if (/[0-9]/.test(m[2]) && /[A-Za-z]/.test(m[2])) return true;
  }
  return false;
}

/** Names of the kinds of secrets found in `text` (never the secrets themselves), each once. */
export function findSecrets(text: string): string[] {
  const found = SECRET_PATTERNS.filter((d) => d.re.test(text)).map((d) => d.name);
  if (hasGenericAssignment(text)) found.push('generic api_key= assignment');
  return found;
}
